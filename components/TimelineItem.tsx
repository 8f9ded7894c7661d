import type { Interaction } from '../lib/model';
import { CHANNEL_ICONS, DIRECTION_ARROWS } from './channels';
import { formatDateTime, formatDuration, formatRelative, safeHttpUrl } from './format';
import type { Translate } from './types';

interface TimelineItemProps {
  interaction: Interaction;
  t: Translate;
  locale: string;
  now: number;
}

export function TimelineItem({ interaction: i, t, locale, now }: TimelineItemProps) {
  const url = safeHttpUrl(i.sourceUrl);
  const subject = i.subject || t('timeline_no_subject');
  const meta = [
    i.durationSec !== undefined ? formatDuration(i.durationSec, locale) : null,
    i.satisfaction
      ? t(
          i.satisfaction.scale === 'csat' ? 'score_csat' : 'score_nps',
          String(i.satisfaction.score),
        )
      : null,
  ].filter((x): x is string => x !== null);

  return (
    <li class="tl-item" data-testid="timeline-item" data-channel={i.channel}>
      <span class={`tl-icon ch-${i.channel}`} aria-hidden="true">
        {CHANNEL_ICONS[i.channel]}
      </span>
      <div class="tl-main">
        <div class="tl-line">
          <span class="tl-channel">{t(`channel_${i.channel}`)}</span>
          <span
            class="dir-arrow"
            role="img"
            aria-label={t(`direction_${i.direction}`)}
            title={t(`direction_${i.direction}`)}
          >
            {DIRECTION_ARROWS[i.direction]}
          </span>
          <time
            class="tl-time"
            dateTime={new Date(i.at).toISOString()}
            title={formatDateTime(i.at, locale)}
          >
            {formatRelative(i.at, now, locale)}
          </time>
        </div>
        <div class="tl-subject" data-testid="timeline-subject">
          <bdi dir="auto">
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer" data-testid="timeline-link">
                {subject}
              </a>
            ) : (
              subject
            )}
          </bdi>
        </div>
        {i.summary && (
          <p class="tl-summary" dir="auto">
            {i.summary}
          </p>
        )}
        {(meta.length > 0 || i.outcome) && (
          <div class="tl-meta muted">
            {meta.join(' · ')}
            {meta.length > 0 && i.outcome ? ' · ' : ''}
            {i.outcome && <bdi dir="auto">{i.outcome}</bdi>}
          </div>
        )}
      </div>
    </li>
  );
}
