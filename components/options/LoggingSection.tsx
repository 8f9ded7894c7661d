import { useState } from 'preact/hooks';
import type { Translate } from '../types';
import { OptionsSection } from './OptionsSection';
import { SaveNote } from './SaveNote';
import type { SettingsPatch } from './types';
import { useSave } from './use-save';

interface LoggingSectionProps {
  t: Translate;
  autoLogEmail: boolean;
  logBodies: boolean;
  onSave(patch: SettingsPatch): Promise<void>;
}

/**
 * The team's logging switches, each saved as soon as it is flipped. The box shows the new
 * state while the save is under way and falls back to the stored one if it is refused.
 */
export function LoggingSection({ t, autoLogEmail, logBodies, onSave }: LoggingSectionProps) {
  const { busy, error, saved, save } = useSave();
  const [pending, setPending] = useState<{ autoLogEmail?: boolean; logBodies?: boolean }>({});

  const toggle = async (
    field: 'autoLogEmail' | 'logBodies',
    value: boolean,
    patch: SettingsPatch,
  ) => {
    setPending({ [field]: value });
    await save(() => onSave(patch));
    setPending({});
  };

  return (
    <OptionsSection title={t('options_logging_title')} testId="options-logging">
      <label class="checkbox">
        <input
          type="checkbox"
          checked={pending.autoLogEmail ?? autoLogEmail}
          disabled={busy}
          data-testid="options-autolog-email"
          onChange={(e) =>
            void toggle('autoLogEmail', e.currentTarget.checked, {
              autoLog: { email: e.currentTarget.checked },
            })
          }
        />
        <span>{t('options_autolog_email')}</span>
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={pending.logBodies ?? logBodies}
          disabled={busy}
          aria-describedby="options-log-bodies-help"
          data-testid="options-log-bodies"
          onChange={(e) =>
            void toggle('logBodies', e.currentTarget.checked, {
              logBodies: e.currentTarget.checked,
            })
          }
        />
        <span>{t('options_log_bodies')}</span>
      </label>
      <p id="options-log-bodies-help" class="help">
        {t('options_log_bodies_help')}
      </p>
      <SaveNote t={t} saved={saved} error={error} testId="options-logging" />
    </OptionsSection>
  );
}
