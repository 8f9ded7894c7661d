import type { Translate } from '../types';
import { AddEntryForm, type Validation } from './AddEntryForm';
import { parseAgentEmail } from './entries';
import { OptionsSection } from './OptionsSection';
import { RemovableList } from './RemovableList';
import { SaveNote } from './SaveNote';
import { useSave } from './use-save';

/** LocalPrefs keeps at most this many of the agent's addresses. */
export const MAX_AGENT_EMAILS = 50;

interface AgentEmailsSectionProps {
  t: Translate;
  emails: string[];
  onAdd(email: string): Promise<void>;
  onRemove(email: string): Promise<void>;
}

/** The agent's own addresses, kept in this browser: never taken for the customer. */
export function AgentEmailsSection({ t, emails, onAdd, onRemove }: AgentEmailsSectionProps) {
  const { busy, error, saved, save } = useSave();
  const validate = (raw: string): Validation<string> => {
    const email = parseAgentEmail(raw);
    if (email === null) return { ok: false, message: t('options_addresses_invalid') };
    if (emails.includes(email)) return { ok: false, message: t('options_addresses_duplicate') };
    if (emails.length >= MAX_AGENT_EMAILS) {
      return { ok: false, message: t('options_addresses_full', String(MAX_AGENT_EMAILS)) };
    }
    return { ok: true, value: email };
  };
  return (
    <OptionsSection
      title={t('options_addresses_title')}
      help={t('options_addresses_help')}
      testId="options-addresses"
    >
      <RemovableList
        t={t}
        items={emails.map((email) => ({ id: email, value: email }))}
        emptyText={t('options_addresses_empty')}
        busy={busy}
        onRemove={(item) => void save(() => onRemove(item.value))}
        testId="options-addresses-list"
      />
      <AddEntryForm
        t={t}
        label={t('options_addresses_input')}
        placeholder="name@example.com"
        busy={busy}
        validate={validate}
        onAdd={(email) => save(() => onAdd(email))}
        testId="options-addresses-add"
      />
      <SaveNote t={t} saved={saved} error={error} testId="options-addresses" />
    </OptionsSection>
  );
}
