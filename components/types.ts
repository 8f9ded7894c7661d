import type { Channel, CustomerFile, ParticipantMatch, SettingsFields } from '../lib/model';
import type {
  CreateCustomerInput,
  LogInteractionInput,
  LogOrderInput,
  NeverListInput,
  UpdateCustomerInput,
  UpsertContactInput,
} from '../lib/messaging/protocol';

/** Same shape as `browser.i18n.getMessage`: a message name and up to nine positional substitutions. */
export type Translate = (key: string, substitutions?: string | string[]) => string;

/** A team's custom field definition, as settings store it. */
export type CustomFieldDef = SettingsFields['customFieldDefs'][number];

/**
 * Everything the sidebar can ask for. The entrypoint wires these to messages; components never
 * talk to the browser themselves. A rejected promise is shown to the user as an error.
 */
export interface SidebarActions {
  selectParticipant(email: string): void;
  setChannelFilter(channel: Channel | null): void;
  logEmail(): Promise<void>;
  logInteraction(input: Omit<LogInteractionInput, 'customerId'>): Promise<void>;
  /** A paid order for the open customer, typed in by hand. */
  logSale(input: Omit<LogOrderInput, 'customerId'>): Promise<void>;
  createCustomer(input: CreateCustomerInput): Promise<void>;
  updateCustomer(patch: UpdateCustomerInput['patch']): Promise<void>;
  upsertContact(input: Omit<UpsertContactInput, 'customerId'>): Promise<void>;
  addToNeverList(input: NeverListInput): Promise<void>;
  setCollapsed(collapsed: boolean): void;
  setWidth(px: number): void;
}

export interface ReadyView {
  state: 'ready';
  matches: ParticipantMatch[];
  selectedEmail: string;
  /** null: the selected participant is not a customer yet. */
  file: CustomerFile | null;
  loggedMessageIds: string[];
  messageIds: string[];
  channelFilter: Channel | null;
  settingsCurrency: string;
  customFieldDefs: CustomFieldDef[];
}

export type SidebarView =
  /** Not on a thread. */
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  /** A thread, but every participant is the agent or hidden. */
  | { state: 'nobody' }
  | ReadyView;

export interface SidebarProps {
  view: SidebarView;
  actions: SidebarActions;
  t: Translate;
  /** BCP 47 tag used for every number, money and date ("en", "he", "lv"). */
  locale: string;
  dir: 'ltr' | 'rtl';
  collapsed: boolean;
  /** Panel width in CSS pixels, 260..720. */
  width: number;
  /**
   * The window edge the panel is docked to, when the host knows it: the resize handle goes on
   * the other edge. Defaults to the inline end of `dir` (right for ltr, left for rtl); pass it
   * when the page's direction and the UI language's differ (a Hebrew UI over English Gmail).
   */
  dock?: 'left' | 'right';
  /** "Now" for relative times, in ms; defaults to Date.now(). Tests and the preview pin it. */
  now?: number;
}

export const MIN_WIDTH = 260;
export const MAX_WIDTH = 720;
export const WIDTH_STEP = 16;
