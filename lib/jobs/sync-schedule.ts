/**
 * When the background syncs, besides the periodic alarm: shortly after local writes (a burst
 * of writes, such as logging a 100-message thread, makes one sync), and when a sidebar opens.
 * The engine itself keeps one sync at a time and honours its backoff (`syncIfDue`).
 */
export interface SyncTrigger {
  syncIfDue(): Promise<unknown>;
}

export interface SyncSchedule {
  /** A local write committed: sync once writes have been quiet for `debounceMs`. */
  afterWrite(): void;
  /** A sidebar opened, the worker started, the alarm fired: sync now if due. */
  now(): void;
}

/** Quiet time after the last local write before it is pushed. */
export const WRITE_DEBOUNCE_MS = 2_000;

export function createSyncSchedule(
  engine: SyncTrigger,
  options: {
    debounceMs?: number;
    onError?: (error: unknown) => void;
    setTimer?: (run: () => void, ms: number) => unknown;
    clearTimer?: (timer: unknown) => void;
  } = {},
): SyncSchedule {
  const debounceMs = options.debounceMs ?? WRITE_DEBOUNCE_MS;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  // Failures are the engine's to record (status, backoff); here they must only not escape.
  const onError = options.onError ?? (() => {});
  let timer: unknown;

  const run = () => {
    timer = undefined;
    engine.syncIfDue().catch(onError);
  };
  return {
    afterWrite() {
      if (timer !== undefined) clearTimer(timer);
      timer = setTimer(run, debounceMs);
    },
    now() {
      if (timer !== undefined) clearTimer(timer);
      run();
    },
  };
}
