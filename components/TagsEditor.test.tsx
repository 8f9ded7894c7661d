// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER } from './fixtures';
import { renderSidebar } from './test-helpers';

describe('TagsEditor', () => {
  it('shows the tags as chips', () => {
    renderSidebar();
    expect(screen.getAllByTestId('tag').map((c) => c.firstChild?.textContent)).toEqual(
      CUSTOMER.tags,
    );
  });

  it('adds a tag on Enter and clears the input', async () => {
    const { actions } = renderSidebar();
    const input = screen.getByTestId('tag-input') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '  לקוח חוזר ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(actions.updateCustomer).toHaveBeenCalledWith({
        tags: [...CUSTOMER.tags, 'לקוח חוזר'],
      }),
    );
    await waitFor(() => expect(input.value).toBe(''));
  });

  it('ignores an empty or duplicate tag', () => {
    const { actions } = renderSidebar();
    const input = screen.getByTestId('tag-input');
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.input(input, { target: { value: 'VIP' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(actions.updateCustomer).not.toHaveBeenCalled();
  });

  it('does not add while an input method is composing', () => {
    const { actions } = renderSidebar();
    const input = screen.getByTestId('tag-input');
    fireEvent.input(input, { target: { value: 'x' } });
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    expect(actions.updateCustomer).not.toHaveBeenCalled();
  });

  it('keeps typed keys from reaching the mail page', () => {
    renderSidebar();
    const seen: string[] = [];
    const listener = (e: KeyboardEvent) => seen.push(e.key);
    document.addEventListener('keydown', listener);
    fireEvent.keyDown(screen.getByTestId('tag-input'), { key: 'c' });
    document.removeEventListener('keydown', listener);
    expect(seen).toEqual([]);
  });

  it('removes a tag', async () => {
    const { actions } = renderSidebar();
    const remove = screen.getByTestId('tag-remove-מפיץ');
    expect(remove.getAttribute('aria-label')).toBe('Remove tag מפיץ');
    fireEvent.click(remove);
    await waitFor(() =>
      expect(actions.updateCustomer).toHaveBeenCalledWith({ tags: ['vip', 'annual-contract'] }),
    );
  });
});
