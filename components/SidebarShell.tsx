import type { ComponentChildren } from 'preact';
import { ResizeHandle, clampWidth } from './ResizeHandle';
import type { Translate } from './types';

interface SidebarShellProps {
  t: Translate;
  locale: string;
  dir: 'ltr' | 'rtl';
  collapsed: boolean;
  width: number;
  dock?: 'left' | 'right';
  onCollapse(collapsed: boolean): void;
  onResize(px: number): void;
  children: ComponentChildren;
}

/** The panel: header, resizable inner edge, and a narrow tab when collapsed. */
export function SidebarShell(props: SidebarShellProps) {
  const { t, locale, dir, collapsed, onCollapse, onResize, children } = props;
  const width = clampWidth(props.width);
  // Docked at the inline end by default; the inner edge is then the inline start.
  const dock = props.dock ?? (dir === 'rtl' ? 'left' : 'right');
  const innerAtEnd = (dock === 'right') === (dir === 'rtl');
  // Keys typed in the panel stay in the panel: the mail page would read them as its own
  // shortcuts, since it sees the shadow host, not our input, as their target.
  const keep = (e: Event) => e.stopPropagation();
  const rootProps = {
    onKeyDown: keep,
    onKeyPress: keep,
    onKeyUp: keep,
    dir,
    lang: locale,
    role: 'complementary' as const,
    'aria-label': t('sidebar_label'),
    'data-testid': 'sidebar',
  };

  if (collapsed) {
    return (
      <aside {...rootProps} class="kesher kesher-collapsed">
        <button
          type="button"
          class="expand-tab"
          aria-expanded="false"
          title={t('sidebar_expand')}
          data-testid="sidebar-expand"
          onClick={() => onCollapse(false)}
        >
          <span class="expand-tab-text">{t('extName')}</span>
        </button>
      </aside>
    );
  }

  return (
    <aside
      {...rootProps}
      class={innerAtEnd ? 'kesher kesher-inner-end' : 'kesher'}
      style={`inline-size: ${width}px`}
    >
      <ResizeHandle
        width={width}
        dock={dock}
        atEnd={innerAtEnd}
        label={t('sidebar_resize')}
        onResize={onResize}
      />
      <header class="shell-header">
        <span class="brand" data-testid="sidebar-brand">
          <span class="brand-mark" aria-hidden="true">
            {'\u25C8'}
          </span>
          {t('extName')}
        </span>
        <button
          type="button"
          class="icon-button"
          aria-expanded="true"
          aria-label={t('sidebar_collapse')}
          title={t('sidebar_collapse')}
          data-testid="sidebar-collapse"
          onClick={() => onCollapse(true)}
        >
          {/* Points at the window edge the panel folds into. */}
          {dock === 'left' ? '\u00AB' : '\u00BB'}
        </button>
      </header>
      <div class="shell-body">{children}</div>
    </aside>
  );
}
