import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('lets a burst through, then refuses with the wait until the next token', () => {
    const limiter = new RateLimiter({ ratePerSec: 2, burst: 3 });
    for (let i = 0; i < 3; i++) expect(limiter.take('t', 0)).toEqual({ ok: true });
    expect(limiter.take('t', 0)).toEqual({ ok: false, retryAfterSec: 1 });
    // Half a second refills one token at 2/s.
    expect(limiter.take('t', 500)).toEqual({ ok: true });
    expect(limiter.take('t', 500).ok).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter({ ratePerSec: 1, burst: 1 });
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 0).ok).toBe(false);
    expect(limiter.take('b', 0).ok).toBe(true);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const limiter = new RateLimiter({ ratePerSec: 0.25, burst: 1 });
    limiter.take('t', 0);
    expect(limiter.take('t', 0)).toEqual({ ok: false, retryAfterSec: 4 });
  });

  it('refuses nonsense settings', () => {
    expect(() => new RateLimiter({ ratePerSec: 0, burst: 1 })).toThrow(RangeError);
  });
});
