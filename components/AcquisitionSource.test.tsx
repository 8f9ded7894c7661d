// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER } from './fixtures';
import { renderSidebar } from './test-helpers';

describe('AcquisitionSource', () => {
  it('shows the channel, detail and campaign', () => {
    renderSidebar();
    expect(screen.getByTestId('acq-value').textContent).toBe(
      'Event · Met at the Riga Food & Tech fair',
    );
    expect(screen.getByTestId('acq-campaign').textContent).toBe('Campaign: Riga Food & Tech 2024');
  });

  it('edits in place and keeps the campaign link', async () => {
    const { actions } = renderSidebar();
    fireEvent.click(screen.getByTestId('acq-value'));
    fireEvent.change(screen.getByTestId('acq-channel'), { target: { value: 'referral' } });
    const detail = screen.getByTestId('acq-detail');
    fireEvent.input(detail, { target: { value: 'Dana’s former colleague' } });
    fireEvent.keyDown(detail, { key: 'Enter' });
    await waitFor(() =>
      expect(actions.updateCustomer).toHaveBeenCalledWith({
        acquisition: {
          campaignId: CUSTOMER.acquisition.campaignId,
          channel: 'referral',
          detail: 'Dana’s former colleague',
        },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('acq-form')).toBeNull());
  });

  it('cancels on Escape', () => {
    const { actions } = renderSidebar();
    fireEvent.click(screen.getByTestId('acq-value'));
    fireEvent.keyDown(screen.getByTestId('acq-detail'), { key: 'Escape' });
    expect(screen.queryByTestId('acq-form')).toBeNull();
    expect(actions.updateCustomer).not.toHaveBeenCalled();
  });
});
