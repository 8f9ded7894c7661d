import type { Contact } from '../lib/model';
import { AddContactForm } from './AddContactForm';
import { ContactRow } from './ContactRow';
import { Section } from './Section';
import type { SidebarActions, Translate } from './types';

interface ContactsListProps {
  contacts: Contact[];
  onUpsert: SidebarActions['upsertContact'];
  t: Translate;
}

/** The people at the customer, primary first, with their part in buying decisions. */
export function ContactsList({ contacts, onUpsert, t }: ContactsListProps) {
  const sorted = [...contacts].sort((a, b) => Number(b.primary) - Number(a.primary));
  return (
    <Section title={t('contacts_title')} testId="contacts">
      {sorted.length === 0 ? (
        <p class="muted">{t('contacts_empty')}</p>
      ) : (
        <ul class="contacts">
          {sorted.map((c) => (
            <ContactRow
              key={c.id}
              contact={c}
              t={t}
              onRoleChange={(role) => onUpsert({ id: c.id, patch: { role } })}
            />
          ))}
        </ul>
      )}
      <AddContactForm t={t} onAdd={onUpsert} />
    </Section>
  );
}
