import type { ComponentChildren } from 'preact';
import type { CustomerAnalytics } from '../lib/model';
import { formatNumber, formatPercent } from './format';
import { abcReason, profitabilityReason, rfmReason, rfmTone, type Tone } from './segment-reasons';
import type { Translate } from './types';

interface SegmentBadgesProps {
  analytics: CustomerAnalytics;
  t: Translate;
  locale: string;
  /** For "last order 7 months ago". */
  now: number;
}

const TONES: Record<string, Tone> = {
  A: 'good',
  profitable: 'good',
  potential: 'warn',
  'loss-making': 'bad',
  promoter: 'good',
  satisfied: 'good',
  detractor: 'bad',
  dissatisfied: 'bad',
};

/**
 * One line: a coloured badge and why. A plain function rather than a component: it is called
 * six times with positional values, which keeps the content script small.
 */
function line(id: string, tone: Tone, label: ComponentChildren, reason: string, title?: string) {
  return (
    <li key={id} data-testid={`badge-${id}`} title={title}>
      <span class={`badge badge-${tone}`}>{label}</span> <span class="muted">{reason}</span>
    </li>
  );
}

/** RFM segment, ABC class, loyalty tier, profitability, then NPS and CSAT when answered. */
export function SegmentBadges({ analytics: a, t, locale, now }: SegmentBadgesProps) {
  const { rfm, abc, loyalty, profitability: profit } = a;
  // "loss-making" → profit_loss_making, "Can't Lose" → rfm_segment_cant_lose: message names
  // are letters, digits and underscores.
  const slug = (name: string) => name.toLowerCase().replace(/'/g, '').replace(/[ -]/g, '_');
  return (
    <ul class="segments">
      {rfm &&
        line(
          'rfm',
          rfmTone(rfm.segment),
          t(`rfm_segment_${slug(rfm.segment)}`),
          rfmReason(a, rfm, t, locale, now),
          rfm.reason,
        )}
      {line(
        'abc',
        TONES[abc.class] ?? 'neutral',
        t('abc_class', abc.class),
        abcReason(a, t, locale),
        abc.reason,
      )}
      {loyalty.tier === null
        ? line('loyalty', 'neutral', t('loyalty_none'), '')
        : line(
            'loyalty',
            'good',
            // A name the team typed: isolated, so a Hebrew or Latvian name keeps its direction.
            <bdi dir="auto">{loyalty.tier}</bdi>,
            t('loyalty_discount', formatPercent(loyalty.discount, locale, 1)),
            loyalty.reason,
          )}
      {line(
        'profitability',
        TONES[profit.class] ?? 'neutral',
        t(`profit_${slug(profit.class)}`),
        profitabilityReason(a, t, locale),
        profit.reason,
      )}
      {(['nps', 'csat'] as const).map((survey) => {
        const answer = a.satisfaction[survey];
        return (
          answer &&
          line(
            survey,
            TONES[answer.class] ?? 'neutral',
            t(`survey_${survey}_${answer.class}`),
            t(`survey_${survey}_reason`, formatNumber(answer.score, locale)),
          )
        );
      })}
    </ul>
  );
}
