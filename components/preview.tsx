/**
 * Mounts the sidebar with fixtures in a plain page (preview.html), inside a shadow root as the
 * content script does, so it can be looked at and screenshot without the extension:
 *   npx vite components --open /preview.html?locale=he
 * Actions change local state so the buttons do something visible.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import en from '../public/_locales/en/messages.json';
import he from '../public/_locales/he/messages.json';
import lv from '../public/_locales/lv/messages.json';
import type { Channel } from '../lib/model';
import { CUSTOMER_FILE, FIXTURE_NOW, MATCHES, MESSAGE_IDS, readyView } from './fixtures';
import { Sidebar } from './Sidebar';
import { SIDEBAR_CSS } from './styles';
import { makeTranslate } from './test-translate';
import type { ReadyView, SidebarActions, SidebarView } from './types';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') ?? 'en';
const catalogs = { en, he, lv } as const;
const english = makeTranslate(en);
const t = locale === 'he' || locale === 'lv' ? makeTranslate(catalogs[locale], english) : english;
const dir = locale === 'he' ? 'rtl' : 'ltr';

function initialView(): SidebarView {
  switch (params.get('state')) {
    case 'idle':
      return { state: 'idle' };
    case 'loading':
      return { state: 'loading' };
    case 'nobody':
      return { state: 'nobody' };
    case 'error':
      return { state: 'error', message: 'The database is busy; try again.' };
    case 'unknown':
      return readyView({ selectedEmail: 'eitan@newco.co.il', file: null });
    case 'free':
      return readyView({ selectedEmail: 'marija.ozola@gmail.com', file: null });
    case 'computing':
      // The customer file before the background's first analytics recompute.
      return readyView({ file: { ...CUSTOMER_FILE, analytics: undefined } });
    default:
      return readyView();
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function Preview() {
  const [view, setView] = useState<SidebarView>(initialView);
  const [collapsed, setCollapsed] = useState(params.get('collapsed') === '1');
  const [width, setWidth] = useState(Number(params.get('width')) || 360);

  const update = (patch: Partial<ReadyView>) =>
    setView((v) => (v.state === 'ready' ? { ...v, ...patch } : v));

  const actions: SidebarActions = {
    selectParticipant(email) {
      const known = MATCHES.find((m) => m.participant.email === email)?.match;
      update({ selectedEmail: email, file: known ? CUSTOMER_FILE : null });
    },
    setChannelFilter(channel: Channel | null) {
      const interactions = CUSTOMER_FILE.interactions.filter(
        (i) => !channel || i.channel === channel,
      );
      update({
        channelFilter: channel,
        file: {
          ...CUSTOMER_FILE,
          interactions,
          interactionCount: channel ? interactions.length : 23,
        },
      });
    },
    async logEmail() {
      await wait(600);
      update({ loggedMessageIds: MESSAGE_IDS });
    },
    async logInteraction(input) {
      await wait(400);
      console.info('logInteraction', input);
    },
    async logSale(input) {
      await wait(400);
      console.info('logSale', input);
    },
    async createCustomer(input) {
      await wait(400);
      console.info('createCustomer', input);
    },
    async updateCustomer(patch) {
      await wait(300);
      setView((v) =>
        v.state === 'ready' && v.file
          ? { ...v, file: { ...v.file, customer: { ...v.file.customer, ...patch } } }
          : v,
      );
    },
    async upsertContact(input) {
      await wait(300);
      console.info('upsertContact', input);
    },
    async addToNeverList(input) {
      await wait(300);
      throw new Error(`Preview only: would add ${input.value} to ${input.list}`);
    },
    setCollapsed,
    setWidth,
  };

  return (
    <Sidebar
      view={view}
      actions={actions}
      t={t}
      locale={locale}
      dir={dir}
      collapsed={collapsed}
      width={width}
      now={FIXTURE_NOW}
    />
  );
}

const host = document.getElementById('sidebar-host');
if (host) {
  document.documentElement.lang = locale;
  document.documentElement.dir = dir;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = SIDEBAR_CSS;
  const mount = document.createElement('div');
  mount.style.blockSize = '100%';
  shadow.append(style, mount);
  render(<Preview />, mount);
}
