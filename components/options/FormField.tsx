import { useId } from 'preact/hooks';

export interface FieldOption {
  value: string;
  label: string;
}

interface FormFieldProps {
  label: string;
  help?: string;
  /** Already translated; the field is marked invalid while there is one. */
  error?: string;
  value: string;
  onInput(value: string): void;
  /** Suggestions offered as the agent types; any other value can still be typed. */
  options?: readonly FieldOption[];
  /** `password` masks a secret (a sync token). Suggestions (`options`) need `text`. */
  type?: 'text' | 'url' | 'password';
  /** Codes and numbers read left to right on a Hebrew page too. */
  dir?: 'ltr' | 'auto';
  inputMode?: 'text' | 'decimal' | 'numeric';
  maxLength?: number;
  autoCapitalize?: 'characters' | 'off';
  testId: string;
}

/** A labelled text field with its help and its error, tied together for screen readers. */
export function FormField({
  label,
  help,
  error,
  value,
  onInput,
  options,
  type = 'text',
  dir = 'ltr',
  inputMode = 'text',
  maxLength,
  autoCapitalize = 'off',
  testId,
}: FormFieldProps) {
  const id = useId();
  // One literal type per branch: the DOM typings allow a suggestion list on text fields only.
  const typeProps =
    type === 'password'
      ? { type: 'password' as const }
      : type === 'url'
        ? { type: 'url' as const }
        : options
          ? { type: 'text' as const, list: `${id}-options` }
          : { type: 'text' as const };
  const described = [help ? `${id}-help` : null, error ? `${id}-error` : null]
    .filter((x) => x !== null)
    .join(' ');
  return (
    <div class="form-field">
      <label for={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        {...typeProps}
        dir={dir}
        inputMode={inputMode}
        autoComplete="off"
        autoCapitalize={autoCapitalize}
        spellcheck={false}
        maxLength={maxLength}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        data-testid={testId}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {options && (
        <datalist id={`${id}-options`}>
          {options.map((o) => (
            <option key={o.value} value={o.value} label={o.label} />
          ))}
        </datalist>
      )}
      {help && (
        <p id={`${id}-help`} class="help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="error" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
