// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CUSTOMER, CUSTOMER_FILE, INTERACTIONS, MATCHES, readyView } from './fixtures';
import { Sidebar } from './Sidebar';
import { renderSidebar } from './test-helpers';

describe('Sidebar with a customer file', () => {
  it('renders the name, contacts with their roles, and revenue per currency', () => {
    renderSidebar();
    expect(screen.getByTestId('customer-name').textContent).toBe('גלבוע מערכות בע״מ');
    expect(screen.getByTestId('matched-by').textContent).toBe('Matched by contact דנה לוי');
    expect(screen.getByTestId('customer-location').textContent).toBe('Haifa, Israel');

    const contacts = within(screen.getByTestId('contacts'));
    const names = contacts.getAllByTestId('contact-name').map((n) => n.textContent);
    expect(names).toEqual(['דנה לוי', 'Jānis Bērziņš', 'Yossi Cohen']);
    const dana = screen.getByTestId(
      `contact-role-${CUSTOMER_FILE.contacts[0]!.id}`,
    ) as HTMLSelectElement;
    expect(dana.value).toBe('decision_maker');
    expect(dana.selectedOptions[0]?.textContent).toBe('Decision maker');
    const janis = screen.getByTestId(
      `contact-role-${CUSTOMER_FILE.contacts[1]!.id}`,
    ) as HTMLSelectElement;
    expect(janis.value).toBe('influencer');

    expect(screen.getByTestId('revenue-ILS').textContent).toContain('₪70,340.50');
    expect(screen.getByTestId('revenue-ILS').textContent).toContain('Orders: 4');
    expect(screen.getByTestId('revenue-EUR').textContent).toContain('€9,050.00');
    const revenue = screen.getAllByTestId(/^revenue-/).map((r) => r.dataset.testid);
    expect(revenue).toEqual(['revenue-ILS', 'revenue-EUR']);
    expect(screen.getAllByTestId('order')).toHaveLength(5);
  });

  it('lists the timeline newest first, whatever order it arrives in', () => {
    const shuffled = [...INTERACTIONS].reverse();
    renderSidebar({ view: readyView({ file: { ...CUSTOMER_FILE, interactions: shuffled } }) });
    const items = screen.getAllByTestId('timeline-item');
    expect(items.map((i) => i.dataset.channel)).toEqual(INTERACTIONS.map((i) => i.channel));
    expect(items[0]?.textContent).toContain('2 hours ago');
    expect(items[1]?.textContent).toContain('13 min');
    expect(items[1]?.textContent).toContain('Agreed on a 6-week pilot');
    expect(screen.getByTestId('timeline-count').textContent).toBe('9 of 23');
  });

  it('links a logged email to its source, and only over http(s)', () => {
    const hostile = { ...INTERACTIONS[0]!, id: 'x1', sourceUrl: 'javascript:alert(1)', at: 1 };
    renderSidebar({
      view: readyView({
        file: { ...CUSTOMER_FILE, interactions: [INTERACTIONS[0]!, hostile], interactionCount: 2 },
      }),
    });
    const links = screen.getAllByTestId('timeline-link') as HTMLAnchorElement[];
    expect(links).toHaveLength(1);
    expect(links[0]!.href).toBe('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJxyz');
    expect(links[0]!.rel).toBe('noopener noreferrer');
    expect(links[0]!.target).toBe('_blank');
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
    expect(screen.queryByTestId('timeline-count')).toBeNull();
  });

  it('renders markup in page-provided strings as literal text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const bold = '<b>x</b>';
    const matches = [
      {
        ...MATCHES[0]!,
        participant: { ...MATCHES[0]!.participant, name: bold },
        match: { ...MATCHES[0]!.match!, contactName: evil },
      },
      MATCHES[1]!,
    ];
    const file = {
      ...CUSTOMER_FILE,
      customer: { ...CUSTOMER, name: evil, tags: [bold] },
      contacts: [{ ...CUSTOMER_FILE.contacts[0]!, name: bold, title: evil }],
      interactions: [{ ...INTERACTIONS[0]!, subject: evil, summary: bold }],
    };
    const { container } = renderSidebar({ view: readyView({ matches, file }) });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByTestId('customer-name').textContent).toBe(evil);
    expect(screen.getByTestId('matched-by').textContent).toBe(`Matched by contact ${evil}`);
    expect(
      screen.getByTestId(`participant-${MATCHES[0]!.participant.email}`).textContent,
    ).toContain(bold);
    expect(screen.getByTestId('timeline-subject').textContent).toBe(evil);
  });

  it('isolates every page-provided string with dir="auto"', () => {
    const { container } = renderSidebar({ dir: 'rtl', locale: 'he' });
    const pageStrings = [
      CUSTOMER.name,
      CUSTOMER.vertical!,
      ...CUSTOMER.tags,
      ...CUSTOMER_FILE.contacts.flatMap((c) => [c.name, c.title!, ...c.emails]),
      ...INTERACTIONS.flatMap((i) => [i.subject, i.summary, i.outcome]),
      ...CUSTOMER_FILE.orders.slice(0, 5).map((o) => o.description),
      ...CUSTOMER_FILE.deals.map((d) => d.name),
      ...MATCHES.flatMap((m) => [m.participant.name, m.participant.email]),
      CUSTOMER_FILE.acquisitionCampaignName!,
      CUSTOMER.acquisition.detail!,
    ].filter((s): s is string => Boolean(s));
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const seen = new Set<string>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!pageStrings.includes(text)) continue;
      seen.add(text);
      expect(node.parentElement?.closest('[dir]')?.getAttribute('dir'), text).toBe('auto');
    }
    expect([...seen].sort()).toEqual([...new Set(pageStrings)].sort());
  });

  it('filters the timeline by channel', () => {
    const { actions } = renderSidebar();
    fireEvent.click(screen.getByTestId('channel-filter-phone'));
    expect(actions.setChannelFilter).toHaveBeenCalledWith('phone');
    fireEvent.click(screen.getByTestId('channel-filter-all'));
    expect(actions.setChannelFilter).toHaveBeenLastCalledWith(null);
    expect(screen.getAllByTestId(/^channel-filter-/)).toHaveLength(10);
  });

  it('marks the active channel chip', () => {
    renderSidebar({
      view: readyView({ channelFilter: 'phone', file: { ...CUSTOMER_FILE, interactions: [] } }),
    });
    expect(screen.getByTestId('channel-filter-phone').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('channel-filter-all').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('timeline-empty').textContent).toBe('Nothing on this channel.');
  });
});

describe('Sidebar participants', () => {
  it('switches participant and highlights the selected one', () => {
    const { actions } = renderSidebar();
    const dana = screen.getByTestId('participant-dana@gilboa-systems.co.il');
    expect(dana.getAttribute('aria-current')).toBe('true');
    expect(dana.textContent).toContain('customer');
    const eitan = screen.getByTestId('participant-eitan@newco.co.il');
    expect(eitan.getAttribute('aria-current')).toBeNull();
    expect(eitan.textContent).toContain('new');
    fireEvent.click(eitan);
    expect(actions.selectParticipant).toHaveBeenCalledWith('eitan@newco.co.il');
  });

  it('hides the switcher when there is only one participant', () => {
    renderSidebar({ view: readyView({ matches: [MATCHES[0]!] }) });
    expect(screen.queryByTestId('participant-switcher')).toBeNull();
  });

  it('shows the create form for an unknown sender', () => {
    renderSidebar({ view: readyView({ selectedEmail: 'eitan@newco.co.il', file: null }) });
    expect(screen.getByTestId('unknown-sender')).toBeTruthy();
    expect(screen.queryByTestId('customer-file')).toBeNull();
  });
});

describe('Sidebar shell', () => {
  it('collapses and expands through setCollapsed', () => {
    const open = renderSidebar();
    fireEvent.click(screen.getByTestId('sidebar-collapse'));
    expect(open.actions.setCollapsed).toHaveBeenCalledWith(true);
    open.unmount();

    const collapsed = renderSidebar({ collapsed: true });
    expect(collapsed.queryAllByTestId('customer-file')).toHaveLength(0);
    fireEvent.click(collapsed.getByTestId('sidebar-expand'));
    expect(collapsed.actions.setCollapsed).toHaveBeenCalledWith(false);
  });

  it('sets dir, lang and an accessible name on the root', () => {
    const { getByTestId, rerender, props } = renderSidebar({ dir: 'rtl', locale: 'he' });
    const root = getByTestId('sidebar');
    expect(root.getAttribute('dir')).toBe('rtl');
    expect(root.getAttribute('lang')).toBe('he');
    expect(root.getAttribute('role')).toBe('complementary');
    expect(root.getAttribute('aria-label')).toBe('Kesher customer file');
    rerender(<Sidebar {...props} dir="ltr" />);
    expect(getByTestId('sidebar').getAttribute('dir')).toBe('ltr');
  });

  it('resizes with the arrow keys, mirrored in right-to-left', () => {
    const ltr = renderSidebar({ width: 340 });
    fireEvent.keyDown(ltr.getByTestId('sidebar-resize'), { key: 'ArrowLeft' });
    expect(ltr.actions.setWidth).toHaveBeenLastCalledWith(356);
    fireEvent.keyDown(ltr.getByTestId('sidebar-resize'), { key: 'ArrowRight' });
    expect(ltr.actions.setWidth).toHaveBeenLastCalledWith(324);
    ltr.unmount();

    const rtl = renderSidebar({ width: 340, dir: 'rtl' });
    fireEvent.keyDown(rtl.getByTestId('sidebar-resize'), { key: 'ArrowLeft' });
    expect(rtl.actions.setWidth).toHaveBeenLastCalledWith(324);
    fireEvent.keyDown(rtl.getByTestId('sidebar-resize'), { key: 'ArrowRight' });
    expect(rtl.actions.setWidth).toHaveBeenLastCalledWith(356);
  });

  it('puts the handle on the inner edge when page and UI directions differ', () => {
    const { getByTestId, actions } = renderSidebar({ dir: 'rtl', dock: 'right', width: 340 });
    expect(getByTestId('sidebar').classList.contains('kesher-inner-end')).toBe(true);
    const handle = getByTestId('sidebar-resize');
    expect(handle.classList.contains('resize-handle-end')).toBe(true);
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(actions.setWidth).toHaveBeenLastCalledWith(356);
    fireEvent.pointerDown(handle, { clientX: 500, button: 0, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 450, pointerId: 1 });
    expect(actions.setWidth).toHaveBeenLastCalledWith(390);
  });

  it('resizes by dragging the inner edge, within 260..720 px', () => {
    const { getByTestId, actions } = renderSidebar({ width: 400 });
    const handle = getByTestId('sidebar-resize');
    fireEvent.pointerDown(handle, { clientX: 1000, button: 0, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 900, pointerId: 1 });
    expect(actions.setWidth).toHaveBeenLastCalledWith(500);
    fireEvent.pointerMove(handle, { clientX: 100, pointerId: 1 });
    expect(actions.setWidth).toHaveBeenLastCalledWith(720);
    fireEvent.pointerMove(handle, { clientX: 1500, pointerId: 1 });
    expect(actions.setWidth).toHaveBeenLastCalledWith(260);
    fireEvent.pointerUp(handle, { pointerId: 1 });
    actions.setWidth.mockClear();
    fireEvent.pointerMove(handle, { clientX: 800, pointerId: 1 });
    expect(actions.setWidth).not.toHaveBeenCalled();
  });

  it('says what is going on when there is no file', () => {
    const { rerender, props } = renderSidebar({ view: { state: 'idle' } });
    expect(screen.getByTestId('status-idle')).toBeTruthy();
    rerender(<Sidebar {...props} view={{ state: 'loading' }} />);
    expect(screen.getByTestId('status-loading').getAttribute('aria-busy')).toBe('true');
    rerender(<Sidebar {...props} view={{ state: 'nobody' }} />);
    expect(screen.getByTestId('status-nobody')).toBeTruthy();
    rerender(<Sidebar {...props} view={{ state: 'error', message: '<b>db</b> down' }} />);
    expect(screen.getByTestId('status-error').textContent).toBe(
      'Something went wrong: <b>db</b> down',
    );
  });
});

describe('Sidebar without test helpers', () => {
  it('renders with only the required props', () => {
    const noop = () => {};
    const resolved = async () => {};
    const { container } = render(
      <Sidebar
        view={{ state: 'idle' }}
        actions={{
          selectParticipant: noop,
          setChannelFilter: noop,
          logEmail: resolved,
          logInteraction: resolved,
          logSale: resolved,
          createCustomer: resolved,
          updateCustomer: resolved,
          upsertContact: resolved,
          addToNeverList: resolved,
          setCollapsed: noop,
          setWidth: noop,
        }}
        t={(key) => key}
        locale="lv"
        dir="ltr"
        collapsed={false}
        width={9999}
      />,
    );
    expect(container.textContent).toContain('status_idle');
    expect((container.firstElementChild as HTMLElement).style.inlineSize).toBe('720px');
  });
});
