/**
 * Token buckets, one per bearer token: `ratePerSec` requests a second on average, bursts of
 * up to `burst`. In memory and per process, the one piece of state a server process keeps:
 * behind a load balancer each process limits on its own, so a token gets up to N times the
 * rate across N processes (say so when sizing; a shared limiter would need a shared store).
 */

export interface RateLimitOptions {
  ratePerSec: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { ratePerSec: 20, burst: 100 };

export type TakeResult = { ok: true } | { ok: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(private readonly opts: RateLimitOptions) {
    if (!(opts.ratePerSec > 0) || !(opts.burst >= 1)) {
      throw new RangeError('A rate limit needs ratePerSec > 0 and burst >= 1');
    }
  }

  take(key: string, now: number): TakeResult {
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.opts.burst, at: now };
    bucket.tokens = Math.min(
      this.opts.burst,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.opts.ratePerSec,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const waitMs = ((1 - bucket.tokens) / this.opts.ratePerSec) * 1000;
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Forgets buckets that have refilled: a full bucket is the same as none, and memory stays
   * bounded by the tokens active in the last few seconds. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    const refillMs = (this.opts.burst / this.opts.ratePerSec) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at >= refillMs) this.buckets.delete(key);
    }
  }
}
