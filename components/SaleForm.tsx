import { useState } from 'preact/hooks';
import { FoldedForm } from './FoldedForm';
import type { SidebarActions, Translate } from './types';

type SaleInput = Parameters<SidebarActions['logSale']>[0];

interface SaleFormProps {
  onSubmit(input: SaleInput): Promise<void>;
  /**
   * Prefilled: the currency this customer buys in (a sale in another one would not move
   * their figures, which are kept per currency), else the team's.
   */
  defaultCurrency: string;
  /** "Now" in ms: the date field starts on its day. */
  now: number;
  t: Translate;
}

/** "YYYY-MM-DD" in the agent's own time zone, as a date input reads and writes it. */
const localDay = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/**
 * Log a sale by hand: amount, currency, day and what was sold. Only the amount is checked
 * here; the background checks the currency and the date and answers in the error note.
 */
export function SaleForm({ onSubmit, defaultCurrency, now, t }: SaleFormProps) {
  const today = localDay(now);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [day, setDay] = useState(today);
  const [description, setDescription] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = () => {
    // An empty field reads as 0, refused like any other amount that is not a sale.
    const value = Number(amount);
    const valid = value > 0 && Number.isFinite(value);
    setInvalid(!valid);
    if (!valid) return null;
    return onSubmit({
      amount: value,
      currency: currency.trim().toUpperCase(),
      // Today's sale (or an emptied date) is stamped "now" by the background; an earlier day
      // at its local noon (a date-time without a zone is local), so that it still falls on
      // that day when read in a neighbouring time zone.
      ...(day && day !== today ? { at: Date.parse(`${day}T12:00`) } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
  };
  const clear = () => {
    setAmount('');
    setCurrency(defaultCurrency);
    setDay(today);
    setDescription('');
  };

  return (
    <FoldedForm
      id="sale"
      openTestId="log-sale"
      labels={['sale_open', 'sale_done', 'sale_submit']}
      submit={submit}
      onSaved={clear}
      t={t}
    >
      <div class="form-row">
        <label>
          {t('sale_amount')}
          <input
            type="number"
            step="any"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('sale_currency')}
          <input
            dir="ltr"
            maxLength={3}
            value={currency}
            onInput={(e) => setCurrency(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('sale_date')}
          <input
            type="date"
            max={today}
            value={day}
            onInput={(e) => setDay(e.currentTarget.value)}
          />
        </label>
      </div>
      <label>
        {t('sale_description')}
        <input
          dir="auto"
          maxLength={500}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </label>
      {invalid && (
        <p class="error-note" role="alert" data-testid="sale-invalid">
          {t('sale_invalid_amount')}
        </p>
      )}
    </FoldedForm>
  );
}
