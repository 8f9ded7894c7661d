import type { PageContext } from '../model/page-context';

export interface WatchOptions {
  /** Reads the page; null when no thread is open. */
  read(): PageContext | null;
  onContext(context: PageContext | null): void;
  signal: AbortSignal;
  /** At most one read per this many ms while the page keeps changing. */
  throttleMs?: number;
}

/**
 * Re-reads the page after navigation without a reload (hash changes, history API) and after
 * DOM changes. The first change after a quiet spell is read at once (a thread that just opened
 * must show its customer fast); a burst of Gmail's own mutations then costs one read per
 * `throttleMs`. The observer callback only schedules a timer, so an idle page costs nothing.
 */
export function watchPage(win: Window & typeof globalThis, options: WatchOptions): void {
  const { read, onContext, signal } = options;
  const throttleMs = options.throttleMs ?? 120;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRead = -Infinity;

  const readNow = () => {
    timer = undefined;
    if (signal.aborted) return;
    lastRead = performance.now();
    try {
      onContext(read());
    } catch (error) {
      // A page we cannot read is treated as "no thread", never as a crash of the sidebar.
      console.warn('[kesher] could not read the page', error);
      onContext(null);
    }
  };
  const schedule = () => {
    if (timer !== undefined || signal.aborted) return;
    const wait = lastRead + throttleMs - performance.now();
    // Quiet until now: read in this very callback (a microtask after the change), no timer hop.
    if (wait <= 0) readNow();
    else timer = setTimeout(readNow, wait);
  };

  const observer = new win.MutationObserver(schedule);
  observer.observe(win.document.body ?? win.document.documentElement, {
    childList: true,
    subtree: true,
    // Gmail swaps threads by changing attributes on existing nodes too (data-message-id).
    attributes: true,
    attributeFilter: ['data-message-id', 'data-legacy-thread-id', 'email'],
  });
  win.addEventListener('hashchange', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });
  win.addEventListener('wxt:locationchange', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });
  readNow();
}
