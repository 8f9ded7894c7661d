import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../messaging/ports';
import { createSyncBatch, MAX_HELD_CUSTOMERS, type SyncBatch } from './sync-batch';

let heard: ChangeEvent[];
let batch: SyncBatch;
beforeEach(() => {
  heard = [];
  batch = createSyncBatch((e) => heard.push(e));
});

describe('sync batch', () => {
  it('hands on a change outside a sync at once', () => {
    batch.add({ tables: ['customers'], customerIds: ['c1'] });
    expect(heard).toEqual([{ tables: ['customers'], customerIds: ['c1'] }]);
  });

  it("holds a sync's pages and hands them on as one change when it ends", () => {
    batch.begin();
    batch.add({ tables: ['customers'], customerIds: ['c1', 'c2'] });
    batch.add({ tables: ['interactions'], customerIds: ['c2', 'c3'] });
    expect(heard).toEqual([]);
    batch.end();
    expect(heard).toEqual([
      { tables: ['customers', 'interactions'], customerIds: ['c1', 'c2', 'c3'] },
    ]);
    // Nothing is handed on twice.
    batch.begin();
    batch.end();
    expect(heard).toHaveLength(1);
  });

  it('keeps a change of global rows apart from a few customers', () => {
    batch.begin();
    batch.add({ tables: ['campaigns'], customerIds: [] });
    batch.add({ tables: ['orders'], customerIds: ['c1'] });
    batch.end();
    expect(heard).toEqual([
      { tables: ['campaigns'], customerIds: [] },
      { tables: ['orders'], customerIds: ['c1'] },
    ]);
  });

  it('says "everyone" once more customers changed than it keeps', () => {
    batch.begin();
    const ids = Array.from({ length: MAX_HELD_CUSTOMERS + 1 }, (_, i) => `c${i}`);
    batch.add({ tables: ['customers'], customerIds: ids.slice(0, 10) });
    batch.add({ tables: ['customers', 'interactions'], customerIds: ids.slice(10) });
    // Already everyone's: not kept again.
    batch.add({ tables: ['interactions'], customerIds: ['c-late'] });
    batch.end();
    expect(heard).toEqual([{ tables: ['customers', 'interactions'], customerIds: [] }]);
  });

  it('an end without a begin changes nothing', () => {
    batch.end();
    batch.add({ tables: ['orders'], customerIds: ['c1'] });
    expect(heard).toEqual([{ tables: ['orders'], customerIds: ['c1'] }]);
  });
});
