import type { ChangedRef } from '../db/write';
import type { ChangeEvent } from '../messaging/ports';

/**
 * What the engine's onChanged refs mean to open sidebars and the analytics job: the tables
 * and the customers whose files changed, each once (the `kesher:changes` port's event).
 */
export function toChangeEvent(refs: readonly ChangedRef[]): ChangeEvent {
  const tables = new Set<string>();
  const customerIds = new Set<string>();
  for (const ref of refs) {
    tables.add(ref.table);
    if (ref.customerId !== undefined) customerIds.add(ref.customerId);
  }
  return { tables: [...tables], customerIds: [...customerIds] };
}
