import { Component, type ComponentType, type FunctionComponent, h } from 'preact';

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a) as Array<keyof typeof a>;
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * Skips re-rendering a component whose props are all the same values as last time. A click on
 * "Log this email" changes one button; without this, the whole file (a timeline of dozens of
 * items) would be diffed again on the path the agent waits on. preact/compat's memo would do
 * the same at the cost of the compat layer in the content script.
 */
export function memo<P extends object>(inner: FunctionComponent<P>): ComponentType<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }
    override render() {
      return h(inner, this.props);
    }
  }
  (Memo as unknown as { displayName: string }).displayName = `Memo(${inner.name})`;
  return Memo;
}
