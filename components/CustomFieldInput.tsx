import { useEffect, useRef } from 'preact/hooks';
import type { FieldType } from './custom-fields';
import type { Translate } from './types';

interface CustomFieldInputProps {
  type: FieldType;
  value: string;
  label: string;
  testId: string;
  onInput(value: string): void;
  onKeyDown(e: KeyboardEvent): void;
  t: Translate;
}

/** The control for one field type; focused as soon as it appears. */
export function CustomFieldInput({
  type,
  value,
  label,
  testId,
  onInput,
  onKeyDown,
  t,
}: CustomFieldInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => (inputRef.current ?? selectRef.current)?.focus(), []);

  if (type === 'boolean') {
    return (
      <select
        ref={selectRef}
        aria-label={label}
        data-testid={testId}
        value={value}
        onChange={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      >
        <option value="">{t('cf_empty')}</option>
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    );
  }
  const common = {
    ref: inputRef,
    dir: 'auto' as const,
    'aria-label': label,
    'data-testid': testId,
    value,
    onInput: (e: { currentTarget: HTMLInputElement }) => onInput(e.currentTarget.value),
    onKeyDown,
  };
  // Each input type is its own element so the typed JSX attributes for it apply.
  if (type === 'number') return <input {...common} type="number" step="any" />;
  if (type === 'date') return <input {...common} type="date" />;
  return <input {...common} type="text" maxLength={2_000} />;
}
