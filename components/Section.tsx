import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface SectionProps {
  title: string;
  testId: string;
  /** Shown at the end of the heading line, e.g. a count. */
  aside?: ComponentChildren;
  children: ComponentChildren;
}

/** One titled block of the customer file. */
export function Section({ title, testId, aside, children }: SectionProps) {
  const id = useId();
  return (
    <section class="section" aria-labelledby={id} data-testid={testId}>
      <div class="section-head">
        <h3 id={id}>{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}
