import { describe, expect, it } from 'vitest';
import {
  displayName,
  draftFrom,
  parseDraft,
  rebaseDraft,
  type TeamDefaults,
} from './team-defaults';

const current: TeamDefaults = {
  currency: 'EUR',
  phoneRegion: 'IL',
  grossMargin: 0.3,
  discountRate: 0.07,
  clvHorizonMonths: 12,
};

describe('team defaults form', () => {
  it('shows rates as percentages without float noise', () => {
    expect(draftFrom(current)).toEqual({
      currency: 'EUR',
      phoneRegion: 'IL',
      grossMargin: '30',
      discountRate: '7',
      clvHorizonMonths: '12',
    });
    expect(draftFrom({ ...current, grossMargin: 0.125 }).grossMargin).toBe('12.5');
  });

  it('answers no change for an untouched draft', () => {
    expect(parseDraft(draftFrom(current), current)).toEqual({ ok: true, patch: {} });
  });

  it('answers only the changed fields, upper-cased and as rates', () => {
    const draft = {
      ...draftFrom(current),
      currency: ' gbp ',
      phoneRegion: 'lv',
      discountRate: '8,5',
    };
    expect(parseDraft(draft, current)).toEqual({
      ok: true,
      patch: { currency: 'GBP', phoneRegion: 'LV', discountRate: 0.085 },
    });
  });

  it.each([
    ['currency', 'EURO', 'options_currency_invalid'],
    ['currency', '€', 'options_currency_invalid'],
    ['currency', 'שקל', 'options_currency_invalid'],
    ['phoneRegion', 'ISR', 'options_phone_region_invalid'],
    ['grossMargin', '', 'options_percent_invalid'],
    ['grossMargin', '-5', 'options_percent_invalid'],
    ['discountRate', '100.5', 'options_percent_invalid'],
    ['discountRate', '1e1', 'options_percent_invalid'],
    ['clvHorizonMonths', '0', 'options_horizon_invalid'],
    ['clvHorizonMonths', '241', 'options_horizon_invalid'],
    ['clvHorizonMonths', '6.5', 'options_horizon_invalid'],
  ] as const)('refuses %s "%s"', (key, value, message) => {
    const result = parseDraft({ ...draftFrom(current), [key]: value }, current);
    expect(result).toEqual({ ok: false, errors: { [key]: message } });
  });

  it('accepts the bounds', () => {
    const draft = {
      ...draftFrom(current),
      grossMargin: '0',
      discountRate: '100',
      clvHorizonMonths: '240',
    };
    expect(parseDraft(draft, current)).toEqual({
      ok: true,
      patch: { grossMargin: 0, discountRate: 1, clvHorizonMonths: 240 },
    });
  });

  it('rebases untouched fields onto new values and keeps edited ones', () => {
    const draft = { ...draftFrom(current), currency: 'GBP' };
    const next = { ...current, currency: 'USD', grossMargin: 0.4 };
    expect(rebaseDraft(draft, current, next)).toEqual({
      ...draftFrom(next),
      currency: 'GBP',
    });
  });

  it('names currencies and regions in the UI language, falling back to the code', () => {
    expect(displayName('en', 'region', 'LV')).toBe('Latvia');
    expect(displayName('lv', 'region', 'LV')).toBe('Latvija');
    expect(displayName('he', 'currency', 'ILS')).toMatch(/שקל/);
    expect(displayName('not a locale!', 'currency', 'EUR')).toBe('EUR');
  });
});
