import { useState } from 'preact/hooks';
import type { Customer } from '../lib/model';
import { ACQUISITION_CHANNELS, type AcquisitionChannel } from './channels';
import { ErrorNote } from './ErrorNote';
import { Interpolated } from './Interpolated';
import { Section } from './Section';
import type { Translate } from './types';
import { useAsync } from './use-async';

type AcquisitionValue = Customer['acquisition'];

function isAcquisitionChannel(value: string): value is AcquisitionChannel {
  return (ACQUISITION_CHANNELS as readonly string[]).includes(value);
}

interface AcquisitionSourceProps {
  acquisition: AcquisitionValue;
  campaignName?: string;
  onSave(acquisition: AcquisitionValue): Promise<void>;
  t: Translate;
}

/** How the customer came to us; edited in place. The campaign link is kept as it is. */
export function AcquisitionSource({
  acquisition,
  campaignName,
  onSave,
  t,
}: AcquisitionSourceProps) {
  const [editing, setEditing] = useState(false);
  const [channel, setChannel] = useState('');
  const [detail, setDetail] = useState('');
  const { busy, error, run } = useAsync();

  const start = () => {
    setChannel(acquisition.channel ?? '');
    setDetail(acquisition.detail ?? '');
    setEditing(true);
  };
  const save = async () => {
    const { channel: _c, detail: _d, ...rest } = acquisition;
    const next: AcquisitionValue = {
      ...rest,
      ...(isAcquisitionChannel(channel) ? { channel } : {}),
      ...(detail.trim() ? { detail: detail.trim() } : {}),
    };
    if (await run(() => onSave(next))) setEditing(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      if (!busy) void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(false);
    }
  };

  return (
    <Section title={t('acq_title')} testId="acquisition">
      {editing ? (
        <div class="mini-form" data-testid="acq-form">
          <label>
            {t('acq_channel')}
            <select
              value={channel}
              data-testid="acq-channel"
              onChange={(e) => setChannel(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            >
              <option value="">{t('acq_unknown')}</option>
              {ACQUISITION_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`acq_${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('acq_detail')}
            <input
              dir="auto"
              maxLength={500}
              value={detail}
              data-testid="acq-detail"
              onInput={(e) => setDetail(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
          </label>
          <div class="form-actions">
            <button
              type="button"
              class="button primary"
              disabled={busy}
              data-testid="acq-save"
              onClick={() => void save()}
            >
              {t('save')}
            </button>
            <button
              type="button"
              class="button"
              data-testid="acq-cancel"
              onClick={() => setEditing(false)}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="cf-value"
          title={t('cf_click_to_edit')}
          data-testid="acq-value"
          onClick={start}
        >
          {acquisition.channel ? (
            <span class="strong">{t(`acq_${acquisition.channel}`)}</span>
          ) : (
            <span class="muted">{t('acq_unknown')}</span>
          )}
          {acquisition.detail && (
            <>
              {' · '}
              <bdi dir="auto">{acquisition.detail}</bdi>
            </>
          )}
        </button>
      )}
      {campaignName && (
        <p class="muted" data-testid="acq-campaign">
          <Interpolated t={t} k="acq_campaign" values={[campaignName]} />
        </p>
      )}
      <ErrorNote t={t} message={error} />
    </Section>
  );
}
