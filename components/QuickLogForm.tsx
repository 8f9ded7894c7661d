import { useState } from 'preact/hooks';
import { CHANNEL_ICONS, DIRECTIONS, MANUAL_CHANNELS } from './channels';
import { FoldedForm } from './FoldedForm';
import type { SidebarActions, Translate } from './types';

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
  const [channel, setChannel] = useState<ManualChannel>('phone');
  const [direction, setDirection] = useState<LogInput['direction']>('outbound');
  const [subject, setSubject] = useState('');
  const [summary, setSummary] = useState('');
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState('');

  const submit = () => {
    const mins = minutes.trim() === '' ? undefined : Number(minutes);
    return onSubmit({
      channel,
      direction,
      ...(contactId ? { contactId } : {}),
      ...(subject.trim() ? { subject: subject.trim() } : {}),
      ...(summary.trim() ? { summary: summary.trim() } : {}),
      ...(mins !== undefined && Number.isFinite(mins)
        ? { durationSec: Math.round(Math.min(MAX_MINUTES, Math.max(0, mins)) * 60) }
        : {}),
      ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
    });
  };
  const clear = () => {
    setSubject('');
    setSummary('');
    setMinutes('');
    setOutcome('');
  };

  return (
    <FoldedForm
      id="quick-log"
      openTestId="quick-log-open"
      labels={['quick_log_open', 'quick_log_done', 'quick_log_submit']}
      submit={submit}
      onSaved={clear}
      t={t}
    >
      <div class="form-row">
        <label>
          {t('quick_log_channel')}
          <select
            value={channel}
            data-testid="quick-log-channel"
            onChange={(e) => {
              const v = e.currentTarget.value;
              const found = MANUAL_CHANNELS.find((c) => c === v);
              if (found) setChannel(found);
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
              if (found) setDirection(found);
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
          onInput={(e) => setSubject(e.currentTarget.value)}
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
          onInput={(e) => setSummary(e.currentTarget.value)}
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
            onInput={(e) => setMinutes(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('quick_log_outcome')}
          <input
            dir="auto"
            maxLength={500}
            value={outcome}
            data-testid="quick-log-outcome"
            onInput={(e) => setOutcome(e.currentTarget.value)}
          />
        </label>
      </div>
    </FoldedForm>
  );
}
