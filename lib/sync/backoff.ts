/**
 * When to try again after a failed sync: exponential from 30 s, capped at 30 minutes, with
 * jitter, and never sooner than the server's Retry-After. Pure; the engine stores the result.
 */

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 30 * 60_000;

/**
 * The wait after the `failures`-th failure in a row (1 for the first). "Equal jitter": half
 * the step is fixed and half random, so browsers that failed together (a server restart)
 * spread out, yet none retries sooner than half the step.
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const step = Math.min(
    BACKOFF_CAP_MS,
    BACKOFF_BASE_MS * 2 ** Math.min(Math.max(failures, 1) - 1, 16),
  );
  const jittered = Math.round(step / 2 + random() * (step / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
