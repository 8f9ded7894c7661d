import type { SidebarView } from '../../components/types';
import type { ControllerState } from './sidebar-controller';

/** The controller's state as the components want it. */
export function toSidebarView(state: ControllerState): SidebarView {
  switch (state.status) {
    case 'idle':
      return { state: 'idle' };
    case 'loading':
      return { state: 'loading' };
    case 'error':
      return { state: 'error', message: state.error ?? '' };
    case 'nobody':
      return { state: 'nobody' };
    case 'ready':
      return {
        state: 'ready',
        matches: state.matches,
        selectedEmail: state.selectedEmail ?? '',
        file: state.file,
        loggedMessageIds: state.loggedMessageIds,
        messageIds: state.context?.messageIds ?? [],
        channelFilter: state.channelFilter,
        settingsCurrency: state.currency,
        customFieldDefs: state.customFieldDefs as never,
      };
  }
}
