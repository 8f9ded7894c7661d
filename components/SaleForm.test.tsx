// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ANALYTICS, CUSTOMER_FILE, readyView } from './fixtures';
import { renderSidebar } from './test-helpers';

/** The form's fields by their visible labels. */
const type = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const valueOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;

/** FIXTURE_NOW (14 March 2025, 10:30 UTC) as the date input shows it in this time zone. */
const TODAY = (() => {
  const d = new Date(Date.UTC(2025, 2, 14, 10, 30));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
})();

function openForm() {
  const rendered = renderSidebar();
  fireEvent.click(screen.getByTestId('log-sale'));
  return rendered;
}

describe('SaleForm', () => {
  it('sits behind a "Log a sale" button, prefilled with the team currency and today', () => {
    renderSidebar();
    expect(screen.queryByTestId('sale-form')).toBeNull();
    expect(screen.getByTestId('log-sale').textContent).toBe('Log a sale');
    fireEvent.click(screen.getByTestId('log-sale'));
    expect(valueOf('Amount')).toBe('');
    expect(valueOf('Currency')).toBe('ILS');
    expect(valueOf('Date')).toBe(TODAY);
  });

  it('is prefilled with the currency the customer buys in, so the sale moves their figures', () => {
    const file = { ...CUSTOMER_FILE, analytics: { ...ANALYTICS, currency: 'EUR' } };
    renderSidebar({ view: readyView({ file }) });
    fireEvent.click(screen.getByTestId('log-sale'));
    expect(valueOf('Currency')).toBe('EUR');
  });

  it('without figures yet, is prefilled with the team currency', () => {
    renderSidebar({ view: readyView({ file: { ...CUSTOMER_FILE, analytics: undefined } }) });
    fireEvent.click(screen.getByTestId('log-sale'));
    expect(valueOf('Currency')).toBe('ILS');
  });

  it('logs a sale today, then closes and confirms', async () => {
    const { actions } = openForm();
    type('Amount', '1250.50');
    type('What was sold (optional)', '  Spare sensors ');
    fireEvent.submit(screen.getByTestId('sale-form'));
    await waitFor(() =>
      expect(actions.logSale).toHaveBeenCalledWith({
        amount: 1_250.5,
        currency: 'ILS',
        description: 'Spare sensors',
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('sale-confirm').textContent).toBe('Sale logged ✓'),
    );
    expect(screen.queryByTestId('sale-form')).toBeNull();
    fireEvent.click(screen.getByTestId('log-sale'));
    expect(valueOf('Amount')).toBe('');
    expect(screen.queryByTestId('sale-confirm')).toBeNull();
  });

  it('dates an earlier sale at local noon and upper-cases the currency', async () => {
    const { actions } = openForm();
    type('Amount', '40');
    type('Currency', 'eur');
    type('Date', '2025-03-01');
    fireEvent.submit(screen.getByTestId('sale-form'));
    await waitFor(() =>
      expect(actions.logSale).toHaveBeenCalledWith({
        amount: 40,
        currency: 'EUR',
        at: new Date(2025, 2, 1, 12).getTime(),
      }),
    );
  });

  it.each([
    ['an empty amount', { Amount: '' }, 'Enter an amount above zero.'],
    ['a negative amount', { Amount: '-5' }, 'Enter an amount above zero.'],
    ['a zero amount', { Amount: '0' }, 'Enter an amount above zero.'],
    ['text', { Amount: 'abc' }, 'Enter an amount above zero.'],
  ])('refuses %s with a message and sends nothing', async (_what, fields, message) => {
    const { actions } = openForm();
    for (const [testId, value] of Object.entries(fields)) type(testId, value);
    fireEvent.submit(screen.getByTestId('sale-form'));
    expect(screen.getByTestId('sale-invalid').textContent).toBe(message);
    expect(actions.logSale).not.toHaveBeenCalled();
    expect(screen.getByTestId('sale-form')).toBeTruthy();
  });

  it('keeps what was typed when logging fails', async () => {
    const { actions } = openForm();
    actions.logSale.mockRejectedValue(new Error('No customers row'));
    type('Amount', '99');
    fireEvent.submit(screen.getByTestId('sale-form'));
    await waitFor(() =>
      expect(screen.getByTestId('sale-error').textContent).toBe(
        'That did not work: No customers row',
      ),
    );
    expect(valueOf('Amount')).toBe('99');
  });
});
