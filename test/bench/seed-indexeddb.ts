import type { Page } from '@playwright/test';

export interface SeedSize {
  customers: number;
  interactionsPerCustomer: number;
}

/** What customer i looks like in the benchmark: one address and one domain of its own. */
export const benchCustomer = (i: number) => ({
  id: `bench-c-${String(i).padStart(7, '0')}`,
  name: `Bench Customer ${i}`,
  email: `c${i}@bench${i}.example`,
});

/**
 * Writes the benchmark's rows with raw IndexedDB from an extension page (same origin as the
 * background, so the same database), in transactions of `batch` rows. Returns the rows written
 * and the milliseconds taken: the raw-write ceiling that sync's initial load is compared with.
 */
export async function seedRaw(
  page: Page,
  size: SeedSize,
  batch = 10_000,
): Promise<{ rows: number; ms: number }> {
  await allowNamedFunctions(page);
  return page.evaluate(
    async ({ size, batch }) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('kesher');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const db = await open();
      const now = Date.now();
      const put = (store: string, rows: unknown[]) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
          const os = tx.objectStore(store);
          for (const row of rows) os.put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      const pad = (i: number) => String(i).padStart(7, '0');
      const started = performance.now();
      let rows = 0;
      let customers: unknown[] = [];
      for (let i = 0; i < size.customers; i++) {
        customers.push({
          id: `bench-c-${pad(i)}`,
          teamId: 'local',
          createdAt: now,
          updatedAt: now,
          deleted: false,
          kind: 'company',
          name: `Bench Customer ${i}`,
          domains: [`bench${i}.example`],
          emails: [`c${i}@bench${i}.example`],
          phones: [],
          address: { country: 'IL' },
          acquisition: {},
          tags: [],
          customFields: {},
          consent: {},
        });
        if (customers.length === batch) {
          await put('customers', customers);
          rows += customers.length;
          customers = [];
        }
      }
      if (customers.length) await put('customers', customers);
      rows += customers.length;
      const channels = [
        'email',
        'phone',
        'sms',
        'meeting',
        'visit',
        'note',
        'chat',
        'ticket',
        'fax',
      ];
      let interactions: unknown[] = [];
      for (let i = 0; i < size.customers; i++) {
        for (let k = 0; k < size.interactionsPerCustomer; k++) {
          const at = now - (k + 1) * 86_400_000 - i;
          interactions.push({
            id: `bench-i-${pad(i)}-${k}`,
            teamId: 'local',
            createdAt: at,
            updatedAt: at,
            deleted: false,
            customerId: `bench-c-${pad(i)}`,
            channel: channels[(i + k) % channels.length],
            direction: k % 2 ? 'inbound' : 'outbound',
            at,
            subject: `Conversation ${k} with customer ${i}`,
            externalId: `bench-msg-${i}-${k}`,
          });
          if (interactions.length === batch) {
            await put('interactions', interactions);
            rows += interactions.length;
            interactions = [];
          }
        }
      }
      if (interactions.length) await put('interactions', interactions);
      rows += interactions.length;
      db.close();
      return { rows, ms: performance.now() - started };
    },
    { size, batch },
  );
}

/**
 * tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`; a
 * function handed to page.evaluate runs in the page, where that helper does not exist.
 */
export async function allowNamedFunctions(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
}
