/**
 * Background work that gives way to the agent. A full analytics run shares two cores and one
 * database with the sidebar: a thread opening is a dozen reads, each queued behind whatever
 * the run has in flight in the database, while the run's thread takes a core. So when a
 * sidebar asks the service worker for something, the worker says so on a BroadcastChannel,
 * and the run, at its next pause:
 * - stands still until `holdMs` after the request, leaving the database and the cores to the
 *   sidebar;
 * - while an agent is at work (a request in the last `activeMs`), runs at half speed, resting
 *   as long as it worked, so the next request finds the database and a core idle more often.
 *
 * A storm of requests must not starve the run: resting is paid for by working, two
 * milliseconds of rest per millisecond of work at most (up to `maxCreditMs` saved), so the
 * run always gets at least a third of the time.
 */
import { nextTask } from './next-task';

/** The channel the worker announces sidebar requests on; the run listens. */
export const FOREGROUND_CHANNEL = 'kesher-foreground';

export interface GiveWayOptions {
  /** How long the run stands still after a sidebar request. */
  holdMs?: number;
  /** How long after a request the agent counts as at work. */
  activeMs?: number;
  /** Rest saved up at most (a quiet stretch of work earns no more). */
  maxCreditMs?: number;
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
  /** Milliseconds spent resting or standing still so far. */
  heldMs(): number;
}

const HOLD_MS = 50;
const ACTIVE_MS = 2_000;
const MAX_CREDIT_MS = 200;
/** Rest earned per millisecond worked. */
const REST_PER_WORK = 2;

export function createGiveWay(o: GiveWayOptions = {}): GiveWay {
  const holdMs = o.holdMs ?? HOLD_MS;
  const activeMs = o.activeMs ?? ACTIVE_MS;
  const maxCredit = o.maxCreditMs ?? MAX_CREDIT_MS;
  const now = o.now ?? (() => performance.now());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const yieldTask = o.yieldTask ?? nextTask;
  let lastRequest = -Infinity;
  let workingSince = now();
  let credit = maxCredit;
  let held = 0;

  /** How long to rest now, having just worked `worked` ms: 0 when nobody is waiting. */
  function restFor(t: number, worked: number): number {
    const hold = lastRequest + holdMs - t;
    if (hold > 0) return hold;
    return t - lastRequest < activeMs ? worked : 0;
  }

  return {
    onForeground() {
      lastRequest = now();
    },
    async pause() {
      await yieldTask();
      let t = now();
      const worked = t - workingSince;
      credit = Math.min(maxCredit, credit + REST_PER_WORK * worked);
      // Requests that arrive while resting extend the hold, as far as the credit goes.
      for (let rest = restFor(t, worked); rest > 0 && credit > 0; rest = restFor(t, 0)) {
        const ms = Math.min(rest, credit);
        await sleep(ms);
        const after = now();
        credit -= after - t;
        held += after - t;
        t = after;
      }
      workingSince = t;
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
