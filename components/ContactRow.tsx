import type { Contact, DecisionRole } from '../lib/model';
import { ErrorNote } from './ErrorNote';
import { RoleSelect } from './RoleSelect';
import type { Translate } from './types';
import { useAsync } from './use-async';

interface ContactRowProps {
  contact: Contact;
  onRoleChange(role: DecisionRole): Promise<void>;
  t: Translate;
}

export function ContactRow({ contact, onRoleChange, t }: ContactRowProps) {
  const { busy, error, run } = useAsync();
  return (
    <li class="contact" data-testid={`contact-${contact.id}`}>
      <div class="contact-line">
        <span class="contact-name" dir="auto" data-testid="contact-name">
          {contact.name || contact.emails[0]}
        </span>
        {contact.primary && <span class="badge">{t('contact_primary')}</span>}
        <RoleSelect
          value={contact.role}
          t={t}
          label={t('contact_role_label', contact.name)}
          testId={`contact-role-${contact.id}`}
          disabled={busy}
          onChange={(role) => {
            if (role) void run(() => onRoleChange(role));
          }}
        />
      </div>
      {contact.title && (
        <div class="contact-title muted" dir="auto">
          {contact.title}
        </div>
      )}
      {contact.emails.map((email) => (
        <div key={email} class="contact-detail" dir="auto">
          {email}
        </div>
      ))}
      {contact.phones.map((phone) => (
        // E.164 numbers read left to right in every language.
        <div key={phone} class="contact-detail" dir="ltr">
          {phone}
        </div>
      ))}
      <ErrorNote t={t} message={error} />
    </li>
  );
}
