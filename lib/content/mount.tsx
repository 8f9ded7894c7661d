import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser, type ContentScriptContext } from '#imports';
import type { PublicPath } from 'wxt/browser';
import { Sidebar } from '../../components/Sidebar';
import '../../components/sidebar.css';
import './dock.css';
import { sendMessage } from '../messaging/messenger';
import { translate, uiDirection, uiLanguage } from '../i18n';
import { readPrefs, saveSidebarLayout } from './sidebar-prefs';
import type { SiteAdapter } from '../sites/adapter';
import { subscribeToChanges } from './changes';
import { watchPage } from './page-watch';
import {
  COLLAPSED_WIDTH,
  pageSide,
  releaseSpace,
  reserveSpace,
  topBarBottom,
  edgePanelWidth,
  type Side,
} from './placement';
import { SidebarController, type Send } from './sidebar-controller';
import { createSidebarActions } from './sidebar-actions';
import { loadCss, mountShadowHost } from './shadow-host';
import { toSidebarView } from './sidebar-view';

const send: Send = (name, data) => sendMessage(name, data as never) as never;

/** Alt+Shift+K: not taken by Gmail, Outlook or the browser. */
function isToggleShortcut(event: KeyboardEvent): boolean {
  return (
    event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyK'
  );
}

function SidebarApp(props: {
  controller: SidebarController;
  side: Side;
  initial: { collapsed: boolean; width: number };
  signal: AbortSignal;
  /** Our shadow host, which the page probes must not mistake for the site's own panels. */
  host: Element;
}) {
  const { controller, side, signal } = props;
  const [state, setState] = useState(controller.current);
  const [collapsed, setCollapsed] = useState(props.initial.collapsed);
  const [width, setWidth] = useState(props.initial.width);
  useEffect(() => {
    // Effects run after paint: the controller may have moved on since the first render.
    setState(controller.current);
    return controller.subscribe(setState);
  }, [controller]);

  const persist = (patch: Partial<{ collapsed: boolean; width: number }>) =>
    void saveSidebarLayout(patch);
  const layout = useMemo(
    () => ({
      setCollapsed: (value: boolean) => {
        setCollapsed(value);
        persist({ collapsed: value });
      },
      setWidth: (value: number) => {
        setWidth(value);
        persist({ width: value });
      },
    }),
    [],
  );
  const actions = useMemo(() => createSidebarActions(controller, send, layout), [controller]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isToggleShortcut(event)) return;
      event.preventDefault();
      event.stopPropagation();
      setCollapsed((value) => {
        persist({ collapsed: !value });
        return !value;
      });
    };
    window.addEventListener('keydown', onKey, { capture: true, signal });
  }, []);

  const visible = state.status !== 'idle';
  // Room the site keeps for itself: its top bar above us, a panel of app icons at our edge.
  const [top, setTop] = useState(0);
  const [edge, setEdge] = useState(0);
  const measure = () => {
    setTop(topBarBottom(document));
    setEdge(edgePanelWidth(document, side, props.host));
  };
  useEffect(() => {
    if (visible) reserveSpace(document, side, (collapsed ? COLLAPSED_WIDTH : width) + edge);
    else releaseSpace(document);
  }, [visible, collapsed, width, side, edge]);
  useEffect(() => {
    if (visible) measure();
  }, [visible]);
  useEffect(() => {
    window.addEventListener('resize', measure, { signal });
  }, []);

  if (!visible) return null;
  return (
    <div
      class={`kesher-dock kesher-dock-${side}`}
      style={{ top: `${top}px`, [side]: `${edge}px` }}
      data-testid="kesher-dock"
    >
      <Sidebar
        view={toSidebarView(state)}
        actions={actions}
        t={translate}
        locale={uiLanguage()}
        dir={uiDirection()}
        collapsed={collapsed}
        width={width}
        dock={side}
      />
    </div>
  );
}

/** Mounts the sidebar in a shadow root and keeps it in step with the page. */
export async function mountSidebar(ctx: ContentScriptContext, adapter: SiteAdapter): Promise<void> {
  const prefs = await readPrefs();
  const controller = new SidebarController(send, () => adapter.bodies?.(document) ?? {});
  const side = pageSide(document);
  // `cssInjectionMode: 'ui'`: the entrypoint's CSS goes into the shadow root, not the page.
  const css = await loadCss(
    browser.runtime.getURL(`/content-scripts/${import.meta.env.ENTRYPOINT}.css` as PublicPath),
  );
  const ui = mountShadowHost(document, {
    name: 'kesher-sidebar',
    css,
    onMount(container, host) {
      render(
        <SidebarApp
          controller={controller}
          side={side}
          initial={prefs.sidebar}
          signal={ctx.signal}
          host={host}
        />,
        container,
      );
    },
    onRemove(container) {
      render(null, container);
      releaseSpace(document);
    },
  });
  ctx.onInvalidated(ui.remove);

  subscribeToChanges(
    (name) => browser.runtime.connect({ name }),
    (event) => void controller.onChange(event),
    ctx.signal,
  );
  watchPage(window, {
    read: () => adapter.extract(document, location.href),
    onContext: (context) => void controller.setContext(context),
    signal: ctx.signal,
  });
}
