import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorNote } from './ErrorNote';
import type { Translate } from './types';
import { useAsync } from './use-async';

interface FoldedFormProps {
  /** Test id prefix: `<id>-form`, `<id>-submit`, `<id>-error`, `<id>-confirm`. */
  id: string;
  /** Test id of the button that unfolds the form. */
  openTestId: string;
  /** Message names of the unfolding button, the confirmation and the submit button. */
  labels: [open: string, done: string, submit: string];
  /** Starts saving the typed values, or answers null when they are not valid (the fields say why). */
  submit(): Promise<void> | null;
  /** After a save: clear the fields. */
  onSaved(): void;
  t: Translate;
  /** The fields. */
  children: ComponentChildren;
}

/**
 * A form folded behind one button, as the sidebar's logging forms are: it unfolds on a click,
 * folds again with a short confirmation once saved, and stays open with the error (and what
 * was typed) when saving fails. One frame for every such form keeps the content script small.
 */
export function FoldedForm({
  id,
  openTestId,
  labels,
  submit,
  onSaved,
  t,
  children,
}: FoldedFormProps) {
  const [open, setOpen] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const { busy, error, run } = useAsync();

  if (!open) {
    return (
      <div class="folded-form">
        <button
          type="button"
          class="button"
          data-testid={openTestId}
          onClick={() => {
            setConfirmed(false);
            setOpen(true);
          }}
        >
          {t(labels[0])}
        </button>
        {confirmed && (
          <span class="confirm" role="status" data-testid={`${id}-confirm`}>
            {t(labels[1])}
          </span>
        )}
      </div>
    );
  }

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const saving = submit();
    if (saving && (await run(() => saving))) {
      onSaved();
      setConfirmed(true);
      setOpen(false);
    }
  };

  // noValidate: the fields' own messages, in the UI language, instead of the browser's bubbles.
  return (
    <form class="mini-form folded-form" data-testid={`${id}-form`} onSubmit={onSubmit} noValidate>
      {children}
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy} data-testid={`${id}-submit`}>
          {t(busy ? 'saving' : labels[2])}
        </button>
        <button type="button" class="button" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
      <ErrorNote t={t} message={error} testId={`${id}-error`} />
    </form>
  );
}
