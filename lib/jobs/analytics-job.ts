/**
 * Keeps the derived analytics current in the background, without blocking it.
 *
 * - A full run (read everything, refit, re-rank, rescore everyone) at start-up when the
 *   stored figures are missing, stale or were computed under other settings; after a
 *   settings change or a bulk change; and once enough single changes have piled up.
 * - A change to a few customers is scored at once against the stored model and ranks: the
 *   sidebar shows a logged sale's effect in milliseconds, not after a refit.
 * A full run goes to `fullRun`: in the extension an offscreen document's worker
 * (offscreen-runner.ts), so the service worker stays free for sidebars. Work done here is
 * sliced (lib/analytics' generator) and paced by `pause`, a macrotask, so messages from
 * sidebars are answered between slices. One full run at a time; a change that arrives during
 * one is scored at once against the model it replaces, and again against its model after it.
 */
import { buildHistories, utcDay } from '../analytics/customer-history';
import { scoreCustomer } from '../analytics/score-customer';
import type { ChangeEvent } from '../messaging/ports';
import type { AnalyticsStateRow } from '../db/analytics-rows';
import type { CustomerAnalytics } from '../model/views';
import {
  readAnalyticsState,
  readCustomerAnalyticsInput,
  replaceFigures,
} from '../db/analytics-store';
import type { KesherDB } from '../db/schema';
import { getSettings } from '../db/settings';
import {
  analyticsSettingsKey,
  runFullAnalytics,
  type FullRun,
  type FullRunPhases,
} from './full-run';
import { nextTask } from './next-task';

export interface AnalyticsJobDeps {
  db: KesherDB;
  now?: () => number;
  /** Yields to the event loop (a macrotask in the worker). */
  pause?: () => Promise<void>;
  /**
   * Runs a full run and says what it took; by default here, in this context. The extension
   * hands it to an offscreen document (offscreen-runner.ts) so the worker stays free.
   */
  fullRun?: FullRun;
  /** Tells open sidebars which customers' figures changed (empty: everyone's). */
  notify(event: ChangeEvent): void;
  /** Test and bench hook: errors are otherwise logged and retried on the next change. */
  onError?: (error: unknown) => void;
}

/** Tables whose rows feed the figures. */
const INPUT_TABLES = new Set(['customers', 'orders', 'interactions', 'settings']);
/** Stored figures older than this are refreshed at start-up (recency moves every day). */
const STALE_MS = 6 * 3_600_000;
/** A full run is due once this share of customers changed since the last one (min 50). */
const REFIT_SHARE = 0.02;
const REFIT_MIN = 50;
/** Above this many customers in one event, a full run is cheaper than one by one. */
const BULK_EVENT = 200;

export const defaultPause = nextTask;

export function createAnalyticsJob(deps: AnalyticsJobDeps) {
  const { db, notify } = deps;
  const now = deps.now ?? Date.now;
  const pause = deps.pause ?? defaultPause;
  const onError = deps.onError ?? ((e: unknown) => console.error('Kesher analytics', e));

  let state: AnalyticsStateRow | undefined;
  let fullDue = false;
  const pending = new Set<string>();
  let changedSinceFull = 0;
  let running: Promise<void> | null = null;
  let lastRun: FullRunPhases | undefined;

  const runFull: FullRun =
    deps.fullRun ?? (() => runFullAnalytics(db, { now, pause, ranIn: 'worker' }));

  async function fullRun(): Promise<void> {
    lastRun = await runFull();
    // The run saved its state; read back here, whichever context ran it.
    state = await readAnalyticsState(db);
    changedSinceFull = 0;
    notify({ tables: ['analytics'], customerIds: [] });
  }

  async function scoreChanged(ids: string[], current: AnalyticsStateRow): Promise<void> {
    const settings = await getSettings(db);
    const asOf = now();
    const scored: CustomerAnalytics[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const input = await readCustomerAnalyticsInput(db, id);
      if (!input) {
        gone.push(id);
        continue;
      }
      const { histories } = buildHistories(input, {
        asOf,
        currency: settings.currency,
        grossMargin: settings.grossMargin,
      });
      const history = histories.get(id)!;
      scored.push(scoreCustomer(history, current.population, current.ranks, settings, asOf));
    }
    await replaceFigures(db, scored, gone, now());
    changedSinceFull += ids.length;
    notify({ tables: ['analytics'], customerIds: ids });
  }

  /** Customers changed since `rescoringMeanwhile` last scored; and its wake-up. */
  const changedMeanwhile = new Set<string>();
  let onChange: (() => void) | null = null;

  /**
   * Waits for a full run, and meanwhile scores changed customers against the model it
   * replaces: a full run can take a minute while an agent works (it rests for them), and a
   * logged sale should not wait for it. They stay pending: the run may have read their rows
   * before the change, so they are scored again against its model once it ends.
   */
  async function rescoringMeanwhile(
    run: Promise<void>,
    previous: AnalyticsStateRow | undefined,
  ): Promise<void> {
    let over = false;
    const ended = run.finally(() => {
      over = true;
      onChange?.();
    });
    ended.catch(() => {});
    changedMeanwhile.clear();
    while (!over && previous) {
      if (changedMeanwhile.size > 0) {
        const ids = [...changedMeanwhile];
        changedMeanwhile.clear();
        await scoreChanged(ids, previous);
        continue;
      }
      await new Promise<void>((wake) => (onChange = wake));
      onChange = null;
    }
    await ended;
  }

  async function work(): Promise<void> {
    for (;;) {
      state ??= await readAnalyticsState(db);
      const settings = await getSettings(db);
      const stale =
        !state ||
        state.settingsKey !== analyticsSettingsKey(settings) ||
        now() - state.summary.computedAt > STALE_MS ||
        utcDay(now()) !== utcDay(state.summary.computedAt);
      const refitDue =
        state !== undefined &&
        changedSinceFull >= Math.max(REFIT_MIN, REFIT_SHARE * state.summary.customers);
      if (fullDue || stale || refitDue) {
        fullDue = false;
        pending.clear();
        await rescoringMeanwhile(fullRun(), state);
        continue;
      }
      if (pending.size === 0 || !state) return;
      const ids = [...pending];
      pending.clear();
      changedMeanwhile.clear();
      await scoreChanged(ids, state);
    }
  }

  function kick(): Promise<void> {
    running ??= (async () => {
      let failed = false;
      try {
        await work();
      } catch (error) {
        failed = true;
        onError(error);
      } finally {
        running = null;
      }
      // Work that arrived as the loop was finishing; after a failure, wait for a new change
      // rather than retry in a tight loop.
      if (!failed && (pending.size > 0 || fullDue)) void kick();
    })();
    return running;
  }

  return {
    /** At start-up: refresh when the stored figures are missing or stale. */
    start(): Promise<void> {
      return kick();
    },
    /** After a committed write. */
    changed(event: ChangeEvent): void {
      if (!event.tables.some((t) => INPUT_TABLES.has(t))) return;
      if (
        event.tables.includes('settings') ||
        event.customerIds.length === 0 ||
        event.customerIds.length > BULK_EVENT
      ) {
        fullDue = true;
      } else {
        for (const id of event.customerIds) {
          pending.add(id);
          changedMeanwhile.add(id);
        }
        onChange?.();
      }
      // A run in progress picks the new work up when it loops; otherwise start one.
      if (!running) void kick();
    },
    /** Resolves when no work is left (tests, bench). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    /** Forces a full run now (the popup's "Recompute", the bench) and says what it took. */
    async recompute(): Promise<{ summary?: AnalyticsStateRow['summary']; phases?: FullRunPhases }> {
      fullDue = true;
      await kick();
      await this.idle();
      return { summary: state?.summary, phases: lastRun };
    },
    /** The last full run's summary, from memory or the database. */
    async status(): Promise<AnalyticsStateRow['summary'] | undefined> {
      state ??= await readAnalyticsState(db);
      return state?.summary;
    },
  };
}

export type AnalyticsJob = ReturnType<typeof createAnalyticsJob>;
