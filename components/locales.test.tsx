// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import en from '../public/_locales/en/messages.json';
import he from '../public/_locales/he/messages.json';
import lv from '../public/_locales/lv/messages.json';
import { CUSTOMER_FILE, readyView, unknownSenderView } from './fixtures';
import { renderSidebar } from './test-helpers';
import { makeTranslate, type Messages } from './test-translate';
import type { SidebarView, Translate } from './types';

const catalogs: Record<string, Messages> = { en, he, lv };
const enKeys = Object.keys(en).sort();
const placeholdersOf = (message: string) =>
  [...message.matchAll(/\$[1-9]/g)].map((m) => m[0]).sort();

describe('locale files', () => {
  it('ship en, he and lv and nothing else', () => {
    const dir = join(__dirname, '../public/_locales');
    expect(readdirSync(dir).sort()).toEqual(['en', 'he', 'lv']);
  });

  it.each(['he', 'lv'])('%s has exactly the keys of en', (lang) => {
    expect(Object.keys(catalogs[lang]!).sort()).toEqual(enKeys);
  });

  it.each(['en', 'he', 'lv'])('%s has a message for every key, with the same $n as en', (lang) => {
    for (const [key, entry] of Object.entries(catalogs[lang]!)) {
      expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(entry.message.trim(), `${lang}/${key}`).not.toBe('');
      expect(placeholdersOf(entry.message), `${lang}/${key}`).toEqual(
        placeholdersOf(en[key as keyof typeof en].message),
      );
    }
  });

  it('describes every English message for translators', () => {
    for (const [key, entry] of Object.entries(en as Messages)) {
      expect(entry.description, key).toBeTruthy();
    }
  });

  it('has a real translation, not English, for most of he', () => {
    const hebrew = Object.values(he as Messages).filter((e) => /[\u0590-\u05FF]/.test(e.message));
    expect(hebrew.length).toBeGreaterThan(enKeys.length * 0.8);
  });
});

describe('keys the components ask for', () => {
  function recordingTranslate() {
    const asked = new Set<string>();
    const english = makeTranslate(en);
    const t: Translate = (key, subs) => {
      asked.add(key);
      return english(key, subs);
    };
    return { t, asked };
  }

  it('all exist in en, in every state and with every form open', () => {
    const { t, asked } = recordingTranslate();
    const views: SidebarView[] = [
      { state: 'idle' },
      { state: 'loading' },
      { state: 'nobody' },
      { state: 'error', message: 'x' },
      unknownSenderView(),
      readyView({
        file: {
          ...CUSTOMER_FILE,
          interactions: [],
          orders: [],
          revenue: [],
          deals: [],
          contacts: [],
          analytics: undefined,
        },
        customFieldDefs: [],
        channelFilter: 'fax',
      }),
    ];
    for (const view of views) renderSidebar({ view, t }).unmount();
    renderSidebar({ t, collapsed: true }).unmount();

    renderSidebar({ t });
    fireEvent.click(screen.getByTestId('quick-log-open'));
    fireEvent.click(screen.getByTestId('log-sale'));
    fireEvent.submit(screen.getByTestId('sale-form'));
    fireEvent.click(screen.getByTestId('contact-add-open'));
    fireEvent.click(screen.getByTestId('acq-value'));
    for (const key of ['credit_days', 'reseller', 'renewal', 'vat_id']) {
      fireEvent.click(screen.getByTestId(`cf-value-${key}`));
      fireEvent.input(screen.getByTestId(`cf-input-${key}`), { target: { value: 'not valid' } });
      fireEvent.keyDown(screen.getByTestId(`cf-input-${key}`), { key: 'Enter' });
    }

    const missing = [...asked].filter((key) => !(key in en));
    expect(missing).toEqual([]);
    expect(asked.size).toBeGreaterThan(100);
  });

  it('leaves no key in en unused by the source', () => {
    // Other screens (options, popup, content script) share the catalogue.
    const roots = ['components', 'entrypoints', 'lib/content'].map((d) => join(__dirname, '..', d));
    const source = roots
      .flatMap((root) =>
        readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => join(root, f)),
      )
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // Keys built from an enum value, e.g. t(`channel_${c}`).
    const families = [...source.matchAll(/`([a-z_]+)\$\{/g)].map((m) => m[1]!);
    const manifestOnly = ['extDescription'];
    const unused = enKeys.filter(
      (key) =>
        !manifestOnly.includes(key) &&
        !source.includes(`'${key}'`) &&
        !source.includes(`"${key}"`) &&
        !families.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});
