// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CONTACTS } from './fixtures';
import { renderSidebar } from './test-helpers';

describe('ContactsList', () => {
  it('changes a role in place', async () => {
    const { actions } = renderSidebar();
    const yossi = CONTACTS[2]!;
    const select = screen.getByTestId(`contact-role-${yossi.id}`) as HTMLSelectElement;
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: 'user' } });
    await waitFor(() =>
      expect(actions.upsertContact).toHaveBeenCalledWith({ id: yossi.id, patch: { role: 'user' } }),
    );
  });

  it('adds a contact from the small form', async () => {
    const { actions } = renderSidebar();
    fireEvent.click(screen.getByTestId('contact-add-open'));
    fireEvent.input(screen.getByTestId('contact-add-name'), { target: { value: 'Līga Kalniņa' } });
    fireEvent.input(screen.getByTestId('contact-add-email'), {
      target: { value: ' Liga@Gilboa-Systems.co.il ' },
    });
    fireEvent.change(screen.getByTestId('contact-add-role'), { target: { value: 'gatekeeper' } });
    fireEvent.submit(screen.getByTestId('contact-add-form'));
    await waitFor(() =>
      expect(actions.upsertContact).toHaveBeenCalledWith({
        patch: {
          name: 'Līga Kalniņa',
          emails: ['liga@gilboa-systems.co.il'],
          phones: [],
          primary: false,
          role: 'gatekeeper',
        },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('contact-add-form')).toBeNull());
  });

  it('lays phone numbers out left to right in every language', () => {
    renderSidebar({ dir: 'rtl' });
    const phone = screen.getByText('+972541234567');
    expect(phone.getAttribute('dir')).toBe('ltr');
    expect(
      screen
        .getByText('dana@gilboa-systems.co.il', { selector: '.contact-detail bdi' })
        .getAttribute('dir'),
    ).toBe('auto');
  });
});
