import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface OptionsSectionProps {
  title: string;
  /** One or two sentences under the heading saying what the section is for. */
  help?: string;
  testId: string;
  children: ComponentChildren;
}

/** One titled group of settings on the options page. */
export function OptionsSection({ title, help, testId, children }: OptionsSectionProps) {
  const id = useId();
  return (
    <section class="options-section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {help && <p class="help">{help}</p>}
      {children}
    </section>
  );
}
