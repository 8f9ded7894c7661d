import type { SettingsFields } from '../../lib/model';
import type { Translate } from '../types';
import { AddEntryForm, type Validation } from './AddEntryForm';
import { parseNeverEntry, type NeverEntry } from './entries';
import { RemovableList, type RemovableItem } from './RemovableList';
import { SaveNote } from './SaveNote';
import type { NeverListName } from './types';
import { useSave } from './use-save';

interface NeverListEditorProps {
  t: Translate;
  list: NeverListName;
  entries: SettingsFields['neverLog'];
  onAdd(entry: NeverEntry): Promise<void>;
  onRemove(entry: NeverEntry): Promise<void>;
}

const TEST_IDS: Record<NeverListName, string> = {
  neverShow: 'options-never-show',
  neverLog: 'options-never-log',
};

/** One never-list: its addresses and domains, each removable, and a field to add one. */
export function NeverListEditor({ t, list, entries, onAdd, onRemove }: NeverListEditorProps) {
  const { busy, error, saved, save } = useSave();
  const testId = TEST_IDS[list];
  const items: Array<RemovableItem & { entry: NeverEntry }> = [
    ...entries.addresses.map((value) => ({
      id: value,
      value,
      tag: t('options_kind_address'),
      entry: { kind: 'address' as const, value },
    })),
    ...entries.domains.map((value) => ({
      id: value,
      value,
      tag: t('options_kind_domain'),
      entry: { kind: 'domain' as const, value },
    })),
  ];
  const validate = (raw: string): Validation<NeverEntry> => {
    const entry = parseNeverEntry(raw);
    if (entry === null) return { ok: false, message: t('options_never_invalid') };
    const existing = entry.kind === 'address' ? entries.addresses : entries.domains;
    if (existing.includes(entry.value)) return { ok: false, message: t('options_never_duplicate') };
    return { ok: true, value: entry };
  };

  return (
    <div class="never-list" data-testid={testId}>
      <h3>{t(list === 'neverShow' ? 'options_never_show_title' : 'options_never_log_title')}</h3>
      <p class="help">
        {t(list === 'neverShow' ? 'options_never_show_help' : 'options_never_log_help')}
      </p>
      <RemovableList
        t={t}
        items={items}
        emptyText={t('options_never_empty')}
        busy={busy}
        onRemove={(item) => void save(() => onRemove(item.entry))}
        testId={`${testId}-list`}
      />
      <AddEntryForm
        t={t}
        label={t('options_never_input')}
        placeholder="example.com"
        busy={busy}
        validate={validate}
        onAdd={(entry) => save(() => onAdd(entry))}
        testId={`${testId}-add`}
      />
      <SaveNote t={t} saved={saved} error={error} testId={testId} />
    </div>
  );
}
