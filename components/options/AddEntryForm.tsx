import { useId, useState } from 'preact/hooks';
import type { Translate } from '../types';

export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

interface AddEntryFormProps<T> {
  t: Translate;
  label: string;
  placeholder?: string;
  busy: boolean;
  /** Turns what was typed into the stored form, or says what is wrong with it. */
  validate(raw: string): Validation<T>;
  /** Resolves true when the entry was added: only then is the field cleared. */
  onAdd(value: T): Promise<boolean>;
  /** Prefix of the test ids: `<testId>-input`, `<testId>-submit`, `<testId>-invalid`. */
  testId: string;
}

/** One text field and an Add button; checks the entry before anything is sent. */
export function AddEntryForm<T>({
  t,
  label,
  placeholder,
  busy,
  validate,
  onAdd,
  testId,
}: AddEntryFormProps<T>) {
  const id = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = validate(text);
    if (!checked.ok) {
      setInvalid(checked.message);
      return;
    }
    setInvalid(null);
    if (await onAdd(checked.value)) setText('');
  };

  return (
    <form class="add-entry" onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
      <label for={`${id}-input`}>{label}</label>
      <div class="add-entry-row">
        <input
          id={`${id}-input`}
          type="text"
          dir="ltr"
          inputMode="email"
          autoComplete="off"
          spellcheck={false}
          maxLength={320}
          placeholder={placeholder}
          value={text}
          aria-invalid={invalid !== null}
          aria-describedby={invalid !== null ? `${id}-invalid` : undefined}
          data-testid={`${testId}-input`}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setInvalid(null);
          }}
        />
        <button type="submit" disabled={busy} data-testid={`${testId}-submit`}>
          {t('options_add')}
        </button>
      </div>
      {invalid !== null && (
        <p id={`${id}-invalid`} class="error" role="alert" data-testid={`${testId}-invalid`}>
          {invalid}
        </p>
      )}
    </form>
  );
}
