import type { SettingsFields } from '../../lib/model';
import type { Translate } from '../types';
import type { NeverEntry } from './entries';
import { NeverListEditor } from './NeverListEditor';
import { OptionsSection } from './OptionsSection';
import type { NeverListName } from './types';

interface NeverListsSectionProps {
  t: Translate;
  neverShow: SettingsFields['neverShow'];
  neverLog: SettingsFields['neverLog'];
  onAdd(list: NeverListName, entry: NeverEntry): Promise<void>;
  onRemove(list: NeverListName, entry: NeverEntry): Promise<void>;
}

/** The team's two never-lists, side by side when there is room. */
export function NeverListsSection({
  t,
  neverShow,
  neverLog,
  onAdd,
  onRemove,
}: NeverListsSectionProps) {
  return (
    <OptionsSection
      title={t('options_never_title')}
      help={t('options_never_help')}
      testId="options-never"
    >
      <div class="never-lists">
        <NeverListEditor
          t={t}
          list="neverShow"
          entries={neverShow}
          onAdd={(entry) => onAdd('neverShow', entry)}
          onRemove={(entry) => onRemove('neverShow', entry)}
        />
        <NeverListEditor
          t={t}
          list="neverLog"
          entries={neverLog}
          onAdd={(entry) => onAdd('neverLog', entry)}
          onRemove={(entry) => onRemove('neverLog', entry)}
        />
      </div>
    </OptionsSection>
  );
}
