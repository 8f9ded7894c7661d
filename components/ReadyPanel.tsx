import { CustomerFileView } from './CustomerFileView';
import { ParticipantSwitcher } from './ParticipantSwitcher';
import type { ReadyView, SidebarActions, Translate } from './types';
import { UnknownSender } from './UnknownSender';

interface ReadyPanelProps {
  view: ReadyView;
  actions: SidebarActions;
  t: Translate;
  locale: string;
  now: number;
}

/** The thread's participants and the selected one's file, or the form to create it. */
export function ReadyPanel({ view, actions, t, locale, now }: ReadyPanelProps) {
  const match =
    view.matches.find((m) => m.participant.email === view.selectedEmail) ?? view.matches[0];
  return (
    <>
      <ParticipantSwitcher
        matches={view.matches}
        selectedEmail={match?.participant.email ?? view.selectedEmail}
        onSelect={actions.selectParticipant}
        t={t}
      />
      {/* Keyed so that half-typed edits never carry over to another customer. */}
      {view.file ? (
        <CustomerFileView
          key={view.file.customer.id}
          file={view.file}
          match={match}
          messageIds={view.messageIds}
          loggedMessageIds={view.loggedMessageIds}
          channelFilter={view.channelFilter}
          settingsCurrency={view.settingsCurrency}
          customFieldDefs={view.customFieldDefs}
          actions={actions}
          t={t}
          locale={locale}
          now={now}
        />
      ) : match ? (
        <UnknownSender
          key={match.participant.email}
          suggestion={match.suggestion}
          onCreate={actions.createCustomer}
          onNeverList={actions.addToNeverList}
          t={t}
        />
      ) : null}
    </>
  );
}
