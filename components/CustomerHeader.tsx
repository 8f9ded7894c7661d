import type { Customer, ParticipantMatch } from '../lib/model';
import { formatNumber, formatRegion } from './format';
import { MatchedByHint } from './MatchedByHint';
import type { Translate } from './types';

interface CustomerHeaderProps {
  customer: Customer;
  /** The selected participant's match, for the "matched by" hint. */
  match: ParticipantMatch | undefined;
  t: Translate;
  locale: string;
}

/** Who this is: name, kind, how we recognised them, and where they are. */
export function CustomerHeader({ customer, match, t, locale }: CustomerHeaderProps) {
  const { city, region, country } = customer.address;
  const place = [city, region, country && formatRegion(country, locale)].filter(Boolean).join(', ');
  return (
    <header class="customer-header" data-testid="customer-header">
      <h2 class="customer-name" data-testid="customer-name">
        <bdi dir="auto">{customer.name}</bdi>
      </h2>
      <p class="customer-kind">
        <span class="badge" data-testid="customer-kind">
          {t(customer.kind === 'company' ? 'kind_company' : 'kind_person')}
        </span>
      </p>
      {match && <MatchedByHint match={match} t={t} />}
      {(place || customer.vertical || customer.size !== undefined) && (
        <dl class="facts">
          {place && (
            <div>
              <dt>{t('label_location')}</dt>
              <dd data-testid="customer-location">
                <bdi dir="auto">{place}</bdi>
              </dd>
            </div>
          )}
          {customer.vertical && (
            <div>
              <dt>{t('label_vertical')}</dt>
              <dd data-testid="customer-vertical">
                <bdi dir="auto">{customer.vertical}</bdi>
              </dd>
            </div>
          )}
          {customer.size !== undefined && (
            <div>
              <dt>{t('label_size')}</dt>
              <dd data-testid="customer-size">{formatNumber(customer.size, locale)}</dd>
            </div>
          )}
        </dl>
      )}
    </header>
  );
}
