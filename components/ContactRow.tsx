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
        <span class="contact-name" data-testid="contact-name">
          <bdi dir="auto">{contact.name || contact.emails[0]}</bdi>
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
        <div class="contact-title muted">
          <bdi dir="auto">{contact.title}</bdi>
        </div>
      )}
      {contact.emails.map((email) => (
        <div key={email} class="contact-detail">
          <bdi dir="auto">{email}</bdi>
        </div>
      ))}
      {contact.phones.map((phone) => (
        // E.164 numbers read left to right in every language.
        <div key={phone} class="contact-detail">
          <bdi dir="ltr">{phone}</bdi>
        </div>
      ))}
      <ErrorNote t={t} message={error} />
    </li>
  );
}
