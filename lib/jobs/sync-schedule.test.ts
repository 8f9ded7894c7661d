import { describe, expect, it, vi } from 'vitest';
import { createSyncSchedule } from './sync-schedule';

describe('sync schedule', () => {
  it('a burst of writes makes one sync, once the writes are quiet', () => {
    vi.useFakeTimers();
    try {
      const engine = { syncIfDue: vi.fn(async () => undefined) };
      const schedule = createSyncSchedule(engine, { debounceMs: 2_000 });
      for (let i = 0; i < 100; i++) {
        schedule.afterWrite();
        vi.advanceTimersByTime(10);
      }
      expect(engine.syncIfDue).not.toHaveBeenCalled();
      vi.advanceTimersByTime(2_000);
      expect(engine.syncIfDue).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a sidebar opening syncs at once and replaces a pending debounced sync', () => {
    vi.useFakeTimers();
    try {
      const engine = { syncIfDue: vi.fn(async () => undefined) };
      const schedule = createSyncSchedule(engine);
      schedule.afterWrite();
      schedule.now();
      expect(engine.syncIfDue).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(10_000);
      expect(engine.syncIfDue).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failing sync does not escape as an unhandled rejection', async () => {
    const errors: unknown[] = [];
    const engine = { syncIfDue: vi.fn(async () => Promise.reject(new Error('offline'))) };
    createSyncSchedule(engine, { onError: (e) => errors.push(e) }).now();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
  });
});
