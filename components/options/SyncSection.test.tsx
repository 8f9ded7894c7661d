// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  RefusalResolution,
  RefusedChange,
  SyncConnection,
  SyncStatus,
} from '../../lib/sync/types';
import type { Translate } from '../types';
import { SyncSection } from './SyncSection';
import type { SyncActions } from './types';

// Keys and substitutions made visible, so assertions check which message was used with what.
const t: Translate = (key, subs) =>
  subs === undefined ? key : `${key}[${([] as string[]).concat(subs).join('|')}]`;

const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const MINUTE = 60_000;

const CONNECTION: SyncConnection = {
  url: 'https://sync.shop.co.il',
  email: 'dana@shop.co.il',
  role: 'manager',
  teamName: 'Shop Ltd',
  connectedAt: NOW - 60 * MINUTE,
};

const TAKEN: RefusedChange = {
  mutationId: '000000000000007',
  code: 'email_taken',
  reason: 'Another customer of the team already has noa@acme.co.il.',
  table: 'customers',
  id: '0190f1c2-0000-7000-8000-000000000001',
  conflictWith: '0190f1c2-0000-7000-8000-000000000002',
  label: 'Noa Cohen',
  conflictLabel: 'Noa Cohen (Acme)',
  at: NOW - MINUTE,
};

const FORBIDDEN: RefusedChange = {
  mutationId: '000000000000009',
  code: 'forbidden',
  reason: 'Agents cannot change the team settings.',
  table: 'settings',
  id: 'team',
  at: NOW - MINUTE,
};

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { connection: null, phase: 'idle', pending: 0, refused: [], ...overrides };
}

/**
 * Actions over an in-memory engine that behaves like the background's: connecting with the
 * token "good" works, anything else is refused with the server's sentence.
 */
function setup(initial: Partial<SyncStatus> = {}, pollMs = 60_000) {
  let state = status(initial);
  const answer = async () => structuredClone(state);
  const actions = {
    status: vi.fn(answer),
    connect: vi.fn(async (url: string, token: string) => {
      if (token !== 'good') throw new Error('The server refused the token.');
      state = { ...state, connection: { ...CONNECTION, url } };
      return answer();
    }),
    disconnect: vi.fn(async () => {
      state = { ...state, connection: null };
      return answer();
    }),
    syncNow: vi.fn(async () => {
      state = { ...state, lastSyncAt: NOW, pending: 0, error: undefined };
      return answer();
    }),
    resolve: vi.fn(async (mutationId: string, _resolution: RefusalResolution) => {
      state = { ...state, refused: state.refused.filter((r) => r.mutationId !== mutationId) };
      return answer();
    }),
  } satisfies SyncActions;
  render(<SyncSection t={t} locale="en" actions={actions} pollMs={pollMs} now={() => NOW} />);
  return {
    actions,
    /** The engine moved on by itself (a background sync). */
    change(patch: Partial<SyncStatus>) {
      state = { ...state, ...patch };
    },
  };
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

afterEach(cleanup);

describe('SyncSection: local only', () => {
  it('says the data stays in this browser and offers the connection form', async () => {
    setup();
    expect(screen.getByTestId('sync-loading')).toBeTruthy();
    expect((await screen.findByTestId('sync-local-only')).textContent).toBe(
      'options_sync_local_only',
    );
    expect(screen.getByTestId('sync-token').getAttribute('type')).toBe('password');
    expect(screen.getByTestId('sync-url').getAttribute('dir')).toBe('ltr');
    expect(screen.queryByTestId('sync-status')).toBeNull();
    expect(screen.queryByTestId('sync-now')).toBeNull();
    expect(screen.queryByTestId('sync-refusals')).toBeNull();
  });

  it('labels the fields for screen readers', async () => {
    setup();
    expect(await screen.findByLabelText('options_sync_url')).toBe(screen.getByTestId('sync-url'));
    expect(screen.getByLabelText('options_sync_token')).toBe(screen.getByTestId('sync-token'));
  });

  it('refuses empty fields without asking the background', async () => {
    const { actions } = setup();
    await screen.findByTestId('sync-connect');
    type('sync-url', '   ');
    fireEvent.click(screen.getByTestId('sync-connect'));
    expect(screen.getByTestId('sync-url-error').textContent).toBe('options_sync_url_missing');
    expect(screen.getByTestId('sync-token-error').textContent).toBe('options_sync_token_missing');
    expect(screen.getByTestId('sync-url').getAttribute('aria-invalid')).toBe('true');
    expect(actions.connect).not.toHaveBeenCalled();
  });
});

describe('SyncSection: connecting', () => {
  it('connects with the URL and token trimmed and shows who is connected', async () => {
    const { actions } = setup();
    await screen.findByTestId('sync-connect');
    type('sync-url', '  https://sync.shop.co.il/ ');
    type('sync-token', ' good\n');
    fireEvent.click(screen.getByTestId('sync-connect'));

    const line = await screen.findByTestId('sync-status');
    expect(actions.connect).toHaveBeenCalledExactlyOnceWith('https://sync.shop.co.il/', 'good');
    expect(line.textContent).toBe(
      'options_sync_connected[Shop Ltd|dana@shop.co.il|options_sync_role_manager]',
    );
    // The form, and the token typed into it, are gone.
    expect(screen.queryByTestId('sync-token')).toBeNull();
    expect(screen.queryByTestId('sync-local-only')).toBeNull();
    expect(screen.getByTestId('sync-now')).toBeTruthy();
  });

  it("shows the engine's sentence when the connection test fails, and keeps the form", async () => {
    const { actions } = setup();
    await screen.findByTestId('sync-connect');
    type('sync-url', 'https://sync.shop.co.il');
    type('sync-token', 'wrong');
    fireEvent.click(screen.getByTestId('sync-connect'));

    const error = await screen.findByTestId('sync-error');
    expect(error.textContent).toBe('options_sync_connect_error[The server refused the token.]');
    expect(error.getAttribute('role')).toBe('alert');
    expect(actions.connect).toHaveBeenCalledWith('https://sync.shop.co.il', 'wrong');
    expect((screen.getByTestId('sync-url') as HTMLInputElement).value).toBe(
      'https://sync.shop.co.il',
    );
    expect((screen.getByTestId('sync-connect') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('sync-status')).toBeNull();

    // A second try with the right token clears the error.
    type('sync-token', 'good');
    fireEvent.click(screen.getByTestId('sync-connect'));
    await screen.findByTestId('sync-status');
    expect(screen.queryByTestId('sync-error')).toBeNull();
  });

  it('names the server by its host when the team has no name', async () => {
    setup({ connection: { ...CONNECTION, teamName: undefined, role: 'agent' } });
    expect((await screen.findByTestId('sync-status')).textContent).toBe(
      'options_sync_connected[sync.shop.co.il|dana@shop.co.il|options_sync_role_agent]',
    );
  });
});

describe('SyncSection: connected', () => {
  it('shows the last sync, what waits, and the last failure with the next try', async () => {
    setup({
      connection: CONNECTION,
      lastSyncAt: NOW - 2 * MINUTE,
      pending: 1234,
      error: { message: 'The server cannot be reached.', at: NOW, retryAt: NOW + 5 * MINUTE },
    });
    expect((await screen.findByTestId('sync-last')).textContent).toBe(
      'options_sync_last[2 minutes ago]',
    );
    expect(screen.getByTestId('sync-pending').textContent).toBe('options_sync_pending[1,234]');
    expect(screen.getByTestId('sync-error').textContent).toBe(
      'options_sync_error[The server cannot be reached.] options_sync_retry[in 5 minutes]',
    );
  });

  it('says "not synced yet", "just now", a retry in a moment and a sync under way', async () => {
    const { change } = setup(
      {
        connection: CONNECTION,
        error: { message: 'Timed out.', at: NOW, retryAt: NOW + 20_000 },
      },
      20,
    );
    expect((await screen.findByTestId('sync-last')).textContent).toBe('options_sync_never');
    expect(screen.getByTestId('sync-error').textContent).toBe(
      'options_sync_error[Timed out.] options_sync_retry_soon',
    );
    change({ lastSyncAt: NOW - 10_000, phase: 'pushing', error: undefined });
    await waitFor(() =>
      expect(screen.getByTestId('sync-last').textContent).toBe(
        'options_sync_last[options_sync_just_now] · options_sync_running',
      ),
    );
    expect(screen.queryByTestId('sync-error')).toBeNull();
    // A long first sync shows how far it got.
    change({ lastSyncAt: undefined, phase: 'pulling', received: 12_000 });
    await waitFor(() =>
      expect(screen.getByTestId('sync-last').textContent).toBe(
        'options_sync_never · options_sync_running options_sync_received[12,000]',
      ),
    );
  });

  it('syncs now and shows the answer', async () => {
    const { actions } = setup({ connection: CONNECTION, pending: 3 });
    fireEvent.click(await screen.findByTestId('sync-now'));
    await waitFor(() =>
      expect(screen.getByTestId('sync-last').textContent).toBe(
        'options_sync_last[options_sync_just_now]',
      ),
    );
    expect(actions.syncNow).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('sync-pending').textContent).toBe('options_sync_pending[0]');
  });

  it('shows why a sync-now failed', async () => {
    const { actions } = setup({ connection: CONNECTION });
    actions.syncNow.mockRejectedValueOnce(new Error('Could not establish connection'));
    fireEvent.click(await screen.findByTestId('sync-now'));
    expect((await screen.findByTestId('sync-action-error')).textContent).toBe(
      'options_sync_action_error[Could not establish connection]',
    );
  });

  it('asks before disconnecting, says local data stays, and can be cancelled', async () => {
    const { actions } = setup({ connection: CONNECTION, pending: 2 });
    fireEvent.click(await screen.findByTestId('sync-disconnect'));
    expect(screen.getByTestId('sync-disconnect-question').textContent).toBe(
      'options_sync_disconnect_confirm',
    );
    expect(document.activeElement).toBe(screen.getByTestId('sync-disconnect-confirm'));
    expect(actions.disconnect).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('sync-disconnect-cancel'));
    expect(screen.queryByTestId('sync-disconnect-question')).toBeNull();
    expect(actions.disconnect).not.toHaveBeenCalled();
    expect(screen.getByTestId('sync-status')).toBeTruthy();

    fireEvent.click(screen.getByTestId('sync-disconnect'));
    fireEvent.click(screen.getByTestId('sync-disconnect-confirm'));
    expect(await screen.findByTestId('sync-local-only')).toBeTruthy();
    expect(actions.disconnect).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('sync-status')).toBeNull();
  });

  it('follows the engine while the page is open', async () => {
    const { actions, change } = setup({ connection: CONNECTION, pending: 5 }, 20);
    expect((await screen.findByTestId('sync-pending')).textContent).toBe('options_sync_pending[5]');
    change({ pending: 0, lastSyncAt: NOW - 3 * MINUTE });
    await waitFor(() =>
      expect(screen.getByTestId('sync-pending').textContent).toBe('options_sync_pending[0]'),
    );
    expect(screen.getByTestId('sync-last').textContent).toBe('options_sync_last[3 minutes ago]');
    expect(actions.status.mock.calls.length).toBeGreaterThan(1);
  });

  it('keeps what it shows when a later poll fails', async () => {
    const { actions } = setup({ connection: CONNECTION }, 20);
    await screen.findByTestId('sync-status');
    actions.status.mockRejectedValue(new Error('service worker stopped'));
    const calls = actions.status.mock.calls.length;
    await waitFor(() => expect(actions.status.mock.calls.length).toBeGreaterThan(calls + 1));
    expect(screen.getByTestId('sync-status')).toBeTruthy();
    expect(screen.queryByTestId('sync-load-error')).toBeNull();
  });

  it('says why the status could not be read at first', async () => {
    const { actions } = setup();
    cleanup();
    actions.status.mockRejectedValueOnce(new Error('Could not establish connection'));
    render(<SyncSection t={t} locale="en" actions={actions} pollMs={60_000} />);
    expect((await screen.findByTestId('sync-load-error')).textContent).toBe(
      'options_sync_load_error[Could not establish connection]',
    );
  });
});

describe('SyncSection: refused changes', () => {
  it("lists each refusal with the server's reason and the row it concerns", async () => {
    setup({ connection: CONNECTION, refused: [TAKEN, FORBIDDEN] });
    const items = await screen.findAllByTestId('sync-refusal');
    expect(items).toHaveLength(2);

    const [taken, forbidden] = items.map((item) => within(item));
    expect(taken!.getByTestId('sync-refusal-row').textContent).toBe(
      'options_sync_refusal_row[Noa Cohen]',
    );
    expect(taken!.getByTestId('sync-refusal-reason').textContent).toBe(TAKEN.reason);
    expect(taken!.getByTestId('sync-merge').textContent).toBe(
      'options_sync_merge[Noa Cohen (Acme)]',
    );
    expect(taken!.getByTestId('sync-merge').getAttribute('aria-label')).toBe(
      'options_sync_merge_label[Noa Cohen|Noa Cohen (Acme)]',
    );
    expect(taken!.getByTestId('sync-dismiss')).toBeTruthy();

    // No label: table and id. Not email_taken: no merge.
    expect(forbidden!.getByTestId('sync-refusal-row').textContent).toBe(
      'options_sync_refusal_row[settings team]',
    );
    expect(forbidden!.getByTestId('sync-refusal-reason').textContent).toBe(FORBIDDEN.reason);
    expect(forbidden!.queryByTestId('sync-merge')).toBeNull();
    expect(forbidden!.getByTestId('sync-dismiss').getAttribute('aria-label')).toBe(
      'options_sync_dismiss_label[settings team]',
    );
  });

  it('merges an email_taken refusal into the other customer', async () => {
    const { actions } = setup({ connection: CONNECTION, refused: [TAKEN, FORBIDDEN] });
    fireEvent.click(await screen.findByTestId('sync-merge'));
    await waitFor(() => expect(screen.getAllByTestId('sync-refusal')).toHaveLength(1));
    expect(actions.resolve).toHaveBeenCalledExactlyOnceWith('000000000000007', 'merge');
    expect(screen.getByTestId('sync-refusal').getAttribute('data-mutation-id')).toBe(
      '000000000000009',
    );
  });

  it('dismisses a refusal, and the list goes when it is empty', async () => {
    const { actions } = setup({ connection: CONNECTION, refused: [FORBIDDEN] });
    fireEvent.click(await screen.findByTestId('sync-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('sync-refusals')).toBeNull());
    expect(actions.resolve).toHaveBeenCalledExactlyOnceWith('000000000000009', 'dismiss');
  });

  it('offers a merge without a name when the other customer is not known', async () => {
    setup({ connection: CONNECTION, refused: [{ ...TAKEN, conflictLabel: undefined }] });
    expect((await screen.findByTestId('sync-merge')).textContent).toBe(
      'options_sync_merge_unnamed',
    );
  });

  it('shows why a resolution failed and keeps the refusal', async () => {
    const { actions } = setup({ connection: CONNECTION, refused: [TAKEN] });
    actions.resolve.mockRejectedValueOnce(new Error('The other customer was deleted.'));
    fireEvent.click(await screen.findByTestId('sync-merge'));
    expect((await screen.findByTestId('sync-refusal-error')).textContent).toBe(
      'options_sync_action_error[The other customer was deleted.]',
    );
    expect(screen.getAllByTestId('sync-refusal')).toHaveLength(1);
  });
});
