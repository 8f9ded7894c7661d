/**
 * Drains a step generator (the analytics' slices of work) in one go and returns its result:
 * what the CLI and the tests do, where nothing else needs the thread between slices.
 */
export function runToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
