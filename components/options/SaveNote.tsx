import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';

interface SaveNoteProps {
  t: Translate;
  saved: boolean;
  /** The refused save's message, e.g. the invalid-input details of the answer. */
  error: string | null;
  /** Prefix of the note's test ids: `<testId>-saved`, `<testId>-error`. */
  testId: string;
}

/** "Saved", or why not. The polite region is always there so the note is announced. */
export function SaveNote({ t, saved, error, testId }: SaveNoteProps) {
  return (
    <div class="save-note" aria-live="polite">
      {saved && (
        <p class="saved" data-testid={`${testId}-saved`}>
          {t('options_saved')}
        </p>
      )}
      {error !== null && (
        <p class="error" role="alert" data-testid={`${testId}-error`}>
          <Interpolated t={t} k="options_save_error" values={[error]} />
        </p>
      )}
    </div>
  );
}
