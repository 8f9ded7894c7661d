import type { Channel, CustomerFile, ParticipantMatch } from '../lib/model';
import { AcquisitionSource } from './AcquisitionSource';
import { AnalyticsPanel as AnalyticsPanelView } from './AnalyticsPanel';
import { ContactsList as ContactsListView } from './ContactsList';
import { CustomerHeader } from './CustomerHeader';
import { CustomFieldsEditor } from './CustomFieldsEditor';
import { DealsList as DealsListView } from './DealsList';
import { LogEmailButton } from './LogEmailButton';
import { OrdersSummary as OrdersSummaryView } from './OrdersSummary';
import { QuickLogForm } from './QuickLogForm';
import { SaleForm } from './SaleForm';
import { TagsEditor } from './TagsEditor';
import { Timeline as TimelineView } from './Timeline';
import type { CustomFieldDef, SidebarActions, Translate } from './types';
import { memo } from './memo';

// The heavy sections, re-rendered only when their own data changes (not on a button's state).
const Timeline = memo(TimelineView);
const ContactsList = memo(ContactsListView);
const OrdersSummary = memo(OrdersSummaryView);
const DealsList = memo(DealsListView);
const AnalyticsPanel = memo(AnalyticsPanelView);

interface CustomerFileViewProps {
  file: CustomerFile;
  match: ParticipantMatch | undefined;
  messageIds: string[];
  loggedMessageIds: string[];
  channelFilter: Channel | null;
  settingsCurrency: string;
  customFieldDefs: CustomFieldDef[];
  actions: SidebarActions;
  t: Translate;
  locale: string;
  now: number;
}

/**
 * A known customer: who they are and what they are worth first (value, segments, orders, and
 * logging a sale beside them), then the two actions an agent takes most, the people who
 * decide, the history, and the rest.
 */
export function CustomerFileView(props: CustomerFileViewProps) {
  const { file, match, actions, t, locale, now } = props;
  const { customer } = file;
  return (
    <div class="customer-file" data-testid="customer-file">
      <CustomerHeader customer={customer} match={match} t={t} locale={locale} />
      <AnalyticsPanel analytics={file.analytics} t={t} locale={locale} now={now} />
      <OrdersSummary
        revenue={file.revenue}
        orders={file.orders}
        teamCurrency={props.settingsCurrency}
        t={t}
        locale={locale}
      />
      <SaleForm
        onSubmit={actions.logSale}
        defaultCurrency={file.analytics?.currency ?? props.settingsCurrency}
        now={now}
        t={t}
      />
      <LogEmailButton
        messageIds={props.messageIds}
        loggedMessageIds={props.loggedMessageIds}
        neverLog={match?.neverLog ?? false}
        onLog={actions.logEmail}
        t={t}
        locale={locale}
      />
      <QuickLogForm onSubmit={actions.logInteraction} contactId={match?.match?.contactId} t={t} />
      <ContactsList contacts={file.contacts} onUpsert={actions.upsertContact} t={t} />
      <Timeline
        interactions={file.interactions}
        total={file.interactionCount}
        filter={props.channelFilter}
        onFilter={actions.setChannelFilter}
        t={t}
        locale={locale}
        now={now}
      />
      <DealsList deals={file.deals} t={t} locale={locale} />
      <TagsEditor
        tags={customer.tags}
        onChange={(tags) => actions.updateCustomer({ tags })}
        t={t}
      />
      <AcquisitionSource
        acquisition={customer.acquisition}
        campaignName={file.acquisitionCampaignName}
        onSave={(acquisition) => actions.updateCustomer({ acquisition })}
        t={t}
      />
      <CustomFieldsEditor
        defs={props.customFieldDefs}
        values={customer.customFields}
        onSave={(customFields) => actions.updateCustomer({ customFields })}
        t={t}
        locale={locale}
      />
    </div>
  );
}
