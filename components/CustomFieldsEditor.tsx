import { useState } from 'preact/hooks';
import { type CustomFieldValue, fieldsToShow } from './custom-fields';
import { CustomFieldRow } from './CustomFieldRow';
import { Section } from './Section';
import type { CustomFieldDef, Translate } from './types';

interface CustomFieldsEditorProps {
  defs: CustomFieldDef[];
  values: Record<string, CustomFieldValue>;
  /** Saves the whole record with one field changed. */
  onSave(customFields: Record<string, CustomFieldValue>): Promise<void>;
  t: Translate;
  locale: string;
}

/** The team's own fields; one is edited at a time. */
export function CustomFieldsEditor({ defs, values, onSave, t, locale }: CustomFieldsEditorProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const fields = fieldsToShow(defs, values);
  return (
    <Section title={t('cf_title')} testId="custom-fields">
      {fields.length === 0 ? (
        <p class="muted">{t('cf_none')}</p>
      ) : (
        <dl class="custom-fields">
          {fields.map((def) => (
            <CustomFieldRow
              key={def.key}
              def={def}
              value={values[def.key]}
              editing={editing === def.key}
              onEdit={() => setEditing(def.key)}
              onDone={() => setEditing(null)}
              onSave={(value) => onSave({ ...values, [def.key]: value })}
              t={t}
              locale={locale}
            />
          ))}
        </dl>
      )}
    </Section>
  );
}
