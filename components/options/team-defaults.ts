import type { SettingsFields } from '../../lib/model';

export type TeamDefaults = Pick<
  SettingsFields,
  'currency' | 'phoneRegion' | 'grossMargin' | 'discountRate' | 'clvHorizonMonths'
>;
export type TeamDefaultsKey = keyof TeamDefaults;
export const TEAM_DEFAULT_KEYS: readonly TeamDefaultsKey[] = [
  'currency',
  'phoneRegion',
  'grossMargin',
  'discountRate',
  'clvHorizonMonths',
];

/** The form's text, as typed: rates are shown as percentages. */
export type TeamDefaultsDraft = Record<TeamDefaultsKey, string>;
/** Message names of what is wrong with each field. */
export type TeamDefaultsErrors = Partial<Record<TeamDefaultsKey, string>>;

export const COMMON_CURRENCIES = ['ILS', 'EUR', 'USD', 'GBP'] as const;
export const COMMON_REGIONS = ['IL', 'LV', 'LT', 'EE', 'GB', 'US', 'DE', 'FR'] as const;

export const MIN_HORIZON_MONTHS = 1;
export const MAX_HORIZON_MONTHS = 240;

/** 0.3 → "30", 0.125 → "12.5": three decimals of a percent, without float noise. */
function percentText(rate: number): string {
  return String(Math.round(rate * 100_000) / 1_000);
}

/** "12.5" or "12,5" (the Latvian decimal comma) → 0.125; null outside 0..100. */
function parsePercent(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const percent = Number(trimmed);
  if (percent > 100) return null;
  // Integer division keeps 30 → 0.3 exact rather than 0.30000000000000004.
  return Math.round(percent * 1_000) / 100_000;
}

export function draftFrom(values: TeamDefaults): TeamDefaultsDraft {
  return {
    currency: values.currency,
    phoneRegion: values.phoneRegion,
    grossMargin: percentText(values.grossMargin),
    discountRate: percentText(values.discountRate),
    clvHorizonMonths: String(values.clvHorizonMonths),
  };
}

export type ParsedDraft =
  { ok: true; patch: Partial<TeamDefaults> } | { ok: false; errors: TeamDefaultsErrors };

/**
 * Checks the draft and answers only the fields that differ from `current`, so a save never
 * overwrites a default someone else changed meanwhile. Codes are upper-cased before checking.
 */
export function parseDraft(draft: TeamDefaultsDraft, current: TeamDefaults): ParsedDraft {
  const errors: TeamDefaultsErrors = {};
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'options_currency_invalid';
  const phoneRegion = draft.phoneRegion.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(phoneRegion)) errors.phoneRegion = 'options_phone_region_invalid';
  const grossMargin = parsePercent(draft.grossMargin);
  if (grossMargin === null) errors.grossMargin = 'options_percent_invalid';
  const discountRate = parsePercent(draft.discountRate);
  if (discountRate === null) errors.discountRate = 'options_percent_invalid';
  const horizonText = draft.clvHorizonMonths.trim();
  const clvHorizonMonths = /^\d+$/.test(horizonText) ? Number(horizonText) : NaN;
  if (!(clvHorizonMonths >= MIN_HORIZON_MONTHS && clvHorizonMonths <= MAX_HORIZON_MONTHS)) {
    errors.clvHorizonMonths = 'options_horizon_invalid';
  }
  if (Object.keys(errors).length > 0 || grossMargin === null || discountRate === null) {
    return { ok: false, errors };
  }

  const next: TeamDefaults = { currency, phoneRegion, grossMargin, discountRate, clvHorizonMonths };
  const patch: Partial<TeamDefaults> = {};
  for (const key of TEAM_DEFAULT_KEYS) {
    if (next[key] !== current[key]) Object.assign(patch, { [key]: next[key] });
  }
  return { ok: true, patch };
}

/**
 * Keeps what the agent has typed and takes everything else from `next`: used when the
 * defaults change underneath an open form (a save, or another window).
 */
export function rebaseDraft(
  draft: TeamDefaultsDraft,
  previous: TeamDefaults,
  next: TeamDefaults,
): TeamDefaultsDraft {
  const before = draftFrom(previous);
  const after = draftFrom(next);
  const rebased = { ...draft };
  for (const key of TEAM_DEFAULT_KEYS) {
    if (draft[key] === before[key]) rebased[key] = after[key];
  }
  return rebased;
}

/** "Latvia", "לטביה", "Latvija" for LV; the code itself when the runtime has no name for it. */
export function displayName(locale: string, type: 'currency' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}
