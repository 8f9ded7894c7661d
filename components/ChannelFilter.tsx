import type { Channel } from '../lib/model';
import { CHANNEL_ICONS, CHANNELS } from './channels';
import type { Translate } from './types';

interface ChannelFilterProps {
  value: Channel | null;
  onChange(channel: Channel | null): void;
  t: Translate;
}

/** "All" and one chip per channel; the timeline is reloaded for the chosen one. */
export function ChannelFilter({ value, onChange, t }: ChannelFilterProps) {
  return (
    <div
      class="chips filter"
      role="group"
      aria-label={t('timeline_filter')}
      data-testid="channel-filter"
    >
      <button
        type="button"
        class="chip-button"
        aria-pressed={value === null}
        data-testid="channel-filter-all"
        onClick={() => onChange(null)}
      >
        {t('channel_all')}
      </button>
      {CHANNELS.map((channel) => (
        <button
          key={channel}
          type="button"
          class="chip-button"
          aria-pressed={value === channel}
          title={t(`channel_${channel}`)}
          data-testid={`channel-filter-${channel}`}
          onClick={() => onChange(channel)}
        >
          <span aria-hidden="true">{CHANNEL_ICONS[channel]}</span> {t(`channel_${channel}`)}
        </button>
      ))}
    </div>
  );
}
