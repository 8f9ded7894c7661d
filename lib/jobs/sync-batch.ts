import type { ChangeEvent } from '../messaging/ports';

/**
 * Collapses the changes a sync brings in, handed on once when the sync ends.
 *
 * A sync commits page by page, and an initial sync of a large team is hundreds of pages: each
 * page is a bulk change to the analytics job, which would recompute everyone once per page
 * and slow the sync it competes with. Held until the sync ends, the pages make one run.
 * Changes reported outside a sync (a refusal resolved) are handed on at once.
 */

/** Beyond this many customers the event says "everyone" (no ids): a full run either way. */
export const MAX_HELD_CUSTOMERS = 10_000;

export interface SyncBatch {
  /** A sync started: hold its changes. */
  begin(): void;
  /** Rows a sync (or a resolution) committed. */
  add(event: ChangeEvent): void;
  /** The sync ended, however it ended: hand on what it brought. */
  end(): void;
}

export function createSyncBatch(forward: (event: ChangeEvent) => void): SyncBatch {
  let depth = 0;
  // Kept apart so a change of global rows (no customers: settings, campaigns) does not turn
  // a few customers' changes into a change of everyone's, and the other way round.
  const everyoneTables = new Set<string>();
  const customerTables = new Set<string>();
  const customers = new Set<string>();

  function everyone(tables: readonly string[]) {
    for (const t of tables) everyoneTables.add(t);
  }

  return {
    begin() {
      depth++;
    },
    add(event) {
      if (depth === 0) {
        forward(event);
        return;
      }
      if (event.customerIds.length === 0) {
        everyone(event.tables);
        return;
      }
      // Already a change of everyone's: nothing to add.
      if (event.tables.every((t) => everyoneTables.has(t))) return;
      for (const t of event.tables) customerTables.add(t);
      for (const id of event.customerIds) customers.add(id);
      if (customers.size > MAX_HELD_CUSTOMERS) {
        everyone([...customerTables]);
        customerTables.clear();
        customers.clear();
      }
    },
    end() {
      if (depth === 0) return;
      depth--;
      if (depth > 0) return;
      const events: ChangeEvent[] = [];
      if (everyoneTables.size > 0) events.push({ tables: [...everyoneTables], customerIds: [] });
      if (customers.size > 0) {
        events.push({ tables: [...customerTables], customerIds: [...customers] });
      }
      everyoneTables.clear();
      customerTables.clear();
      customers.clear();
      for (const e of events) forward(e);
    },
  };
}
