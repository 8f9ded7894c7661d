import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AnalyticsSummary } from '../../lib/model';

/** How often the popup asks again while the background is still computing. */
export const SUMMARY_POLL_MS = 2_000;
/** The background finishes a full run in well under this; past it the popup stops asking. */
const GIVE_UP_MS = 120_000;

/**
 * The background's latest analytics summary: undefined while loading, null when no run has
 * finished. The background computes after data arrives, so the popup keeps asking while there
 * is no summary, or while it predates `expectNewer()` (called after loading demo data): a
 * manager who opens the popup right after an import sees the figures arrive by themselves.
 */
export function useAnalyticsSummary(load: () => Promise<AnalyticsSummary | null>, now = Date.now) {
  const [value, setValue] = useState<AnalyticsSummary | null | undefined>(undefined);
  const [wantedSince, setWantedSince] = useState(0);
  const [startedAt, setStartedAt] = useState(() => now());

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const summary = await load().catch(() => null);
      if (stopped) return;
      setValue(summary);
      // Current: from a run that began reading after the data came (one that began before
      // finishes after it, without it).
      const current = summary !== null && (summary.startedAt ?? summary.computedAt) >= wantedSince;
      if (!current && now() - startedAt < GIVE_UP_MS) timer = setTimeout(ask, SUMMARY_POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load, wantedSince, startedAt, now]);

  const expectNewer = useCallback(() => {
    setWantedSince(now());
    setStartedAt(now());
  }, [now]);
  return { value, setValue, expectNewer };
}
