/**
 * Hands a full analytics run to an offscreen document, so the service worker, which answers
 * every sidebar, never runs it. A run over 100,000 customers is seconds of reading, fitting
 * and writing; sliced on the worker's own thread it still kept each sidebar message waiting
 * behind a slice. The document lives for one run: it holds hundreds of megabytes while it
 * works, and nothing after.
 *
 * The document (entrypoints/offscreen) connects back on a port named OFFSCREEN_PORT, is asked
 * for one run, and answers where the time went; the figures and the run's state go straight
 * to the database, as in a run on the worker.
 */
import type { FullRun, FullRunPhases } from './full-run';

export const OFFSCREEN_PORT = 'kesher-analytics-runner';
export const OFFSCREEN_PATH = '/offscreen.html';
/** How often the document says it is still working: messages keep the worker alive. */
export const WORKING_EVERY_MS = 10_000;
/** A document that has not connected by then failed to load. */
const CONNECT_TIMEOUT_MS = 30_000;

/** Worker → document. */
export interface RunRequest {
  type: 'fullRun';
}

/** Document → worker. */
export type RunReply =
  | { type: 'working' }
  | { type: 'done'; phases: FullRunPhases }
  | { type: 'failed'; message: string };

/** The part of chrome.offscreen used here. */
export interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/** The part of a runtime.Port used here. */
export interface RunnerPort {
  name: string;
  sender?: { id?: string; url?: string };
  postMessage(message: RunRequest): void;
  onMessage: { addListener(cb: (message: RunReply) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

export interface OffscreenRunner {
  run: FullRun;
  /** From runtime.onConnect: true when the port was the document's, now in use. */
  accept(port: RunnerPort): boolean;
}

export function createOffscreenRunner(deps: {
  offscreen: OffscreenApi;
  /** The document's full URL (runtime.getURL(OFFSCREEN_PATH)). */
  url: string;
  extensionId: string;
  /** Runs here instead when no document can be made (no offscreen API: Firefox). */
  fallback: FullRun;
}): OffscreenRunner {
  const { offscreen } = deps;
  let waitingForPort: ((port: RunnerPort) => void) | null = null;
  let firstRun = true;

  /** The document's port, or null when no document can be made here. */
  async function openDocument(): Promise<RunnerPort | null> {
    // A document left by an earlier life of this worker (stopped mid-run) is not ours to
    // talk to: its port went with that worker. Close it and start clean.
    if (firstRun) {
      firstRun = false;
      await offscreen.closeDocument().catch(() => undefined);
    }
    const connected = new Promise<RunnerPort>((resolve) => (waitingForPort = resolve));
    try {
      await offscreen.createDocument({
        url: deps.url,
        reasons: ['WORKERS'],
        justification:
          'Recomputes customer lifetime value and segments in a worker, off the service worker that answers the sidebar.',
      });
    } catch (error) {
      waitingForPort = null;
      console.warn('Kesher: no offscreen document, analytics run in the worker', error);
      return null;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('The analytics document did not start')),
        CONNECT_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([connected, timedOut]);
    } catch (error) {
      waitingForPort = null;
      await offscreen.closeDocument().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function run(): Promise<FullRunPhases> {
    const port = await openDocument();
    if (!port) return deps.fallback();
    try {
      return await new Promise<FullRunPhases>((resolve, reject) => {
        port.onMessage.addListener((reply) => {
          if (reply.type === 'done') resolve(reply.phases);
          else if (reply.type === 'failed') reject(new Error(reply.message));
        });
        port.onDisconnect.addListener(() =>
          reject(new Error('The analytics document closed before its run ended')),
        );
        port.postMessage({ type: 'fullRun' });
      });
    } finally {
      waitingForPort = null;
      await offscreen.closeDocument().catch(() => undefined);
    }
  }

  return {
    run,
    accept(port) {
      if (port.name !== OFFSCREEN_PORT) return false;
      if (port.sender?.id !== deps.extensionId || port.sender.url !== deps.url || !waitingForPort) {
        (port as RunnerPort & { disconnect?: () => void }).disconnect?.();
        return true;
      }
      waitingForPort(port);
      waitingForPort = null;
      return true;
    },
  };
}
