import { useId, useState } from 'preact/hooks';
import type { Customer, NewCustomerSuggestion } from '../lib/model';
import { ErrorNote } from './ErrorNote';
import { Interpolated } from './Interpolated';
import { NeverListActions } from './NeverListActions';
import type { SidebarActions, Translate } from './types';
import { useAsync } from './use-async';

interface UnknownSenderProps {
  suggestion: NewCustomerSuggestion;
  onCreate: SidebarActions['createCustomer'];
  onNeverList: SidebarActions['addToNeverList'];
  t: Translate;
}

/** "Not a customer yet": a create form prefilled from the address, and the never-lists. */
export function UnknownSender({ suggestion, onCreate, onNeverList, t }: UnknownSenderProps) {
  const [kind, setKind] = useState<Customer['kind']>(suggestion.kind);
  const [personName, setPersonName] = useState(suggestion.personName);
  const [companyName, setCompanyName] = useState(suggestion.companyName ?? '');
  const [email, setEmail] = useState(suggestion.email);
  const [invalid, setInvalid] = useState(false);
  const { busy, error, run } = useAsync();
  const radioName = useId();

  const submit = (e: Event) => {
    e.preventDefault();
    const company = kind === 'company';
    // The browser checks `required` on a click; this also covers Enter and scripted submits.
    const missing = company ? !companyName.trim() : !personName.trim();
    if (missing || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void run(() =>
      onCreate({
        kind,
        personName: personName.trim(),
        email: email.trim().toLowerCase(),
        ...(company ? { companyName: companyName.trim() } : {}),
        // A domain identifies a company; a person customer does not claim it.
        ...(company && suggestion.domain ? { domain: suggestion.domain } : {}),
      }),
    );
  };

  return (
    <div class="unknown" data-testid="unknown-sender">
      <h2 class="customer-name">{t('unknown_title')}</h2>
      <p class="muted">
        <Interpolated t={t} k="unknown_intro" values={[suggestion.email]} />
      </p>
      <form class="mini-form" data-testid="create-form" onSubmit={submit}>
        <fieldset class="kind-choice">
          <legend>{t('field_kind')}</legend>
          {(['person', 'company'] as const).map((k) => (
            <label key={k} class="radio">
              <input
                type="radio"
                name={radioName}
                value={k}
                checked={kind === k}
                data-testid={`create-kind-${k}`}
                onChange={() => setKind(k)}
              />
              {t(k === 'company' ? 'kind_company' : 'kind_person')}
            </label>
          ))}
        </fieldset>
        <label>
          {t(kind === 'company' ? 'field_contact_name' : 'field_name')}
          <input
            dir="auto"
            required={kind === 'person'}
            maxLength={200}
            value={personName}
            data-testid="create-person-name"
            onInput={(e) => setPersonName(e.currentTarget.value)}
          />
        </label>
        {kind === 'company' && (
          <label>
            {t('field_company_name')}
            <input
              dir="auto"
              required
              maxLength={200}
              value={companyName}
              data-testid="create-company-name"
              onInput={(e) => setCompanyName(e.currentTarget.value)}
            />
          </label>
        )}
        {kind === 'company' && suggestion.domain && (
          <p class="hint muted" data-testid="create-domain">
            <Interpolated t={t} k="create_domain_hint" values={[suggestion.domain]} />
          </p>
        )}
        <label>
          {t('field_email')}
          <input
            type="email"
            dir="auto"
            required
            maxLength={320}
            value={email}
            data-testid="create-email"
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={busy} data-testid="create-submit">
            {busy ? t('saving') : t('create_submit')}
          </button>
        </div>
        {invalid && (
          <p class="error-note" role="alert" data-testid="create-invalid">
            {t('create_invalid')}
          </p>
        )}
        <ErrorNote t={t} message={error} testId="create-error" />
      </form>
      <NeverListActions suggestion={suggestion} onAdd={onNeverList} t={t} />
    </div>
  );
}
