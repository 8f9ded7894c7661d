// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { MATCHES, MESSAGE_IDS, readyView } from './fixtures';
import { renderSidebar } from './test-helpers';

describe('LogEmailButton', () => {
  it('logs the thread and says how much of it is logged already', async () => {
    const { actions } = renderSidebar();
    expect(screen.getByTestId('log-email-partial').textContent).toBe('Logged 2 of 3');
    const button = screen.getByTestId('log-email') as HTMLButtonElement;
    expect(button.textContent).toBe('Log this email');
    fireEvent.click(button);
    expect(actions.logEmail).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  it('shows Logged ✓ and is disabled when every message is logged', () => {
    renderSidebar({ view: readyView({ loggedMessageIds: [...MESSAGE_IDS, 'other'] }) });
    const button = screen.getByTestId('log-email') as HTMLButtonElement;
    expect(button.textContent).toBe('Logged ✓');
    expect(button.disabled).toBe(true);
    expect(screen.queryByTestId('log-email-partial')).toBeNull();
  });

  it('is busy while logging and shows the error when it fails', async () => {
    let fail: (err: Error) => void = () => {};
    const { actions } = renderSidebar();
    actions.logEmail.mockImplementation(
      () => new Promise<void>((_resolve, reject) => (fail = reject)),
    );
    const button = screen.getByTestId('log-email') as HTMLButtonElement;
    fireEvent.click(button);
    await waitFor(() => expect(button.textContent).toBe('Logging…'));
    expect(button.disabled).toBe(true);
    fail(new Error('never-log: on the list'));
    await waitFor(() =>
      expect(screen.getByTestId('log-email-error').textContent).toBe(
        'That did not work: never-log: on the list',
      ),
    );
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe('Log this email');
  });

  it('offers no log for a participant on the never-log list', () => {
    const matches = [{ ...MATCHES[0]!, neverLog: true }, MATCHES[1]!];
    renderSidebar({ view: readyView({ matches }) });
    expect(screen.queryByTestId('log-email')).toBeNull();
    expect(screen.getByTestId('log-email-never').textContent).toBe(
      'Not logged: on the never-log list',
    );
  });

  it('does not claim a thread without message ids is logged', () => {
    renderSidebar({ view: readyView({ messageIds: [], loggedMessageIds: [] }) });
    expect(screen.getByTestId('log-email').textContent).toBe('Log this email');
  });
});
