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
  it('does not stand still when no sidebar asked', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({ ...time, holdMs: 100, minWorkMs: 50 });
    for (let i = 0; i < 10; i++) {
      time.work(20);
      await giveWay.pause();
    }
    expect(time.sleeps).toEqual([]);
    expect(giveWay.heldMs()).toBe(0);
  });

  it('stands still until the hold after a request is over', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({ ...time, holdMs: 100, minWorkMs: 50 });
    time.work(60);
    giveWay.onForeground(); // at 60: hold until 160
    time.work(10);
    await giveWay.pause(); // at 70
    expect(time.now()).toBe(160);
    expect(giveWay.heldMs()).toBe(90);
  });

  it('a request during the hold extends it, by one more hold at most', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({
      ...time,
      holdMs: 100,
      minWorkMs: 0,
      sleep: async (ms) => {
        time.sleeps.push(ms);
        // Each sleep ends with another sidebar request coming in.
        time.work(ms);
        giveWay.onForeground();
      },
    });
    giveWay.onForeground();
    await giveWay.pause();
    // Extended by each request, and cut off at twice the hold from where it began.
    expect(time.now()).toBe(200);
  });

  it('works at least minWorkMs between two holds, so a storm of requests cannot starve it', async () => {
    const time = fakeTime();
    const giveWay = createGiveWay({ ...time, holdMs: 100, minWorkMs: 50 });
    let worked = 0;
    while (time.now() < 3_000) {
      giveWay.onForeground(); // a request before every slice
      time.work(10);
      worked += 10;
      await giveWay.pause();
    }
    // Each hold of 100 ms is followed by at least 50 ms of work.
    expect(worked / time.now()).toBeGreaterThanOrEqual(0.3);
    expect(giveWay.heldMs()).toBeGreaterThan(0);
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
