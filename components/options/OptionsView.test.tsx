// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type SettingsFields } from '../../lib/model/settings';
import type { SyncStatus } from '../../lib/sync/types';
import type { Translate } from '../types';
import { OptionsView } from './OptionsView';
import type { OptionsActions, SettingsPatch } from './types';

// Keys and substitutions made visible, so assertions check which message was used with what.
const t: Translate = (key, subs) =>
  subs === undefined ? key : `${key}[${([] as string[]).concat(subs).join('|')}]`;

const LOCAL_ONLY: SyncStatus = { connection: null, phase: 'idle', pending: 0, refused: [] };

function settingsWith(overrides: Partial<SettingsFields> = {}): SettingsFields {
  return structuredClone({ ...DEFAULT_SETTINGS, ...overrides });
}

/** Actions over an in-memory store that behaves like the background: writes answer the result. */
function setup(initial: Partial<SettingsFields> = {}, agentEmails: string[] = []) {
  let stored = settingsWith(initial);
  let emails = [...agentEmails];
  let listener: (() => void) | null = null;
  const actions = {
    loadSettings: vi.fn(async () => structuredClone(stored)),
    saveSettings: vi.fn(async (patch: SettingsPatch) => {
      stored = { ...stored, ...structuredClone(patch) } as SettingsFields;
      return structuredClone(stored);
    }),
    addToNeverList: vi.fn<OptionsActions['addToNeverList']>(async ({ list, kind, value }) => {
      const key = kind === 'address' ? 'addresses' : 'domains';
      stored = { ...stored, [list]: { ...stored[list], [key]: [...stored[list][key], value] } };
      return structuredClone(stored);
    }),
    loadAgentEmails: vi.fn(async () => [...emails]),
    addAgentEmail: vi.fn(async (email: string) => (emails = [...emails, email])),
    removeAgentEmail: vi.fn(async (email: string) => (emails = emails.filter((e) => e !== email))),
    sync: {
      status: vi.fn(async () => LOCAL_ONLY),
      connect: vi.fn(async () => LOCAL_ONLY),
      disconnect: vi.fn(async () => LOCAL_ONLY),
      syncNow: vi.fn(async () => LOCAL_ONLY),
      resolve: vi.fn(async () => LOCAL_ONLY),
    },
    subscribe: vi.fn((l: () => void) => {
      listener = l;
      return () => (listener = null);
    }),
  } satisfies OptionsActions;
  const view = render(<OptionsView actions={actions} t={t} locale="en" dir="ltr" />);
  return {
    actions,
    view,
    /** Another window changed the stored settings and the background said so. */
    changeElsewhere(patch: Partial<SettingsFields>) {
      stored = { ...stored, ...patch };
      listener?.();
    },
  };
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

afterEach(cleanup);

describe('OptionsView: logging', () => {
  it('saves only autoLog when auto-log is switched on', async () => {
    const { actions } = setup();
    const box = (await screen.findByTestId('options-autolog-email')) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect((screen.getByTestId('options-log-bodies') as HTMLInputElement).checked).toBe(false);

    fireEvent.click(box);
    await screen.findByTestId('options-logging-saved');
    expect(actions.saveSettings).toHaveBeenCalledTimes(1);
    expect(actions.saveSettings).toHaveBeenCalledWith({ autoLog: { email: true } });
    expect(box.checked).toBe(true);
  });

  it('shows the refusal and puts the box back when a save fails', async () => {
    const { actions } = setup();
    actions.saveSettings.mockRejectedValueOnce(
      new Error('Invalid request: logBodies: expected boolean'),
    );
    const box = (await screen.findByTestId('options-log-bodies')) as HTMLInputElement;

    fireEvent.click(box);
    const error = await screen.findByTestId('options-logging-error');
    expect(error.textContent).toBe(
      'options_save_error[Invalid request: logBodies: expected boolean]',
    );
    expect(actions.saveSettings).toHaveBeenCalledWith({ logBodies: true });
    expect(box.checked).toBe(false);
    expect(screen.queryByTestId('options-logging-saved')).toBeNull();
  });
});

describe('OptionsView: never lists', () => {
  it('removes a never-log domain by saving the list without it', async () => {
    const { actions } = setup({
      neverLog: { addresses: ['ceo@rival.com'], domains: ['spam.com', 'keep.org'] },
      neverShow: { addresses: [], domains: ['spam.com'] },
    });
    fireEvent.click(await screen.findByTestId('options-never-log-list-remove-spam.com'));

    await screen.findByTestId('options-never-log-saved');
    expect(actions.saveSettings).toHaveBeenCalledTimes(1);
    expect(actions.saveSettings).toHaveBeenCalledWith({
      neverLog: { addresses: ['ceo@rival.com'], domains: ['keep.org'] },
    });
    expect(screen.queryByTestId('options-never-log-list-remove-spam.com')).toBeNull();
    expect(screen.getByTestId('options-never-log-list-remove-keep.org')).toBeTruthy();
    // The same domain on the other list is untouched.
    expect(screen.getByTestId('options-never-show-list-remove-spam.com')).toBeTruthy();
  });

  it('keeps an entry added elsewhere since the page loaded when removing another', async () => {
    const { actions } = setup({ neverLog: { addresses: [], domains: ['spam.com'] } });
    await screen.findByTestId('options-never-log-list-remove-spam.com');
    // The sidebar in a Gmail tab adds a domain; this page has not heard about it yet.
    actions.loadSettings.mockResolvedValueOnce(
      settingsWith({ neverLog: { addresses: [], domains: ['spam.com', 'added-in-gmail.com'] } }),
    );

    fireEvent.click(screen.getByTestId('options-never-log-list-remove-spam.com'));
    await waitFor(() => expect(actions.saveSettings).toHaveBeenCalledTimes(1));
    expect(actions.saveSettings).toHaveBeenCalledWith({
      neverLog: { addresses: [], domains: ['added-in-gmail.com'] },
    });
  });

  it('adds addresses and domains in their stored form and refuses anything else', async () => {
    const { actions } = setup();
    await screen.findByTestId('options-never-log-add-input');

    type('options-never-log-add-input', 'not a domain');
    fireEvent.click(screen.getByTestId('options-never-log-add-submit'));
    expect(screen.getByTestId('options-never-log-add-invalid').textContent).toBe(
      'options_never_invalid',
    );
    expect(actions.addToNeverList).not.toHaveBeenCalled();

    type('options-never-log-add-input', ' Mail.Example.COM ');
    fireEvent.click(screen.getByTestId('options-never-log-add-submit'));
    await screen.findByTestId('options-never-log-list-remove-mail.example.com');
    expect(actions.addToNeverList).toHaveBeenLastCalledWith({
      list: 'neverLog',
      kind: 'domain',
      value: 'mail.example.com',
    });
    await waitFor(() =>
      expect((screen.getByTestId('options-never-log-add-input') as HTMLInputElement).value).toBe(
        '',
      ),
    );

    type('options-never-show-add-input', 'Noreply@Shop.LV');
    fireEvent.click(screen.getByTestId('options-never-show-add-submit'));
    await screen.findByTestId('options-never-show-list-remove-noreply@shop.lv');
    expect(actions.addToNeverList).toHaveBeenLastCalledWith({
      list: 'neverShow',
      kind: 'address',
      value: 'noreply@shop.lv',
    });

    type('options-never-log-add-input', '@mail.example.com');
    fireEvent.click(screen.getByTestId('options-never-log-add-submit'));
    expect(screen.getByTestId('options-never-log-add-invalid').textContent).toBe(
      'options_never_duplicate',
    );
    expect(actions.addToNeverList).toHaveBeenCalledTimes(2);
  });

  it('shows what the background refused', async () => {
    const { actions } = setup();
    actions.addToNeverList.mockRejectedValueOnce(new Error('"x.example" is not a domain'));
    await screen.findByTestId('options-never-show-add-input');
    type('options-never-show-add-input', 'x.example');
    fireEvent.click(screen.getByTestId('options-never-show-add-submit'));

    const error = await screen.findByTestId('options-never-show-error');
    expect(error.textContent).toBe('options_save_error["x.example" is not a domain]');
    // Kept, so the agent can correct it.
    expect((screen.getByTestId('options-never-show-add-input') as HTMLInputElement).value).toBe(
      'x.example',
    );
  });
});

describe('OptionsView: team defaults', () => {
  it('refuses an invalid currency beside the field and saves nothing', async () => {
    const { actions } = setup();
    await screen.findByTestId('options-currency');
    type('options-currency', 'E1');
    fireEvent.click(screen.getByTestId('options-defaults-save'));

    expect(screen.getByTestId('options-currency-error').textContent).toBe(
      'options_currency_invalid',
    );
    expect(screen.getByTestId('options-currency').getAttribute('aria-invalid')).toBe('true');
    expect(actions.saveSettings).not.toHaveBeenCalled();
    expect(screen.queryByTestId('options-defaults-saved')).toBeNull();
  });

  it('saves only the changed fields, in their stored form', async () => {
    const { actions } = setup({ currency: 'EUR', grossMargin: 0.3, discountRate: 0.1 });
    const currency = (await screen.findByTestId('options-currency')) as HTMLInputElement;
    const margin = screen.getByTestId('options-gross-margin') as HTMLInputElement;
    expect(currency.value).toBe('EUR');
    expect(margin.value).toBe('30');
    expect((screen.getByTestId('options-discount-rate') as HTMLInputElement).value).toBe('10');

    type('options-currency', 'ils');
    type('options-gross-margin', '12,5');
    fireEvent.click(screen.getByTestId('options-defaults-save'));

    await screen.findByTestId('options-defaults-saved');
    expect(actions.saveSettings).toHaveBeenCalledTimes(1);
    expect(actions.saveSettings).toHaveBeenCalledWith({ currency: 'ILS', grossMargin: 0.125 });
    expect(currency.value).toBe('ILS');
    expect(margin.value).toBe('12.5');
  });

  it('says so when nothing changed, and checks every other field too', async () => {
    const { actions } = setup();
    await screen.findByTestId('options-defaults-save');
    fireEvent.click(screen.getByTestId('options-defaults-save'));
    expect(screen.getByTestId('options-defaults-unchanged')).toBeTruthy();

    type('options-phone-region', 'LVA');
    type('options-discount-rate', '101');
    type('options-horizon', '0');
    fireEvent.click(screen.getByTestId('options-defaults-save'));
    expect(screen.getByTestId('options-phone-region-error').textContent).toBe(
      'options_phone_region_invalid',
    );
    expect(screen.getByTestId('options-discount-rate-error').textContent).toBe(
      'options_percent_invalid',
    );
    expect(screen.getByTestId('options-horizon-error').textContent).toBe('options_horizon_invalid');
    expect(actions.saveSettings).not.toHaveBeenCalled();
  });

  it('shows the error message the background answered', async () => {
    const { actions } = setup();
    actions.saveSettings.mockRejectedValueOnce(
      new Error('phoneRegion: Invalid string; clvHorizonMonths: Too big'),
    );
    await screen.findByTestId('options-horizon');
    type('options-horizon', '24');
    fireEvent.click(screen.getByTestId('options-defaults-save'));
    const error = await screen.findByTestId('options-defaults-error');
    expect(error.textContent).toBe(
      'options_save_error[phoneRegion: Invalid string; clvHorizonMonths: Too big]',
    );
    expect(actions.saveSettings).toHaveBeenCalledWith({ clvHorizonMonths: 24 });
  });

  it('takes changes made elsewhere without losing what is being typed', async () => {
    const { changeElsewhere } = setup({ currency: 'EUR', phoneRegion: 'IL' });
    await screen.findByTestId('options-currency');
    type('options-currency', 'GBP');
    changeElsewhere({ currency: 'USD', phoneRegion: 'LV' });

    await waitFor(() =>
      expect((screen.getByTestId('options-phone-region') as HTMLInputElement).value).toBe('LV'),
    );
    expect((screen.getByTestId('options-currency') as HTMLInputElement).value).toBe('GBP');
  });
});

describe('OptionsView: own addresses', () => {
  it('validates an address before adding it, lower-cased', async () => {
    const { actions } = setup({}, ['me@work.co.il']);
    expect((await screen.findByTestId('options-addresses-list')).textContent).toContain(
      'me@work.co.il',
    );

    type('options-addresses-add-input', 'dana at example.com');
    fireEvent.click(screen.getByTestId('options-addresses-add-submit'));
    expect(screen.getByTestId('options-addresses-add-invalid').textContent).toBe(
      'options_addresses_invalid',
    );
    expect(screen.getByTestId('options-addresses-add-input').getAttribute('aria-invalid')).toBe(
      'true',
    );

    type('options-addresses-add-input', 'ME@Work.co.il');
    fireEvent.click(screen.getByTestId('options-addresses-add-submit'));
    expect(screen.getByTestId('options-addresses-add-invalid').textContent).toBe(
      'options_addresses_duplicate',
    );
    expect(actions.addAgentEmail).not.toHaveBeenCalled();

    type('options-addresses-add-input', ' Dana.Levi@Example.COM ');
    fireEvent.click(screen.getByTestId('options-addresses-add-submit'));
    await screen.findByTestId('options-addresses-list-remove-dana.levi@example.com');
    expect(actions.addAgentEmail).toHaveBeenCalledWith('dana.levi@example.com');
    expect(screen.queryByTestId('options-addresses-add-invalid')).toBeNull();
    expect(screen.getByTestId('options-addresses-saved')).toBeTruthy();
  });

  it('removes an address', async () => {
    const { actions } = setup({}, ['me@work.co.il', 'me@gmail.com']);
    fireEvent.click(await screen.findByTestId('options-addresses-list-remove-me@gmail.com'));
    await waitFor(() =>
      expect(screen.queryByTestId('options-addresses-list-remove-me@gmail.com')).toBeNull(),
    );
    expect(actions.removeAgentEmail).toHaveBeenCalledWith('me@gmail.com');
    expect(screen.getAllByTestId('options-addresses-list-item')).toHaveLength(1);
  });
});

describe('OptionsView: team sync', () => {
  it('shows the sync section, local only, after the settings', async () => {
    const { actions } = setup();
    const section = await screen.findByTestId('options-sync');
    expect(screen.getByTestId('options-defaults').compareDocumentPosition(section)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect((await screen.findByTestId('sync-local-only')).textContent).toBe(
      'options_sync_local_only',
    );
    expect(actions.sync.status).toHaveBeenCalled();
  });
});

describe('OptionsView: loading', () => {
  it('shows why the settings could not be loaded', async () => {
    const { actions } = setup();
    cleanup();
    actions.loadSettings.mockRejectedValueOnce(new Error('Could not establish connection'));
    render(<OptionsView actions={actions} t={t} locale="he" dir="rtl" />);
    const error = await screen.findByTestId('options-load-error');
    expect(error.textContent).toBe('options_load_error[Could not establish connection]');
    expect(screen.getByTestId('options').getAttribute('dir')).toBe('rtl');
    expect(screen.queryByTestId('options-logging')).toBeNull();
  });
});
