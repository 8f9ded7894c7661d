import type { Channel, Interaction } from '../lib/model';
import { ChannelFilter } from './ChannelFilter';
import { formatNumber } from './format';
import { Section } from './Section';
import { TimelineItem } from './TimelineItem';
import type { Translate } from './types';

interface TimelineProps {
  interactions: Interaction[];
  /** How many there are in all (for the current filter); more than shown when truncated. */
  total: number;
  filter: Channel | null;
  onFilter(channel: Channel | null): void;
  t: Translate;
  locale: string;
  now: number;
}

/** Every contact with the customer, newest first. */
export function Timeline({ interactions, total, filter, onFilter, t, locale, now }: TimelineProps) {
  const sorted = [...interactions].sort((a, b) => b.at - a.at);
  const count =
    sorted.length < total ? (
      <span class="muted" data-testid="timeline-count">
        {t('timeline_count', [formatNumber(sorted.length, locale), formatNumber(total, locale)])}
      </span>
    ) : null;
  return (
    <Section title={t('timeline_title')} testId="timeline" aside={count}>
      <ChannelFilter value={filter} onChange={onFilter} t={t} />
      {sorted.length === 0 ? (
        <p class="muted" data-testid="timeline-empty">
          {filter ? t('timeline_empty_filtered') : t('timeline_empty')}
        </p>
      ) : (
        <ol class="timeline">
          {sorted.map((i) => (
            <TimelineItem key={i.id} interaction={i} t={t} locale={locale} now={now} />
          ))}
        </ol>
      )}
    </Section>
  );
}
