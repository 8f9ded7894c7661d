import { useState } from 'preact/hooks';
import type { DecisionRole } from '../lib/model';
import { ErrorNote } from './ErrorNote';
import { RoleSelect } from './RoleSelect';
import type { SidebarActions, Translate } from './types';
import { useAsync } from './use-async';

type NewContact = Parameters<SidebarActions['upsertContact']>[0];

interface AddContactFormProps {
  onAdd(input: NewContact): Promise<void>;
  t: Translate;
}

/** A button that opens a small form for one more person at the customer. */
export function AddContactForm({ onAdd, t }: AddContactFormProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [title, setTitle] = useState('');
  const [role, setRole] = useState<DecisionRole | undefined>(undefined);
  const { busy, error, run } = useAsync();

  if (!open) {
    return (
      <button
        type="button"
        class="link-button"
        data-testid="contact-add-open"
        onClick={() => setOpen(true)}
      >
        {t('contact_add')}
      </button>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    const address = email.trim().toLowerCase();
    const ok = await run(() =>
      onAdd({
        patch: {
          name: name.trim(),
          emails: address ? [address] : [],
          phones: [],
          primary: false,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(role ? { role } : {}),
        },
      }),
    );
    if (ok) {
      setName('');
      setEmail('');
      setTitle('');
      setRole(undefined);
      setOpen(false);
    }
  };

  return (
    <form class="mini-form" data-testid="contact-add-form" onSubmit={submit}>
      <label>
        {t('field_name')}
        <input
          dir="auto"
          required
          maxLength={200}
          value={name}
          data-testid="contact-add-name"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('field_email')}
        <input
          type="email"
          dir="auto"
          maxLength={320}
          value={email}
          data-testid="contact-add-email"
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('field_title')}
        <input
          dir="auto"
          maxLength={500}
          value={title}
          data-testid="contact-add-title"
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('field_role')}
        <RoleSelect
          value={role}
          onChange={setRole}
          t={t}
          label={t('field_role')}
          testId="contact-add-role"
          allowNone
        />
      </label>
      <div class="form-actions">
        <button
          type="submit"
          class="button primary"
          disabled={busy}
          data-testid="contact-add-submit"
        >
          {t('contact_add_submit')}
        </button>
        <button type="button" class="button" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
      <ErrorNote t={t} message={error} />
    </form>
  );
}
