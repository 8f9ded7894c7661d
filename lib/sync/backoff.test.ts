import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 30 s up to the cap, jittered between half and the whole step', () => {
    const high = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, () => 1));
    expect(high).toEqual([
      30_000,
      60_000,
      120_000,
      240_000,
      480_000,
      960_000,
      BACKOFF_CAP_MS,
      BACKOFF_CAP_MS,
    ]);
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(1_000, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it('never retries before Retry-After, even beyond the cap', () => {
    expect(backoffDelay(1, () => 1, 120_000)).toBe(120_000);
    expect(backoffDelay(1, () => 1, 5_000)).toBe(30_000);
    expect(backoffDelay(1, () => 1, 3 * BACKOFF_CAP_MS)).toBe(3 * BACKOFF_CAP_MS);
  });
});
