import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Translate } from '../types';
import { FormField } from './FormField';
import { SaveNote } from './SaveNote';
import {
  COMMON_CURRENCIES,
  COMMON_REGIONS,
  displayName,
  draftFrom,
  parseDraft,
  rebaseDraft,
  type TeamDefaults,
  type TeamDefaultsDraft,
  type TeamDefaultsErrors,
  type TeamDefaultsKey,
} from './team-defaults';
import { useSave } from './use-save';

interface TeamDefaultsFormProps {
  t: Translate;
  locale: string;
  values: TeamDefaults;
  /** Called with the changed fields only. */
  onSave(patch: Partial<TeamDefaults>): Promise<void>;
}

/**
 * Currency, phone region and the lifetime-value parameters. Checked here first, so a typo is
 * explained beside its field and nothing is sent; the background checks again.
 */
export function TeamDefaultsForm({ t, locale, values, onSave }: TeamDefaultsFormProps) {
  const { busy, error, saved, save } = useSave();
  const [draft, setDraft] = useState<TeamDefaultsDraft>(() => draftFrom(values));
  const [errors, setErrors] = useState<TeamDefaultsErrors>({});
  const [unchanged, setUnchanged] = useState(false);

  // Defaults changed underneath the form (a save, another window): take the new values for
  // every field the agent has not edited.
  const shown = useRef(values);
  useEffect(() => {
    const previous = shown.current;
    shown.current = values;
    if (previous !== values) setDraft((d) => rebaseDraft(d, previous, values));
  }, [values]);

  const currencies = useMemo(
    () => COMMON_CURRENCIES.map((c) => ({ value: c, label: displayName(locale, 'currency', c) })),
    [locale],
  );
  const regions = useMemo(
    () => COMMON_REGIONS.map((r) => ({ value: r, label: displayName(locale, 'region', r) })),
    [locale],
  );

  const edit = (key: TeamDefaultsKey) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setUnchanged(false);
  };
  const fieldError = (key: TeamDefaultsKey) => {
    const k = errors[key];
    return k ? t(k) : undefined;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const parsed = parseDraft(draft, values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    if (Object.keys(parsed.patch).length === 0) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    if (await save(() => onSave(parsed.patch))) {
      // Show the stored form ("eur" → "EUR", "12,5" → "12.5").
      setDraft(draftFrom({ ...values, ...parsed.patch }));
    }
  };

  return (
    <form
      class="team-defaults"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="options-defaults-form"
    >
      <div class="form-grid">
        <FormField
          label={t('options_currency')}
          help={t('options_currency_help')}
          error={fieldError('currency')}
          value={draft.currency}
          onInput={edit('currency')}
          options={currencies}
          maxLength={3}
          autoCapitalize="characters"
          testId="options-currency"
        />
        <FormField
          label={t('options_phone_region')}
          help={t('options_phone_region_help')}
          error={fieldError('phoneRegion')}
          value={draft.phoneRegion}
          onInput={edit('phoneRegion')}
          options={regions}
          maxLength={2}
          autoCapitalize="characters"
          testId="options-phone-region"
        />
        <FormField
          label={t('options_gross_margin')}
          help={t('options_gross_margin_help')}
          error={fieldError('grossMargin')}
          value={draft.grossMargin}
          onInput={edit('grossMargin')}
          inputMode="decimal"
          maxLength={10}
          testId="options-gross-margin"
        />
        <FormField
          label={t('options_discount_rate')}
          help={t('options_discount_rate_help')}
          error={fieldError('discountRate')}
          value={draft.discountRate}
          onInput={edit('discountRate')}
          inputMode="decimal"
          maxLength={10}
          testId="options-discount-rate"
        />
        <FormField
          label={t('options_horizon')}
          help={t('options_horizon_help')}
          error={fieldError('clvHorizonMonths')}
          value={draft.clvHorizonMonths}
          onInput={edit('clvHorizonMonths')}
          inputMode="numeric"
          maxLength={3}
          testId="options-horizon"
        />
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button-primary"
          disabled={busy}
          data-testid="options-defaults-save"
        >
          {busy ? t('options_saving') : t('options_save')}
        </button>
        {unchanged && (
          <p class="help" data-testid="options-defaults-unchanged">
            {t('options_no_changes')}
          </p>
        )}
      </div>
      <SaveNote t={t} saved={saved} error={error} testId="options-defaults" />
    </form>
  );
}
