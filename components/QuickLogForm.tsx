import { useState } from 'preact/hooks';
import { CHANNEL_ICONS, DIRECTIONS, MANUAL_CHANNELS } from './channels';
import { ErrorNote } from './ErrorNote';
import type { SidebarActions, Translate } from './types';
import { useAsync } from './use-async';

type ManualChannel = (typeof MANUAL_CHANNELS)[number];
type LogInput = Parameters<SidebarActions['logInteraction']>[0];

interface QuickLogFormProps {
  onSubmit(input: LogInput): Promise<void>;
  /** The contact the open thread is with, when known. */
  contactId?: string;
  t: Translate;
}

const MAX_MINUTES = 7 * 24 * 60;

/** Log a call, meeting, visit or note in a few fields. */
export function QuickLogForm({ onSubmit, contactId, t }: QuickLogFormProps) {
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<ManualChannel>('phone');
  const [direction, setDirection] = useState<LogInput['direction']>('outbound');
  const [subject, setSubject] = useState('');
  const [summary, setSummary] = useState('');
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const { busy, error, run } = useAsync();

  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setConfirmed(false);
    };

  if (!open) {
    return (
      <div class="quick-log">
        <button
          type="button"
          class="button"
          data-testid="quick-log-open"
          onClick={() => setOpen(true)}
        >
          {t('quick_log_open')}
        </button>
        {confirmed && (
          <span class="confirm" role="status" data-testid="quick-log-confirm">
            {t('quick_log_done')}
          </span>
        )}
      </div>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    const mins = minutes.trim() === '' ? undefined : Number(minutes);
    const input: LogInput = {
      channel,
      direction,
      ...(contactId ? { contactId } : {}),
      ...(subject.trim() ? { subject: subject.trim() } : {}),
      ...(summary.trim() ? { summary: summary.trim() } : {}),
      ...(mins !== undefined && Number.isFinite(mins)
        ? { durationSec: Math.round(Math.min(MAX_MINUTES, Math.max(0, mins)) * 60) }
        : {}),
      ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
    };
    if (await run(() => onSubmit(input))) {
      setSubject('');
      setSummary('');
      setMinutes('');
      setOutcome('');
      setConfirmed(true);
      setOpen(false);
    }
  };

  return (
    <form class="mini-form quick-log" data-testid="quick-log-form" onSubmit={submit}>
      <div class="form-row">
        <label>
          {t('quick_log_channel')}
          <select
            value={channel}
            data-testid="quick-log-channel"
            onChange={(e) => {
              const v = e.currentTarget.value;
              const found = MANUAL_CHANNELS.find((c) => c === v);
              if (found) edited(setChannel)(found);
            }}
          >
            {MANUAL_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_ICONS[c]} {t(`channel_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('quick_log_direction')}
          <select
            value={direction}
            data-testid="quick-log-direction"
            onChange={(e) => {
              const v = e.currentTarget.value;
              const found = DIRECTIONS.find((d) => d === v);
              if (found) edited(setDirection)(found);
            }}
          >
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`direction_${d}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('quick_log_subject')}
        <input
          dir="auto"
          maxLength={500}
          value={subject}
          data-testid="quick-log-subject"
          onInput={(e) => edited(setSubject)(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('quick_log_summary')}
        <textarea
          dir="auto"
          rows={3}
          maxLength={20_000}
          value={summary}
          data-testid="quick-log-summary"
          onInput={(e) => edited(setSummary)(e.currentTarget.value)}
        />
      </label>
      <div class="form-row">
        <label>
          {t('quick_log_minutes')}
          <input
            type="number"
            min={0}
            max={MAX_MINUTES}
            step={1}
            value={minutes}
            data-testid="quick-log-minutes"
            onInput={(e) => edited(setMinutes)(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('quick_log_outcome')}
          <input
            dir="auto"
            maxLength={500}
            value={outcome}
            data-testid="quick-log-outcome"
            onInput={(e) => edited(setOutcome)(e.currentTarget.value)}
          />
        </label>
      </div>
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy} data-testid="quick-log-submit">
          {busy ? t('saving') : t('quick_log_submit')}
        </button>
        <button type="button" class="button" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
      <ErrorNote t={t} message={error} testId="quick-log-error" />
    </form>
  );
}
