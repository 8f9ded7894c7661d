import { describe, expect, it } from 'vitest';
import { createForegroundSignal, createGiveWay } from './give-way';

/** A clock that moves only when the run works (`work`) or sleeps. */
function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    work: (ms: number) => (t += ms),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    yieldTask: async () => {},
    sleeps,
  };
}

describe('createGiveWay', () => {
  const options = { holdMs: 50, activeMs: 2_000, maxCreditMs: 200 };

  it('does not rest when no sidebar asked', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({ ...time, ...options });
    for (let i = 0; i < 10; i++) {
      time.work(20);
      await giveWay.pause();
    }
    expect(time.sleeps).toEqual([]);
    expect(giveWay.heldMs()).toBe(0);
  });

  it('stands still until the hold after a request is over', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({ ...time, ...options });
    time.work(60);
    giveWay.onForeground(); // at 60: hold until 110
    time.work(10);
    await giveWay.pause(); // at 70
    expect(time.now()).toBe(110);
    expect(giveWay.heldMs()).toBe(40);
  });

  it('runs at half speed while the agent is at work, full speed after', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({ ...time, ...options });
    giveWay.onForeground();
    await giveWay.pause(); // the hold: until 50
    const pace = async (until: number) => {
      let worked = 0;
      const from = time.now();
      while (time.now() < until) {
        time.work(10);
        worked += 10;
        await giveWay.pause();
      }
      return worked / (time.now() - from);
    };
    // Within two seconds of the request: each 10 ms of work is followed by 10 ms of rest.
    expect(await pace(2_000)).toBeCloseTo(0.5, 2);
    // Then nobody is waiting: no more rests.
    expect(await pace(3_000)).toBe(1);
  });

  it('a storm of requests cannot starve the run: it works at least a third of the time', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({
      ...time,
      ...options,
      sleep: async (ms) => {
        time.sleeps.push(ms);
        // Every rest ends with another request.
        time.work(ms);
        giveWay.onForeground();
      },
    });
    let worked = 0;
    while (time.now() < 10_000) {
      giveWay.onForeground();
      time.work(10);
      worked += 10;
      await giveWay.pause();
    }
    expect(worked / time.now()).toBeGreaterThanOrEqual(1 / 3 - 0.01);
    expect(worked / time.now()).toBeLessThan(0.5);
  });
});

describe('createForegroundSignal', () => {
  it('announces a burst of requests once, and the next burst again', () => {
    let t = 0;
    let posted = 0;
    const signal = createForegroundSignal(
      () => posted++,
      20,
      () => t,
    );
    signal();
    t = 5;
    signal();
    t = 19;
    signal();
    expect(posted).toBe(1);
    t = 25;
    signal();
    expect(posted).toBe(2);
  });
});
