// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CONTACTS } from './fixtures';
import { renderSidebar } from './test-helpers';

const type = (testId: string, value: string) =>
  fireEvent.input(screen.getByTestId(testId), { target: { value } });

describe('QuickLogForm', () => {
  it('offers the hand-logged channels only', () => {
    renderSidebar();
    fireEvent.click(screen.getByTestId('quick-log-open'));
    const options = [...(screen.getByTestId('quick-log-channel') as HTMLSelectElement).options];
    expect(options.map((o) => o.value)).toEqual([
      'phone',
      'sms',
      'fax',
      'chat',
      'meeting',
      'visit',
      'ticket',
      'note',
    ]);
  });

  it('logs an interaction, then clears and confirms', async () => {
    const { actions } = renderSidebar();
    fireEvent.click(screen.getByTestId('quick-log-open'));
    fireEvent.change(screen.getByTestId('quick-log-channel'), { target: { value: 'meeting' } });
    fireEvent.change(screen.getByTestId('quick-log-direction'), { target: { value: 'inbound' } });
    type('quick-log-subject', 'Quarterly review');
    type('quick-log-summary', 'Went through the roadmap.');
    type('quick-log-minutes', '45');
    type('quick-log-outcome', 'Renewal likely');
    fireEvent.submit(screen.getByTestId('quick-log-form'));
    await waitFor(() =>
      expect(actions.logInteraction).toHaveBeenCalledWith({
        channel: 'meeting',
        direction: 'inbound',
        contactId: CONTACTS[0]!.id,
        subject: 'Quarterly review',
        summary: 'Went through the roadmap.',
        durationSec: 2_700,
        outcome: 'Renewal likely',
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('quick-log-confirm').textContent).toBe('Logged ✓'),
    );
    fireEvent.click(screen.getByTestId('quick-log-open'));
    expect((screen.getByTestId('quick-log-subject') as HTMLInputElement).value).toBe('');
  });

  it('sends only what was filled in', async () => {
    const { actions } = renderSidebar();
    fireEvent.click(screen.getByTestId('quick-log-open'));
    fireEvent.submit(screen.getByTestId('quick-log-form'));
    await waitFor(() =>
      expect(actions.logInteraction).toHaveBeenCalledWith({
        channel: 'phone',
        direction: 'outbound',
        contactId: CONTACTS[0]!.id,
      }),
    );
  });

  it('keeps what was typed when logging fails', async () => {
    const { actions } = renderSidebar();
    actions.logInteraction.mockRejectedValue(new Error('offline'));
    fireEvent.click(screen.getByTestId('quick-log-open'));
    type('quick-log-subject', 'Call back');
    fireEvent.submit(screen.getByTestId('quick-log-form'));
    await waitFor(() =>
      expect(screen.getByTestId('quick-log-error').textContent).toContain('offline'),
    );
    expect((screen.getByTestId('quick-log-subject') as HTMLInputElement).value).toBe('Call back');
  });
});
