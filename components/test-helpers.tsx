import { cleanup, render } from '@testing-library/preact';
import { afterEach, type Mock, vi } from 'vitest';
import en from '../public/_locales/en/messages.json';
import { FIXTURE_NOW, readyView } from './fixtures';
import { Sidebar } from './Sidebar';
import { makeTranslate } from './test-translate';
import type { SidebarActions, SidebarProps } from './types';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

export const t = makeTranslate(en);

export type MockActions = { [K in keyof SidebarActions]: Mock<SidebarActions[K]> };

export function makeActions(): MockActions {
  const done = async () => {};
  return {
    selectParticipant: vi.fn<SidebarActions['selectParticipant']>(),
    setChannelFilter: vi.fn<SidebarActions['setChannelFilter']>(),
    logEmail: vi.fn<SidebarActions['logEmail']>(done),
    logInteraction: vi.fn<SidebarActions['logInteraction']>(done),
    logSale: vi.fn<SidebarActions['logSale']>(done),
    createCustomer: vi.fn<SidebarActions['createCustomer']>(done),
    updateCustomer: vi.fn<SidebarActions['updateCustomer']>(done),
    upsertContact: vi.fn<SidebarActions['upsertContact']>(done),
    addToNeverList: vi.fn<SidebarActions['addToNeverList']>(done),
    setCollapsed: vi.fn<SidebarActions['setCollapsed']>(),
    setWidth: vi.fn<SidebarActions['setWidth']>(),
  };
}

export function renderSidebar(props: Partial<Omit<SidebarProps, 'actions'>> = {}) {
  const actions = makeActions();
  const all: SidebarProps = {
    view: readyView(),
    actions,
    t,
    locale: 'en',
    dir: 'ltr',
    collapsed: false,
    width: 340,
    now: FIXTURE_NOW,
    ...props,
  };
  return { ...render(<Sidebar {...all} />), actions, props: all };
}
