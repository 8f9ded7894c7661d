// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER } from './fixtures';
import { renderSidebar } from './test-helpers';

const edit = (key: string) => {
  fireEvent.click(screen.getByTestId(`cf-value-${key}`));
  return screen.getByTestId(`cf-input-${key}`) as HTMLInputElement;
};

describe('CustomFieldsEditor', () => {
  it("shows the team's fields, then the customer's extra keys", () => {
    renderSidebar();
    const rows = screen.getAllByTestId(/^cf-row-/).map((r) => r.dataset.testid);
    expect(rows).toEqual([
      'cf-row-vat_id',
      'cf-row-credit_days',
      'cf-row-renewal',
      'cf-row-reseller',
      'cf-row-legacy_crm_id',
    ]);
    expect(screen.getByTestId('cf-value-credit_days').textContent).toBe('30');
    expect(screen.getByTestId('cf-value-renewal').textContent).toBe('Sep 1, 2025');
    expect(screen.getByTestId('cf-value-reseller').textContent).toBe('not set');
  });

  it('edits in place and saves a number on Enter', async () => {
    const { actions } = renderSidebar();
    const input = edit('credit_days');
    expect(input.type).toBe('number');
    expect(input.value).toBe('30');
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: '45' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(actions.updateCustomer).toHaveBeenCalledWith({
        customFields: { ...CUSTOMER.customFields, credit_days: 45 },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('cf-input-credit_days')).toBeNull());
  });

  it('cancels on Escape without saving', () => {
    const { actions } = renderSidebar();
    const input = edit('vat_id');
    fireEvent.input(input, { target: { value: 'changed' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('cf-input-vat_id')).toBeNull();
    expect(screen.getByTestId('cf-value-vat_id').textContent).toBe('514123456');
    expect(actions.updateCustomer).not.toHaveBeenCalled();
  });

  it('saves booleans and dates typed, and clears a field left empty', async () => {
    const { actions } = renderSidebar();
    const select = edit('reseller');
    fireEvent.change(select, { target: { value: 'true' } });
    fireEvent.keyDown(select, { key: 'Enter' });
    await waitFor(() =>
      expect(actions.updateCustomer).toHaveBeenLastCalledWith({
        customFields: { ...CUSTOMER.customFields, reseller: true },
      }),
    );

    const date = edit('renewal');
    expect(date.type).toBe('date');
    fireEvent.input(date, { target: { value: '2026-01-31' } });
    fireEvent.keyDown(date, { key: 'Enter' });
    await waitFor(() =>
      expect(actions.updateCustomer).toHaveBeenLastCalledWith({
        customFields: { ...CUSTOMER.customFields, renewal: '2026-01-31' },
      }),
    );

    const extra = edit('legacy_crm_id');
    fireEvent.input(extra, { target: { value: '' } });
    fireEvent.keyDown(extra, { key: 'Enter' });
    await waitFor(() =>
      expect(actions.updateCustomer).toHaveBeenLastCalledWith({
        customFields: { ...CUSTOMER.customFields, legacy_crm_id: null },
      }),
    );
  });

  it('keeps the editor open and says so when a save fails', async () => {
    const { actions } = renderSidebar();
    actions.updateCustomer.mockRejectedValue(new Error('offline'));
    const input = edit('vat_id');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('error-note').textContent).toContain('offline'));
    expect(screen.getByTestId('cf-input-vat_id')).toBeTruthy();
  });
});
