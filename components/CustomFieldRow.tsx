import { useState } from 'preact/hooks';
import { type CustomFieldValue, parseDraft, toDraft } from './custom-fields';
import { CustomFieldInput } from './CustomFieldInput';
import { ErrorNote } from './ErrorNote';
import { formatDate, formatIsoDate, formatNumber } from './format';
import type { CustomFieldDef, Translate } from './types';
import { useAsync } from './use-async';

interface CustomFieldRowProps {
  def: CustomFieldDef;
  value: CustomFieldValue | undefined;
  editing: boolean;
  onEdit(): void;
  onDone(): void;
  onSave(value: CustomFieldValue): Promise<void>;
  t: Translate;
  locale: string;
}

function display(
  value: CustomFieldValue | undefined,
  def: CustomFieldDef,
  t: Translate,
  locale: string,
) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  if (typeof value === 'number') {
    return def.type === 'date' ? formatDate(value, locale) : formatNumber(value, locale);
  }
  return def.type === 'date' ? formatIsoDate(value, locale) : value;
}

/** Label and value; a click turns the value into an editor, Enter saves, Escape cancels. */
export function CustomFieldRow(props: CustomFieldRowProps) {
  const { def, value, editing, onEdit, onDone, onSave, t, locale } = props;
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { busy, error, run } = useAsync();

  const start = () => {
    setDraft(toDraft(value, def.type));
    setInvalid(false);
    onEdit();
  };
  const save = async () => {
    const parsed = parseDraft(draft, def.type);
    if (!parsed.ok) {
      setInvalid(true);
      return;
    }
    if (await run(() => onSave(parsed.value))) onDone();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      if (!busy) void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onDone();
    }
  };

  const shown = display(value, def, t, locale);
  return (
    <div class="cf-row" data-testid={`cf-row-${def.key}`}>
      <dt>
        <bdi dir="auto">{def.label}</bdi>
      </dt>
      <dd>
        {editing ? (
          <>
            <CustomFieldInput
              type={def.type}
              value={draft}
              label={def.label}
              testId={`cf-input-${def.key}`}
              onInput={(v) => {
                setDraft(v);
                setInvalid(false);
              }}
              onKeyDown={onKeyDown}
              t={t}
            />
            <span class="hint muted">{t('cf_edit_hint')}</span>
            {invalid && (
              <p class="error-note" role="alert" data-testid={`cf-invalid-${def.key}`}>
                {t(`cf_invalid_${def.type}`)}
              </p>
            )}
          </>
        ) : (
          <button
            type="button"
            class="cf-value"
            title={t('cf_click_to_edit')}
            data-testid={`cf-value-${def.key}`}
            onClick={start}
          >
            {shown === null ? (
              <span class="muted">{t('cf_empty')}</span>
            ) : (
              <bdi dir="auto">{shown}</bdi>
            )}
          </button>
        )}
        <ErrorNote t={t} message={error} />
      </dd>
    </div>
  );
}
