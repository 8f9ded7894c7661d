import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { SettingsFields } from '../../lib/model';
import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';
import { errorMessage } from '../use-async';
import { AgentEmailsSection } from './AgentEmailsSection';
import type { NeverEntry } from './entries';
import { LoggingSection } from './LoggingSection';
import { NeverListsSection } from './NeverListsSection';
import { OptionsSection } from './OptionsSection';
import { SyncSection } from './SyncSection';
import type { TeamDefaults } from './team-defaults';
import { TeamDefaultsForm } from './TeamDefaultsForm';
import type { NeverListName, OptionsActions, SettingsPatch } from './types';

export interface OptionsViewProps {
  actions: OptionsActions;
  t: Translate;
  /** BCP 47 tag for currency and country names ("en", "he", "lv"). */
  locale: string;
  dir: 'ltr' | 'rtl';
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; settings: SettingsFields; agentEmails: string[] };

/** The options page: the agent's own addresses, the team's settings, then team sync. */
export function OptionsView({ actions, t, locale, dir }: OptionsViewProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  const load = useCallback(async () => {
    try {
      const [settings, agentEmails] = await Promise.all([
        actions.loadSettings(),
        actions.loadAgentEmails(),
      ]);
      setLoaded({ state: 'ready', settings, agentEmails });
    } catch (err) {
      // A failed refresh keeps what is on screen; only the first load shows the error.
      setLoaded((current) =>
        current.state === 'ready' ? current : { state: 'error', message: errorMessage(err) },
      );
    }
  }, [actions]);
  useEffect(() => {
    void load();
    return actions.subscribe?.(() => void load());
  }, [actions, load]);

  const setSettings = (settings: SettingsFields) =>
    setLoaded((current) => (current.state === 'ready' ? { ...current, settings } : current));
  const setAgentEmails = (agentEmails: string[]) =>
    setLoaded((current) => (current.state === 'ready' ? { ...current, agentEmails } : current));

  const saveSettings = async (patch: SettingsPatch) =>
    setSettings(await actions.saveSettings(patch));
  const addToNeverList = async (list: NeverListName, entry: NeverEntry) =>
    setSettings(await actions.addToNeverList({ list, ...entry }));
  const removeFromNeverList = async (list: NeverListName, entry: NeverEntry) => {
    // The list goes whole, so start from the stored one: an entry the sidebar added since this
    // page loaded must not be dropped with the one removed here.
    const stored = (await actions.loadSettings())[list];
    const next =
      entry.kind === 'address'
        ? { ...stored, addresses: stored.addresses.filter((a) => a !== entry.value) }
        : { ...stored, domains: stored.domains.filter((d) => d !== entry.value) };
    await saveSettings(list === 'neverShow' ? { neverShow: next } : { neverLog: next });
  };

  const settings = loaded.state === 'ready' ? loaded.settings : null;
  const defaults = useMemo<TeamDefaults | null>(
    () =>
      settings && {
        currency: settings.currency,
        phoneRegion: settings.phoneRegion,
        grossMargin: settings.grossMargin,
        discountRate: settings.discountRate,
        clvHorizonMonths: settings.clvHorizonMonths,
      },
    [
      settings?.currency,
      settings?.phoneRegion,
      settings?.grossMargin,
      settings?.discountRate,
      settings?.clvHorizonMonths,
    ],
  );

  return (
    <main class="options" dir={dir} data-testid="options">
      <h1>{t('options_title')}</h1>
      {loaded.state === 'loading' && (
        <p class="help" role="status" aria-busy="true" data-testid="options-loading">
          {t('options_loading')}
        </p>
      )}
      {loaded.state === 'error' && (
        <p class="error" role="alert" data-testid="options-load-error">
          <Interpolated t={t} k="options_load_error" values={[loaded.message]} />
        </p>
      )}
      {loaded.state === 'ready' && defaults && (
        <>
          <AgentEmailsSection
            t={t}
            emails={loaded.agentEmails}
            onAdd={async (email) => setAgentEmails(await actions.addAgentEmail(email))}
            onRemove={async (email) => setAgentEmails(await actions.removeAgentEmail(email))}
          />
          <LoggingSection
            t={t}
            autoLogEmail={loaded.settings.autoLog.email}
            logBodies={loaded.settings.logBodies}
            onSave={saveSettings}
          />
          <NeverListsSection
            t={t}
            neverShow={loaded.settings.neverShow}
            neverLog={loaded.settings.neverLog}
            onAdd={addToNeverList}
            onRemove={removeFromNeverList}
          />
          <OptionsSection
            title={t('options_defaults_title')}
            help={t('options_defaults_help')}
            testId="options-defaults"
          >
            <TeamDefaultsForm t={t} locale={locale} values={defaults} onSave={saveSettings} />
          </OptionsSection>
          <SyncSection t={t} locale={locale} actions={actions.sync} />
        </>
      )}
    </main>
  );
}
