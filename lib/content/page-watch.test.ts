// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageContext } from '../model/page-context';
import { watchPage } from './page-watch';

const ctx = (threadId: string) => ({ threadId }) as PageContext;

describe('watchPage', () => {
  afterEach(() => vi.useRealTimers());

  it('reads at once, then after DOM changes and navigation, throttled', async () => {
    vi.useFakeTimers();
    const seen: Array<string | undefined> = [];
    let current = 't1';
    const controller = new AbortController();
    watchPage(window, {
      read: () => ctx(current),
      onContext: (c) => seen.push(c?.threadId),
      signal: controller.signal,
      throttleMs: 100,
    });
    expect(seen).toEqual(['t1']);

    current = 't2';
    // A burst of mutations right after a read costs one read, at the end of the throttle window.
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(50);
    expect(seen).toEqual(['t1']);
    await vi.advanceTimersByTimeAsync(60);
    expect(seen).toEqual(['t1', 't2']);

    current = 't3';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toEqual(['t1', 't2', 't3']);

    controller.abort();
    document.body.append(document.createElement('div'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toHaveLength(3);
  });

  it('treats a page that throws as no thread', async () => {
    const seen: unknown[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    watchPage(window, {
      read: () => {
        throw new Error('broken page');
      },
      onContext: (c) => seen.push(c),
      signal: new AbortController().signal,
    });
    expect(seen).toEqual([null]);
    expect(warn).toHaveBeenCalled();
  });
});
