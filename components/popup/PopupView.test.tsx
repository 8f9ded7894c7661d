// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreStats } from '../../lib/messaging/protocol';
import type { AnalyticsSummary } from '../../lib/model';
import type { RefusedChange, SyncConnection, SyncStatus } from '../../lib/sync/types';
import type { Translate } from '../types';
import { PopupView } from './PopupView';
import type { PopupActions, SeedCounts } from './types';

// Keys and substitutions made visible, so assertions check which message was used with what.
const t: Translate = (key, subs) =>
  subs === undefined ? key : `${key}[${([] as string[]).concat(subs).join('|')}]`;

function stats(overrides: Partial<StoreStats> = {}): StoreStats {
  return {
    customers: 0,
    contacts: 0,
    interactions: 0,
    orders: 0,
    deals: 0,
    pendingChanges: 0,
    ...overrides,
  };
}

function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { connection: null, phase: 'idle', pending: 0, refused: [], ...overrides };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(actions: Partial<PopupActions>, dir: 'ltr' | 'rtl' = 'ltr') {
  const full: PopupActions = {
    loadStats: vi.fn(async () => stats()),
    seedDemo: vi.fn(async () => ({ customers: 0, interactions: 0 })),
    openOptions: vi.fn(),
    loadAnalytics: vi.fn(async () => null),
    recomputeAnalytics: vi.fn(async () => null),
    loadSyncStatus: vi.fn(async () => syncStatus()),
    ...actions,
  };
  render(<PopupView actions={full} t={t} locale="en" dir={dir} />);
  return full;
}

afterEach(cleanup);

describe('PopupView', () => {
  it('shows the counts, formatted for the UI language', async () => {
    setup({
      loadStats: async () =>
        stats({ customers: 1234, interactions: 56789, orders: 12, pendingChanges: 3 }),
    });
    expect((await screen.findByTestId('popup-customers')).textContent).toBe('1,234');
    expect(screen.getByTestId('popup-interactions').textContent).toBe('56,789');
    expect(screen.getByTestId('popup-orders').textContent).toBe('12');
    expect(screen.getByTestId('popup-pending').textContent).toBe('3');
    expect(screen.getByTestId('popup-stats').textContent).toContain('popup_customers');
    // Not empty: no call to action, but the demo loader is still there as a small button.
    expect(screen.queryByTestId('popup-empty')).toBeNull();
    expect(screen.getByTestId('popup-seed-demo').className).toBe('button-secondary');
  });

  it('offers demo data when the database is empty, then shows what was loaded', async () => {
    const seeding = deferred<SeedCounts>();
    const loadStats = vi
      .fn<PopupActions['loadStats']>()
      .mockResolvedValueOnce(stats())
      .mockResolvedValueOnce(stats({ customers: 40, interactions: 1200 }));
    const actions = setup({ loadStats, seedDemo: vi.fn(() => seeding.promise) });

    expect(await screen.findByTestId('popup-empty')).toBeTruthy();
    const button = screen.getByTestId('popup-seed-demo') as HTMLButtonElement;
    expect(button.className).toBe('button-primary');
    expect(button.textContent).toBe('popup_seed_demo');

    fireEvent.click(button);
    expect(actions.seedDemo).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.textContent).toBe('popup_seed_busy');

    seeding.resolve({ customers: 40, interactions: 1200 });
    const result = await screen.findByTestId('popup-seed-result');
    expect(result.textContent).toBe('popup_seed_result[40|1,200]');
    await waitFor(() => expect(screen.getByTestId('popup-customers').textContent).toBe('40'));
    expect(loadStats).toHaveBeenCalledTimes(2);
    // The database has customers now: the call to action goes, the result stays.
    expect(screen.queryByTestId('popup-empty')).toBeNull();
    expect(screen.getByTestId('popup-seed-result')).toBe(result);
    expect(button.disabled).toBe(false);
  });

  it('shows why seeding failed and lets the user try again', async () => {
    const seedDemo = vi
      .fn<PopupActions['seedDemo']>()
      .mockRejectedValueOnce(new Error('Could not fetch /demo/dataset.json'));
    setup({ seedDemo });

    fireEvent.click(await screen.findByTestId('popup-seed-demo'));
    const error = await screen.findByTestId('popup-seed-error');
    expect(error.textContent).toBe('popup_seed_error[Could not fetch /demo/dataset.json]');
    expect(error.getAttribute('role')).toBe('alert');
    expect(screen.queryByTestId('popup-seed-result')).toBeNull();
    expect((screen.getByTestId('popup-seed-demo') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a failed count and still offers the demo data', async () => {
    setup({ loadStats: async () => Promise.reject(new Error('database blocked')) });
    const error = await screen.findByTestId('popup-stats-error');
    expect(error.textContent).toBe('popup_stats_error[database blocked]');
    expect(screen.queryByTestId('popup-stats')).toBeNull();
    expect(screen.getByTestId('popup-seed-demo')).toBeTruthy();
  });

  it('opens the settings and lays itself out right to left for Hebrew', async () => {
    const actions = setup({}, 'rtl');
    expect(screen.getByTestId('popup').getAttribute('dir')).toBe('rtl');
    fireEvent.click(screen.getByTestId('popup-open-options'));
    expect(actions.openOptions).toHaveBeenCalledTimes(1);
    await screen.findByTestId('popup-stats');
  });

  it('shows the value summary: segments in value order, ABC counts, total CLV and the model', async () => {
    const summary: AnalyticsSummary = {
      computedAt: Date.now() - 5 * 60_000,
      customers: 2357,
      method: 'bg-nbd',
      methodReason: 'bg-nbd: as asked',
      durationMs: 40,
      segments: { 'At Risk': 411, Champions: 450, "Can't Lose": 3 },
      abc: { A: 900, B: 800, C: 657 },
      predictedClv: { GBP: 10, EUR: 12345.5 },
      currency: 'EUR',
    };
    const recomputed = { ...summary, computedAt: Date.now(), customers: 2358 };
    const actions = setup({
      loadStats: async () => stats({ customers: 2357 }),
      loadAnalytics: async () => summary,
      recomputeAnalytics: vi.fn(async () => recomputed),
    });
    const segments = await screen.findAllByTestId('popup-segment');
    expect(segments.map((li) => li.textContent)).toEqual([
      'rfm_segment_champions450',
      'rfm_segment_cant_lose3',
      'rfm_segment_at_risk411',
    ]);
    expect(screen.getByTestId('popup-abc').textContent).toBe('A · 900B · 800C · 657');
    expect(screen.getByTestId('popup-value-clv').textContent).toContain('€12,345.50 + £10.00');
    expect(screen.getByTestId('popup-value-basis').textContent).toMatch(
      /2,357.*BG\/NBD.*5 minutes ago/,
    );
    fireEvent.click(screen.getByTestId('popup-recompute'));
    await waitFor(() =>
      expect(screen.getByTestId('popup-value-basis').textContent).toMatch(/2,358/),
    );
    expect(actions.recomputeAnalytics).toHaveBeenCalledTimes(1);
  });

  it('while the background computes, the figures arrive without reopening the popup', async () => {
    const summary: AnalyticsSummary = {
      computedAt: Date.now(),
      customers: 3,
      method: 'retention',
      methodReason: 'too few repeat buyers',
      durationMs: 1,
      segments: { New: 3 },
      abc: { A: 1, B: 1, C: 1 },
      predictedClv: { EUR: 30 },
      currency: 'EUR',
    };
    let calls = 0;
    const loadAnalytics = vi.fn(async () => (++calls === 1 ? null : summary));
    setup({ loadStats: async () => stats({ customers: 3 }), loadAnalytics });
    await screen.findByTestId('popup-value-none');
    // The hook asks again every SUMMARY_POLL_MS (2 s) while there is no summary.
    await waitFor(() => expect(screen.getAllByTestId('popup-segment')).toHaveLength(1), {
      timeout: 5_000,
    });
    expect(loadAnalytics).toHaveBeenCalledTimes(2);
  });

  it('says when nothing is computed yet', async () => {
    setup({ loadStats: async () => stats({ customers: 3 }) });
    expect((await screen.findByTestId('popup-value-none')).textContent).toBe('popup_value_none');
  });
});

const CONNECTION: SyncConnection = {
  url: 'https://sync.example.com',
  email: 'dana@shop.co.il',
  role: 'agent',
  teamName: 'Shop',
  connectedAt: 1,
};

function refused(n: number): RefusedChange[] {
  return Array.from({ length: n }, (_, i) => ({
    mutationId: String(i + 1).padStart(15, '0'),
    code: 'forbidden',
    reason: 'Agents cannot change the team settings.',
    table: 'settings',
    id: 'team',
    at: 1,
  }));
}

describe('PopupView: sync line', () => {
  it('says local only and offers the options page to connect', async () => {
    const actions = setup({});
    const line = await screen.findByTestId('popup-sync');
    expect(screen.getByTestId('popup-sync-text').textContent).toBe(
      'popup_sync_local · popup_sync_connect',
    );
    expect(line.className).toBe('popup-sync');
    expect(screen.queryByTestId('popup-sync-error')).toBeNull();
    expect(screen.queryByTestId('popup-sync-refused')).toBeNull();
    fireEvent.click(screen.getByTestId('popup-sync-connect'));
    expect(actions.openOptions).toHaveBeenCalledTimes(1);
  });

  it('says when it last synced and how many changes wait', async () => {
    setup({
      loadSyncStatus: async () =>
        syncStatus({ connection: CONNECTION, lastSyncAt: Date.now() - 2 * 60_000, pending: 3 }),
    });
    expect((await screen.findByTestId('popup-sync-text')).textContent).toBe(
      'popup_sync_synced[2 minutes ago] · popup_sync_pending[3]',
    );
    expect(screen.queryByTestId('popup-sync-connect')).toBeNull();
  });

  it('says "just now" under a minute, and nothing about pending when none wait', async () => {
    setup({
      loadSyncStatus: async () =>
        syncStatus({ connection: CONNECTION, lastSyncAt: Date.now() - 5_000 }),
    });
    expect((await screen.findByTestId('popup-sync-text')).textContent).toBe(
      'popup_sync_synced[options_sync_just_now]',
    );
  });

  it('says when a connected browser has not synced yet, or is syncing', async () => {
    setup({ loadSyncStatus: async () => syncStatus({ connection: CONNECTION, pending: 1200 }) });
    expect((await screen.findByTestId('popup-sync-text')).textContent).toBe(
      'popup_sync_never · popup_sync_pending[1,200]',
    );
    cleanup();
    setup({
      loadSyncStatus: async () =>
        syncStatus({ connection: CONNECTION, phase: 'pulling', lastSyncAt: 1 }),
    });
    expect((await screen.findByTestId('popup-sync-text')).textContent).toBe('popup_sync_running');
  });

  it('shows the last failure in the warning colour', async () => {
    setup({
      loadSyncStatus: async () =>
        syncStatus({
          connection: CONNECTION,
          lastSyncAt: Date.now() - 3_600_000,
          error: { message: 'The server cannot be reached.', at: Date.now() },
        }),
    });
    const error = await screen.findByTestId('popup-sync-error');
    expect(error.textContent).toBe('popup_sync_error[The server cannot be reached.]');
    expect(error.className).toBe('popup-warning');
    expect(screen.getByTestId('popup-sync').className).toContain('popup-sync-failed');
    expect(screen.getByTestId('popup-sync-text').textContent).toBe('popup_sync_synced[1 hour ago]');
  });

  it('counts refused changes and links them to the options page', async () => {
    const actions = setup({
      loadSyncStatus: async () => syncStatus({ connection: CONNECTION, refused: refused(3) }),
    });
    const link = await screen.findByTestId('popup-sync-refused');
    expect(link.textContent).toBe('popup_sync_refused[3]');
    fireEvent.click(link);
    expect(actions.openOptions).toHaveBeenCalledTimes(1);
  });

  it('leaves the line out when the status cannot be read', async () => {
    setup({ loadSyncStatus: async () => Promise.reject(new Error('no background')) });
    await screen.findByTestId('popup-stats');
    expect(screen.queryByTestId('popup-sync')).toBeNull();
  });
});
