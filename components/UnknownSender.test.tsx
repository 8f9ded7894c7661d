// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { readyView, unknownSenderView } from './fixtures';
import { Sidebar } from './Sidebar';
import { renderSidebar } from './test-helpers';

const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;
const type = (testId: string, text: string) =>
  fireEvent.input(screen.getByTestId(testId), { target: { value: text } });

describe('UnknownSender', () => {
  it('is prefilled from the suggestion, company included', () => {
    renderSidebar({ view: unknownSenderView() });
    expect(screen.getByTestId('unknown-sender').textContent).toContain('Not a customer yet');
    expect((screen.getByTestId('create-kind-company') as HTMLInputElement).checked).toBe(true);
    expect(value('create-person-name')).toBe('Eitan Mizrahi');
    expect(value('create-company-name')).toBe('Newco');
    expect(value('create-email')).toBe('eitan@newco.co.il');
    expect(screen.getByTestId('create-domain').textContent).toContain('newco.co.il');
  });

  it('creates the customer with the edited values', async () => {
    const { actions } = renderSidebar({ view: unknownSenderView() });
    type('create-company-name', 'Newco Robotics Ltd');
    type('create-person-name', 'איתן מזרחי');
    fireEvent.click(screen.getByTestId('create-submit'));
    await waitFor(() => expect(actions.createCustomer).toHaveBeenCalledTimes(1));
    expect(actions.createCustomer).toHaveBeenCalledWith({
      kind: 'company',
      personName: 'איתן מזרחי',
      email: 'eitan@newco.co.il',
      companyName: 'Newco Robotics Ltd',
      domain: 'newco.co.il',
    });
  });

  it('creates a person without company or domain', async () => {
    const { actions } = renderSidebar({ view: unknownSenderView() });
    fireEvent.click(screen.getByTestId('create-kind-person'));
    expect(screen.queryByTestId('create-company-name')).toBeNull();
    fireEvent.submit(screen.getByTestId('create-form'));
    await waitFor(() => expect(actions.createCustomer).toHaveBeenCalledTimes(1));
    expect(actions.createCustomer).toHaveBeenCalledWith({
      kind: 'person',
      personName: 'Eitan Mizrahi',
      email: 'eitan@newco.co.il',
    });
  });

  it('refuses to submit a company without a name', () => {
    const { actions } = renderSidebar({ view: unknownSenderView() });
    type('create-company-name', '  ');
    fireEvent.submit(screen.getByTestId('create-form'));
    expect(screen.getByTestId('create-invalid')).toBeTruthy();
    expect(actions.createCustomer).not.toHaveBeenCalled();
  });

  it('shows the error when creating fails', async () => {
    const { actions } = renderSidebar({ view: unknownSenderView() });
    actions.createCustomer.mockRejectedValue(new Error('conflict'));
    fireEvent.submit(screen.getByTestId('create-form'));
    await waitFor(() =>
      expect(screen.getByTestId('create-error').textContent).toBe('That did not work: conflict'),
    );
  });

  it('adds the address or the domain to the never-show and never-log lists', async () => {
    const { actions } = renderSidebar({ view: unknownSenderView() });
    const showAddress = screen.getByTestId('neverShow-address');
    expect(showAddress.textContent).toBe('Never show eitan@newco.co.il');
    expect(showAddress.querySelector('bdi')?.getAttribute('dir')).toBe('auto');
    expect(screen.getByTestId('neverShow-domain').textContent).toBe('Never show newco.co.il');
    expect(screen.getByTestId('neverLog-address').textContent).toBe('Never log eitan@newco.co.il');

    fireEvent.click(showAddress);
    await waitFor(() =>
      expect(actions.addToNeverList).toHaveBeenCalledWith({
        list: 'neverShow',
        kind: 'address',
        value: 'eitan@newco.co.il',
      }),
    );
    fireEvent.click(screen.getByTestId('neverShow-domain'));
    await waitFor(() =>
      expect(actions.addToNeverList).toHaveBeenLastCalledWith({
        list: 'neverShow',
        kind: 'domain',
        value: 'newco.co.il',
      }),
    );
    fireEvent.click(screen.getByTestId('neverLog-domain'));
    await waitFor(() =>
      expect(actions.addToNeverList).toHaveBeenLastCalledWith({
        list: 'neverLog',
        kind: 'domain',
        value: 'newco.co.il',
      }),
    );
    fireEvent.click(screen.getByTestId('neverLog-address'));
    await waitFor(() =>
      expect(actions.addToNeverList).toHaveBeenLastCalledWith({
        list: 'neverLog',
        kind: 'address',
        value: 'eitan@newco.co.il',
      }),
    );
  });

  it('offers no domain for a free-mail sender', () => {
    renderSidebar({ view: readyView({ selectedEmail: 'marija.ozola@gmail.com', file: null }) });
    expect((screen.getByTestId('create-kind-person') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('neverShow-address')).toBeTruthy();
    expect(screen.queryByTestId('neverShow-domain')).toBeNull();
    expect(screen.queryByTestId('neverLog-domain')).toBeNull();
  });

  it('starts afresh for another participant', () => {
    const { rerender, props } = renderSidebar({ view: unknownSenderView() });
    type('create-person-name', 'Half typed');
    const other = readyView({ selectedEmail: 'marija.ozola@gmail.com', file: null });
    rerender(<Sidebar {...props} view={other} />);
    expect(value('create-person-name')).toBe('Marija Ozola');
  });
});
