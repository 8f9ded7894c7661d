// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import he from '../../public/_locales/he/messages.json';
import lv from '../../public/_locales/lv/messages.json';
import { DEFAULT_SETTINGS } from '../../lib/model/settings';
import type { SyncStatus } from '../../lib/sync/types';
import { PopupView } from '../popup/PopupView';
import { makeTranslate, type Messages } from '../test-translate';
import { OptionsView } from './OptionsView';

// The popup's and the options page's strings: every name their sources ask for is in all three
// catalogues, and a Hebrew page really comes out in Hebrew, right to left.

const catalogs: Record<string, Messages> = { en, he, lv };
const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = [
  'components/popup',
  'components/options',
  'entrypoints/popup',
  'entrypoints/options',
];

function askedKeys(): string[] {
  const keys = new Set<string>();
  for (const dir of SOURCE_DIRS) {
    for (const file of readdirSync(join(ROOT, dir))) {
      if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
      const source = readFileSync(join(ROOT, dir, file), 'utf8');
      for (const m of source.matchAll(/\b(?:t\(|k=)['"]([A-Za-z0-9_]+)['"]/g)) keys.add(m[1]!);
      for (const m of source.matchAll(/['"]((?:popup|options)_[a-z0-9_]+)['"]/g)) keys.add(m[1]!);
    }
  }
  return [...keys].sort();
}

afterEach(cleanup);

const LOCAL_ONLY: SyncStatus = { connection: null, phase: 'idle', pending: 0, refused: [] };

describe('popup and options strings', () => {
  it('finds the keys in the sources (the scan itself works)', () => {
    const keys = askedKeys();
    expect(keys).toContain('popup_seed_result');
    expect(keys).toContain('options_currency_invalid');
    expect(keys).toContain('extName');
    expect(keys.length).toBeGreaterThan(50);
  });

  it.each(['en', 'he', 'lv'])('%s has every key they ask for', (lang) => {
    const missing = askedKeys().filter((key) => !(key in catalogs[lang]!));
    expect(missing).toEqual([]);
  });

  it('renders the popup in Hebrew, right to left', async () => {
    const t = makeTranslate(he);
    render(
      <PopupView
        t={t}
        locale="he"
        dir="rtl"
        actions={{
          loadStats: async () => ({
            customers: 0,
            contacts: 0,
            interactions: 0,
            orders: 0,
            deals: 0,
            pendingChanges: 0,
          }),
          seedDemo: async () => ({ customers: 40, interactions: 1200 }),
          openOptions: vi.fn(),
          loadAnalytics: async () => null,
          recomputeAnalytics: async () => null,
          loadSyncStatus: async () => LOCAL_ONLY,
        }}
      />,
    );
    expect(screen.getByTestId('popup').getAttribute('dir')).toBe('rtl');
    fireEvent.click(await screen.findByTestId('popup-seed-demo'));
    const result = await screen.findByTestId('popup-seed-result');
    expect(result.textContent).toMatch(/[\u0590-\u05FF]/);
    expect(result.textContent).toContain('1,200');
    expect(screen.getByTestId('popup-open-options').textContent).toBe(
      he.popup_open_options.message,
    );
    expect((await screen.findByTestId('popup-sync-text')).textContent).toBe(
      `${he.popup_sync_local.message} · ${he.popup_sync_connect.message}`,
    );
  });

  it('renders the options page in Latvian', async () => {
    const t = makeTranslate(lv);
    render(
      <OptionsView
        t={t}
        locale="lv"
        dir="ltr"
        actions={{
          loadSettings: async () => DEFAULT_SETTINGS,
          saveSettings: async () => DEFAULT_SETTINGS,
          addToNeverList: async () => DEFAULT_SETTINGS,
          loadAgentEmails: async () => [],
          addAgentEmail: async () => [],
          removeAgentEmail: async () => [],
          sync: {
            status: async () => LOCAL_ONLY,
            connect: async () => LOCAL_ONLY,
            disconnect: async () => LOCAL_ONLY,
            syncNow: async () => LOCAL_ONLY,
            resolve: async () => LOCAL_ONLY,
          },
        }}
      />,
    );
    expect((await screen.findByTestId('options-logging')).textContent).toContain(
      lv.options_autolog_email.message,
    );
    fireEvent.input(screen.getByTestId('options-currency'), { target: { value: '€' } });
    fireEvent.click(screen.getByTestId('options-defaults-save'));
    expect(screen.getByTestId('options-currency-error').textContent).toBe(
      lv.options_currency_invalid.message,
    );
    expect((await screen.findByTestId('sync-local-only')).textContent).toBe(
      lv.options_sync_local_only.message,
    );
    fireEvent.click(screen.getByTestId('sync-connect'));
    expect(screen.getByTestId('sync-url-error').textContent).toBe(
      lv.options_sync_url_missing.message,
    );
  });
});
