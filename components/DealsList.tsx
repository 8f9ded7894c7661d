import type { Deal } from '../lib/model';
import { formatDate, formatMoney } from './format';
import { Section } from './Section';
import type { Translate } from './types';

interface DealsListProps {
  deals: Deal[];
  t: Translate;
  locale: string;
}

/** Open deals first, then won and lost ones; each with its value and expected close. */
export function DealsList({ deals, t, locale }: DealsListProps) {
  const closed = (d: Deal) => d.stage === 'won' || d.stage === 'lost';
  const sorted = [...deals].sort(
    (a, b) =>
      Number(closed(a)) - Number(closed(b)) ||
      (a.expectedClose ?? Infinity) - (b.expectedClose ?? Infinity),
  );
  return (
    <Section title={t('deals_title')} testId="deals">
      {sorted.length === 0 ? (
        <p class="muted">{t('deals_empty')}</p>
      ) : (
        <ul class="deals">
          {sorted.map((d) => (
            <li key={d.id} class="deal" data-testid="deal">
              <div class="deal-line">
                <span class="deal-name">
                  <bdi dir="auto">{d.name}</bdi>
                </span>
                <span class={`badge stage stage-${d.stage}`}>{t(`stage_${d.stage}`)}</span>
              </div>
              <div class="muted">
                <span class="money">{formatMoney(d.value, d.currency, locale)}</span>
                {d.expectedClose !== undefined &&
                  ` · ${t('deal_expected_close', formatDate(d.expectedClose, locale))}`}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
