import { useCallback, useState } from 'preact/hooks';
import { useAsync } from '../use-async';

/**
 * `useAsync` plus whether the last save went through, for the "Saved" note. Starting another
 * save clears both the note and the previous error.
 */
export function useSave() {
  const { busy, error, run } = useAsync();
  const [saved, setSaved] = useState(false);
  const save = useCallback(
    async (task: () => Promise<void>): Promise<boolean> => {
      setSaved(false);
      const ok = await run(task);
      setSaved(ok);
      return ok;
    },
    [run],
  );
  return { busy, error, saved, save };
}
