import { expect, vi } from 'vitest';
import type { KesherDB } from '../db/schema';
import { freshDb } from '../db/test-support';
import { DEFAULT_LOCAL_PREFS, type LocalPrefs, type PageContext, type Participant } from '../model';
import { createAnalyticsJob } from '../jobs/analytics-job';
import { createHandlers, type PrefsStore } from './handlers';
import type { ChangeEvent } from './ports';
import type { CreateCustomerInput, Result } from './protocol';
import type { SyncStatus } from '../sync/types';
import { recordingSync } from './test-sync';

/**
 * Test helpers for the background handlers (not a test file): each call to `setup` gives a
 * database of its own on its own fake IndexedDB, an in-memory PrefsStore and a notify spy.
 */

/** The clock handed to the handlers: `at` of ping and logInteraction come from it. */
export const NOW = 1_700_000_000_000;
export const AGENT = 'agent@shop.co.il';

export function memoryPrefs(initial: Partial<LocalPrefs> = {}): PrefsStore & { value: LocalPrefs } {
  const store = {
    value: structuredClone({ ...DEFAULT_LOCAL_PREFS, ...initial }) as LocalPrefs,
    get: async () => structuredClone(store.value),
    set: async (prefs: LocalPrefs) => {
      store.value = structuredClone(prefs);
    },
  };
  return store;
}

export function setup(prefsInit: Partial<LocalPrefs> = {}, syncInit: Partial<SyncStatus> = {}) {
  const db = freshDb();
  const prefs = memoryPrefs(prefsInit);
  const notify = vi.fn<(event: ChangeEvent) => void>();
  const seedDemo = vi.fn(async () => ({ customers: 3, interactions: 7 }));
  // The real job, run only on request (recomputeAnalytics): handler tests stay free of
  // background work racing their assertions.
  const analytics = createAnalyticsJob({ db, now: () => NOW, notify });
  // A recording stand-in for the sync engine (test only; the background wires lib/sync).
  const sync = recordingSync(syncInit);
  const handlers = createHandlers({
    db,
    prefs,
    notify,
    seedDemo,
    analytics,
    sync,
    now: () => NOW,
  });
  return { db, prefs, notify, seedDemo, handlers, analytics, sync };
}

export type Setup = ReturnType<typeof setup>;

export function participant(
  email: string,
  role: Participant['role'] = 'from',
  name = '',
): Participant {
  return { email, name, role };
}

/** A Gmail thread: the first participant sent every message unless `messages` says otherwise. */
export function thread(overrides: Partial<PageContext> = {}): PageContext {
  const messageIds = overrides.messageIds ?? ['m1', 'm2'];
  return {
    site: 'gmail',
    url: 'https://mail.google.com/mail/u/0/#inbox/t1',
    threadId: 't1',
    subject: 'Order 1042',
    participants: [],
    messageIds,
    messages: messageIds.map((id, i) => ({ id, at: 1_000 * (i + 1) })),
    ...overrides,
  };
}

/** The value of an ok Result; fails the test with the error otherwise. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  }
  return result.value;
}

/** The error of a failed Result; fails the test when it succeeded. */
export function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Asserts an invalid-input refusal whose message names `field`. */
export function expectInvalid(result: Result<unknown>, field: string | RegExp): void {
  const error = errorOf(result);
  expect(error.code).toBe('invalid-input');
  expect(error.message).toMatch(
    typeof field === 'string' ? new RegExp(field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : field,
  );
}

/** Everything a write touches, record by record, for "nothing was written" assertions. */
export async function dbSnapshot(db: KesherDB) {
  const tables = [
    'customers',
    'contacts',
    'interactions',
    'orders',
    'deals',
    'campaigns',
    'settings',
    'outbox',
    'meta',
  ] as const;
  // Raw: the rows' records with their clocks (lib/db/row-clocks.ts), which a write changes too.
  const rows = await Promise.all(tables.map((t) => db.table(t).toCollection().raw().toArray()));
  return Object.fromEntries(tables.map((t, i) => [t, rows[i]]));
}

/** Creates a customer through the handler and answers it. */
export async function addCustomer({ handlers }: Setup, input: CreateCustomerInput) {
  return unwrap(await handlers.createCustomer(input)).customer;
}
