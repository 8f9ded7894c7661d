import { describe, expect, it } from 'vitest';
import {
  INITIAL_HLC_STATE,
  MAX_COUNTER,
  compareHlc,
  formatHlc,
  isHlc,
  isTooFarInFuture,
  parseHlc,
  receiveHlc,
  tickHlc,
  type HlcState,
} from './hlc';

/** Seeded xorshift32, so a failing random sequence can be replayed from its seed. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

describe('hlc', () => {
  it('formats fixed-width strings that round-trip through parse', () => {
    const hlc = formatHlc({ wall: 1_795_600_000_000, counter: 7 }, '3f9c2a');
    expect(hlc).toBe('001795600000000-00007-3f9c2a');
    expect(parseHlc(hlc)).toEqual({ wall: 1_795_600_000_000, counter: 7, clientId: '3f9c2a' });
    expect(isHlc(hlc)).toBe(true);
  });

  it('refuses malformed clocks and client ids', () => {
    for (const bad of ['', '1-2-a', '001795600000000-00000-', '001795600000000-00000-a-b', 42]) {
      expect(isHlc(bad)).toBe(false);
    }
    expect(() => parseHlc('001795600000000-0000-a')).toThrow(RangeError);
    expect(() => tickHlc(INITIAL_HLC_STATE, 1, 'has space')).toThrow(RangeError);
    expect(() => tickHlc(INITIAL_HLC_STATE, Number.NaN, 'a')).toThrow(RangeError);
  });

  it('takes the wall clock when it moved forward and counts when it did not', () => {
    const a = tickHlc(INITIAL_HLC_STATE, 1_000, 'c1');
    expect(a.state).toEqual({ wall: 1_000, counter: 0 });
    const b = tickHlc(a.state, 1_000, 'c1');
    expect(b.state).toEqual({ wall: 1_000, counter: 1 });
    // The wall clock went backwards: the clock keeps its wall time and counts on.
    const c = tickHlc(b.state, 400, 'c1');
    expect(c.state).toEqual({ wall: 1_000, counter: 2 });
    const d = tickHlc(c.state, 1_001, 'c1');
    expect(d.state).toEqual({ wall: 1_001, counter: 0 });
    expect([a.hlc, b.hlc, c.hlc, d.hlc]).toEqual([a.hlc, b.hlc, c.hlc, d.hlc].sort());
  });

  it('advances the wall by one when the counter is full instead of wrapping', () => {
    const full: HlcState = { wall: 5_000, counter: MAX_COUNTER };
    const next = tickHlc(full, 5_000, 'c1');
    expect(next.state).toEqual({ wall: 5_001, counter: 0 });
    expect(compareHlc(formatHlc(full, 'c1'), next.hlc)).toBe(-1);
  });

  it('orders by time first, then counter, then client id', () => {
    const t = (wall: number, counter: number, id: string) => formatHlc({ wall, counter }, id);
    expect(compareHlc(t(9, 0, 'a'), t(10, 0, 'a'))).toBe(-1);
    expect(compareHlc(t(100, 0, 'a'), t(99, 99, 'z'))).toBe(1);
    expect(compareHlc(t(10, 1, 'a'), t(10, 2, 'a'))).toBe(-1);
    expect(compareHlc(t(10, 1, 'b'), t(10, 1, 'a'))).toBe(1);
    expect(compareHlc(t(10, 1, 'a'), t(10, 1, 'a'))).toBe(0);
  });

  it('ticks past a received clock that is ahead of the local one', () => {
    const local = tickHlc(INITIAL_HLC_STATE, 1_000, 'mine').state;
    const remote = formatHlc({ wall: 2_000, counter: 4 }, 'theirs');
    const merged = receiveHlc(local, remote, 1_500);
    const next = tickHlc(merged, 1_500, 'mine');
    expect(compareHlc(next.hlc, remote)).toBe(1);
    // A remote clock behind ours changes nothing we would issue next.
    const behind = receiveHlc(merged, formatHlc({ wall: 10, counter: 0 }, 'theirs'), 1_500);
    expect(compareHlc(tickHlc(behind, 1_500, 'mine').hlc, next.hlc)).toBe(1);
  });

  it('ticks past a received clock with the same wall and a higher counter', () => {
    const local: HlcState = { wall: 3_000, counter: 2 };
    const remote = formatHlc({ wall: 3_000, counter: 9 }, 'a');
    const merged = receiveHlc(local, remote, 2_000);
    expect(merged).toEqual({ wall: 3_000, counter: 10 });
  });

  it('flags clocks too far ahead of now', () => {
    const hlc = formatHlc({ wall: 10_000, counter: 0 }, 'a');
    expect(isTooFarInFuture(hlc, 9_000, 1_000)).toBe(false);
    expect(isTooFarInFuture(hlc, 8_999, 1_000)).toBe(true);
  });

  it('stays strictly increasing over random sequences of ticks and receives', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = random(seed);
      let state = INITIAL_HLC_STATE;
      let now = 1_700_000_000_000;
      let last = '';
      const seen: string[] = [];
      for (let step = 0; step < 300; step++) {
        // The wall clock jitters both ways and sometimes stalls, as real ones do.
        now = Math.max(0, now + Math.floor((rnd() - 0.4) * 50));
        if (rnd() < 0.2) {
          const remote = formatHlc(
            { wall: now + Math.floor((rnd() - 0.5) * 200), counter: Math.floor(rnd() * 100) },
            'remote',
          );
          seen.push(remote);
          state = receiveHlc(state, remote, now);
          continue;
        }
        const tick = tickHlc(state, now, 'local');
        expect(compareHlc(tick.hlc, last), `seed ${seed} step ${step}`).toBe(1);
        for (const remote of seen) expect(compareHlc(tick.hlc, remote)).toBe(1);
        seen.length = 0;
        state = tick.state;
        last = tick.hlc;
      }
    }
  });
});
