import { ReadyPanel } from './ReadyPanel';
import { SidebarShell } from './SidebarShell';
import { StatusMessage } from './StatusMessage';
import type { SidebarProps } from './types';

/** The whole panel. Everything it shows and does comes in through props. */
export function Sidebar(props: SidebarProps) {
  const { view, actions, t, locale, dir, collapsed, width, dock, now } = props;
  return (
    <SidebarShell
      t={t}
      locale={locale}
      dir={dir}
      collapsed={collapsed}
      width={width}
      dock={dock}
      onCollapse={actions.setCollapsed}
      onResize={actions.setWidth}
    >
      {view.state === 'ready' ? (
        <ReadyPanel
          view={view}
          actions={actions}
          t={t}
          locale={locale}
          now={now ?? currentMinute()}
        />
      ) : (
        <StatusMessage view={view} t={t} />
      )}
    </SidebarShell>
  );
}

/**
 * "Now" for relative times, to the minute: the same value across the renders of a minute, so
 * sections whose data did not change are not rendered again just because the clock moved.
 */
function currentMinute(): number {
  return Math.floor(Date.now() / 60_000) * 60_000;
}
