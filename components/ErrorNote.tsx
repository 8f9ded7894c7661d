import { Interpolated } from './Interpolated';
import type { Translate } from './types';

interface ErrorNoteProps {
  t: Translate;
  message: string | null;
  testId?: string;
}

/** An action's failure, announced to screen readers. The message is shown as text. */
export function ErrorNote({ t, message, testId = 'error-note' }: ErrorNoteProps) {
  if (message === null) return null;
  return (
    <p class="error-note" role="alert" data-testid={testId}>
      <Interpolated t={t} k="error_action" values={[message]} />
    </p>
  );
}
