// @vitest-environment jsdom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { memo } from './memo';

describe('memo', () => {
  it('renders again only when a prop changes value', () => {
    let renders = 0;
    const items = ['a', 'b'];
    const List = memo(({ items, label }: { items: string[]; label: string }) => {
      renders++;
      return <p>{`${label}: ${items.join(',')}`}</p>;
    });
    const root = document.createElement('div');
    render(<List items={items} label="x" />, root);
    render(<List items={items} label="x" />, root);
    expect(renders).toBe(1);
    render(<List items={[...items]} label="x" />, root);
    expect(renders).toBe(2);
    render(<List items={items} label="y" />, root);
    expect(renders).toBe(3);
    expect(root.textContent).toBe('y: a,b');
  });
});
