/**
 * Background work that gives way to the agent. A full analytics run shares two cores and one
 * database with the sidebar: a thread opening is a dozen reads, each queued behind whatever
 * page the run has in flight, while the run's thread takes a core. So when a sidebar asks the
 * service worker for something, the worker says so on a BroadcastChannel, and the run, at its
 * next pause, stops for a moment and leaves the database and the cores to the sidebar.
 *
 * A storm of requests must not starve the run: after giving way it works at least
 * `minWorkMs` before it gives way again.
 */
import { nextTask } from './next-task';

/** The channel the worker announces sidebar requests on; the run listens. */
export const FOREGROUND_CHANNEL = 'kesher-foreground';

export interface GiveWayOptions {
  /** How long the run stands still after a sidebar request. */
  holdMs?: number;
  /** Work done between two holds, at least. */
  minWorkMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The pause the run takes anyway: a new task, so messages get in. */
  yieldTask?: () => Promise<void>;
}

export interface GiveWay {
  /** A sidebar request arrived. */
  onForeground(): void;
  /** The run's pause between slices and pages. */
  pause(): Promise<void>;
  /** Milliseconds spent standing still so far. */
  heldMs(): number;
}

const HOLD_MS = 100;
const MIN_WORK_MS = 50;

export function createGiveWay(o: GiveWayOptions = {}): GiveWay {
  const holdMs = o.holdMs ?? HOLD_MS;
  const minWorkMs = o.minWorkMs ?? MIN_WORK_MS;
  const now = o.now ?? (() => performance.now());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const yieldTask = o.yieldTask ?? nextTask;
  let holdUntil = -Infinity;
  let workingSince = now();
  let held = 0;

  return {
    onForeground() {
      holdUntil = now() + holdMs;
    },
    async pause() {
      await yieldTask();
      const started = now();
      if (holdUntil <= started || started - workingSince < minWorkMs) return;
      // Requests that arrive while standing still extend the hold, up to one more holdMs.
      const limit = started + 2 * holdMs;
      for (let t = started; holdUntil > t && t < limit; t = now()) {
        await sleep(Math.min(holdUntil, limit) - t);
      }
      workingSince = now();
      held += workingSince - started;
    },
    heldMs: () => held,
  };
}

/**
 * The worker's side: announce a sidebar request, at most once per `gapMs` (a thread opening
 * is several requests in a row; one message covers them).
 */
export function createForegroundSignal(
  post: () => void,
  gapMs = 20,
  now: () => number = () => performance.now(),
): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < gapMs) return;
    last = t;
    post();
  };
}
