import type { Page } from '@playwright/test';
import type { SyncStatus } from '../../lib/sync/types';
import type { StoreStats } from '../../lib/messaging/protocol';
import { CHANGES_PORT, type ChangeEvent } from '../../lib/messaging/ports';
import type { AnalyticsSummary } from '../../lib/model/views';
import { launchWithExtension } from '../e2e/extension';
import { callBackground } from '../e2e/helpers';
import { allowNamedFunctions } from './seed-indexeddb';
import { storedChunks, totalRows, type SyncDataSize } from './sync-data';
import type { ServerProcess, ServerStats } from './sync-server';

/**
 * A fresh extension in real Chromium syncs a team the server already holds, and beside it the
 * ceiling measured in the same run, in a fresh browser of its own: raw IndexedDB writes of the
 * same rows, as the extension stores them, into a fresh database with the extension's own
 * stores and indexes.
 */

export interface InitialSyncOptions {
  server: ServerProcess;
  token: string;
  teamId: string;
  size: SyncDataSize;
  /** The `now` the rows were generated with. */
  now: number;
  /** Stop waiting after this long and report the rows stored by then. */
  maxMs: number;
  log: (line: string) => void;
}

export interface InitialSyncResult {
  rows: number;
  /**
   * connectSync sent → the first sync finished (polled status: idle with a last sync or an
   * error): connection test, the whole first sync and the sweep after it; or → given up
   * after `maxMs` (then `error` says so and `stats` how far it got).
   */
  syncMs: number;
  /** connectSync sent → answered (the connection test; the sync goes on after it). */
  answeredMs: number | null;
  ceiling: { rows: number; ms: number; txRows: number };
  status: SyncStatus;
  stats: StoreStats;
  server: ServerStats;
  /**
   * What the background's analytics job did meanwhile, as an open sidebar hears it: full runs
   * (read everything, refit, rescore everyone) finished, rescoring batches, and the last full
   * run's duration.
   */
  analytics: {
    fullRuns: number;
    rescores: number;
    lastFullRunMs: number | null;
    /** Sync finished → the job's next full run finished (null: none within 5 min). */
    afterSyncMs: number | null;
  };
  error?: string;
}

interface Heard {
  fullRuns: number;
  rescores: number;
  rowEvents: number;
}

/** Rows per transaction in the ceiling: a pulled page is one version, ≤ 1,000 rows. */
const CEILING_TX_ROWS = 1_000;
/** Rows handed to the page per evaluate (not timed). */
const CEILING_CHUNK = 10_000;
const POLL_MS = 3_000;
/** How often the sync's end is looked for: fine enough for a sync of a few seconds. */
const DONE_POLL_MS = 200;
/** How long to wait after the sync for the analytics job's run over what it brought. */
const ANALYTICS_WAIT_MS = 300_000;

export async function benchInitialSync(o: InitialSyncOptions): Promise<InitialSyncResult> {
  // The ceiling first, in a browser of its own: the origin's IndexedDB is one store for all
  // its databases, so writing and deleting the ceiling's rows in the sync's browser left the
  // sync to start while the browser was still clearing them away.
  o.log('raw IndexedDB writes of the same rows (the ceiling), in a fresh browser…');
  const ceiling = await withFreshExtension((page) => rawWrites(page, o));
  o.log(`ceiling: ${ceiling.rows.toLocaleString('en')} rows in ${Math.round(ceiling.ms)} ms`);

  const ext = await launchWithExtension();
  try {
    const call = <T>(type: string, data: unknown = null) =>
      callBackground<T>(ext.context, ext.extensionId, type, data);
    await call('getStats'); // opens the extension's database, and a popup page to call from
    const page = ext.context.pages().find((p) => p.url().startsWith('chrome-extension://'))!;
    await allowNamedFunctions(page);

    // Listens as an open sidebar does (lib/messaging/change-hub.ts), to count the analytics
    // job's runs during the sync.
    await page.evaluate((name) => {
      const g = globalThis as unknown as {
        chrome: {
          runtime: {
            connect(o: { name: string }): {
              onMessage: { addListener(cb: (e: ChangeEvent) => void): void };
            };
          };
        };
        benchHeard: Heard;
        benchPort: unknown;
      };
      const heard: Heard = { fullRuns: 0, rescores: 0, rowEvents: 0 };
      g.benchHeard = heard;
      const port = g.chrome.runtime.connect({ name });
      port.onMessage.addListener((e) => {
        if (!e.tables.includes('analytics')) heard.rowEvents++;
        else if (e.customerIds.length === 0) heard.fullRuns++;
        else heard.rescores++;
      });
      g.benchPort = port;
    }, CHANGES_PORT);

    const total = totalRows(o.size);
    const started = performance.now();
    let answeredMs: number | null = null;
    let failure: string | undefined;
    // connectSync answers once the connection is saved; the first sync goes on after it.
    const connecting = call<SyncStatus>('connectSync', { url: o.server.url, token: o.token }).then(
      () => {
        answeredMs = performance.now() - started;
        return true;
      },
      (error: unknown) => {
        failure = error instanceof Error ? error.message : String(error);
        return false;
      },
    );
    let gaveUp = false;
    let lastLog = performance.now();
    if (await connecting) {
      for (;;) {
        await new Promise((r) => setTimeout(r, DONE_POLL_MS));
        const status = await call<SyncStatus>('getSyncStatus');
        const running = status.phase === 'pushing' || status.phase === 'pulling';
        if (!running && (status.lastSyncAt !== undefined || status.error)) break;
        if (performance.now() - started > o.maxMs) {
          gaveUp = true;
          break;
        }
        if (performance.now() - lastLog < POLL_MS) continue;
        lastLog = performance.now();
        // Progress from the sync's own count: counting the stores (getStats) reads every key
        // of a million-row store, which slowed the very sync it watched.
        const have = status.received ?? 0;
        const s = (performance.now() - started) / 1000;
        o.log(
          `  ${s.toFixed(0)} s: ${have.toLocaleString('en')} / ${total.toLocaleString('en')} changes received, ` +
            `${Math.round(have / s)} /s, phase ${status.phase}` +
            (status.error ? `, error: ${status.error.message}` : ''),
        );
      }
    }
    const syncMs = performance.now() - started;
    const heardNow = () =>
      page.evaluate(() => ({ ...(globalThis as unknown as { benchHeard: Heard }).benchHeard }));
    const heard = await heardNow();
    // The analytics job's run over what the sync brought comes after it: timed apart.
    let afterSyncMs: number | null = null;
    while (!gaveUp && performance.now() - started - syncMs < ANALYTICS_WAIT_MS) {
      if ((await heardNow()).fullRuns > heard.fullRuns) {
        afterSyncMs = performance.now() - started - syncMs;
        break;
      }
      await new Promise((r) => setTimeout(r, DONE_POLL_MS));
    }
    const [status, stats, server, summary] = await Promise.all([
      call<SyncStatus>('getSyncStatus'),
      call<StoreStats>('getStats'),
      o.server.stats(),
      call<{ summary: AnalyticsSummary | null }>('getAnalyticsSummary'),
    ]);
    const have = stats.customers + stats.interactions;
    if (gaveUp) {
      failure = `gave up after ${Math.round(o.maxMs / 60_000)} min with ${have} of ${total} rows stored`;
    }
    if (!failure && status.error) failure = status.error.message;
    if (!failure && have !== total) failure = `stored ${have} rows of ${total}`;
    return {
      rows: total,
      syncMs,
      answeredMs,
      ceiling,
      status,
      stats,
      server,
      analytics: {
        fullRuns: heard.fullRuns,
        rescores: heard.rescores,
        lastFullRunMs: summary.summary?.durationMs ?? null,
        afterSyncMs,
      },
      ...(failure ? { error: failure } : {}),
    };
  } finally {
    await ext.close();
  }
}

/** A fresh extension's page (its database opened), for `use`; the browser closed after. */
async function withFreshExtension<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const ext = await launchWithExtension();
  try {
    await callBackground(ext.context, ext.extensionId, 'getStats', null);
    const page = ext.context.pages().find((p) => p.url().startsWith('chrome-extension://'))!;
    await allowNamedFunctions(page);
    return await use(page);
  } finally {
    await ext.close();
  }
}

/** The ceiling: the same rows written with raw IndexedDB, timed in the page, transfer excluded. */
async function rawWrites(
  page: Page,
  o: InitialSyncOptions,
): Promise<{ rows: number; ms: number; txRows: number }> {
  await page.evaluate(async () => {
    const g = globalThis as unknown as { ceilingDb?: IDBDatabase };
    const request = <T>(r: IDBRequest<T> | IDBOpenDBRequest) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result as T);
        r.onerror = () => reject(r.error);
      });
    // The extension's stores and indexes, copied into a database of the bench's own.
    const source = await request<IDBDatabase>(indexedDB.open('kesher'));
    const stores = [...source.objectStoreNames].map((name) => {
      const store = source.transaction(name).objectStore(name);
      return {
        name,
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
        indexes: [...store.indexNames].map((i) => {
          const index = store.index(i);
          return {
            name: i,
            keyPath: index.keyPath,
            unique: index.unique,
            multiEntry: index.multiEntry,
          };
        }),
      };
    });
    source.close();
    await request(indexedDB.deleteDatabase('kesher-bench-ceiling'));
    const open = indexedDB.open('kesher-bench-ceiling', 1);
    open.onupgradeneeded = () => {
      for (const s of stores) {
        const store = open.result.createObjectStore(s.name, {
          keyPath: s.keyPath,
          autoIncrement: s.autoIncrement,
        });
        for (const i of s.indexes) {
          store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
        }
      }
    };
    g.ceilingDb = await request<IDBDatabase>(open);
  });

  let rows = 0;
  let ms = 0;
  for (const chunk of storedChunks(o.size, o.now, o.teamId, CEILING_CHUNK)) {
    ms += await page.evaluate(
      async ({ table, rows, txRows }) => {
        const db = (globalThis as unknown as { ceilingDb: IDBDatabase }).ceilingDb;
        const started = performance.now();
        for (let i = 0; i < rows.length; i += txRows) {
          // The browser's default durability, as Dexie's transactions in the extension use.
          const tx = db.transaction(table, 'readwrite');
          const store = tx.objectStore(table);
          for (const row of rows.slice(i, i + txRows)) store.put(row);
          await new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
          });
        }
        return performance.now() - started;
      },
      { table: chunk.table, rows: chunk.rows, txRows: CEILING_TX_ROWS },
    );
    rows += chunk.rows.length;
  }

  await page.evaluate(async () => {
    const g = globalThis as unknown as { ceilingDb?: IDBDatabase };
    g.ceilingDb?.close();
    delete g.ceilingDb;
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.deleteDatabase('kesher-bench-ceiling');
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error);
    });
  });
  return { rows, ms, txRows: CEILING_TX_ROWS };
}
