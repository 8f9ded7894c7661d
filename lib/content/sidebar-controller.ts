import type { ChannelName } from '../model/constants';
import type { CustomerFile, PageContext, ParticipantMatch } from '../model';
import type { ProtocolMap } from '../messaging/protocol';
import { unwrap } from '../messaging/unwrap';
import type { ChangeEvent } from '../messaging/ports';

/** How the controller reaches the background: the typed messenger in the extension, a fake in tests. */
export type Send = <K extends keyof ProtocolMap>(
  name: K,
  data: Parameters<ProtocolMap[K]>[0],
) => Promise<ReturnType<ProtocolMap[K]>>;

export interface ControllerState {
  status: 'idle' | 'loading' | 'ready' | 'nobody' | 'error';
  error?: string;
  context: PageContext | null;
  matches: ParticipantMatch[];
  selectedEmail: string | null;
  /** null while the selected participant is not a customer. */
  file: CustomerFile | null;
  loggedMessageIds: string[];
  channelFilter: ChannelName | null;
  currency: string;
  customFieldDefs: Array<{ key: string; label: string; type: string }>;
  /** The team stores message bodies with logged emails. */
  logBodies: boolean;
}

const INITIAL: ControllerState = {
  status: 'idle',
  context: null,
  matches: [],
  selectedEmail: null,
  file: null,
  loggedMessageIds: [],
  channelFilter: null,
  currency: 'EUR',
  customFieldDefs: [],
  logBodies: false,
};

/** A thread's answer this slow gets a "loading" view in the meantime. */
const LOADING_DELAY_MS = 150;

/** Two contexts are the same thread view when these agree; a re-render of Gmail changes none. */
export function contextKey(context: PageContext | null): string {
  if (!context) return '';
  return JSON.stringify([
    context.threadId,
    context.subject,
    context.messageIds,
    context.participants.map((p) => [p.email, p.role]),
  ]);
}

/**
 * The sidebar's state machine, free of DOM and browser APIs: it turns page contexts and change
 * events into one state, and user actions into protocol messages. Answers that arrive after
 * the agent moved on to another thread are dropped (each load carries a generation number).
 */
export class SidebarController {
  private state: ControllerState = INITIAL;
  private listeners = new Set<(state: ControllerState) => void>();
  private generation = 0;

  constructor(
    private readonly send: Send,
    /** Reads the open thread's message texts; asked only when the team stores bodies. */
    private readonly readBodies: () => Record<string, string> = () => ({}),
  ) {}

  get current(): ControllerState {
    return this.state;
  }

  subscribe(listener: (state: ControllerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<ControllerState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  /** Called by the page watcher with what the adapter read; null off a thread. */
  async setContext(context: PageContext | null): Promise<void> {
    if (contextKey(context) === contextKey(this.state.context)) return;
    if (!context) {
      this.generation++;
      this.set({
        ...INITIAL,
        currency: this.state.currency,
        customFieldDefs: this.state.customFieldDefs,
      });
      return;
    }
    const sameThread =
      context.threadId !== undefined && context.threadId === this.state.context?.threadId;
    this.set({ context, error: undefined, ...(sameThread ? {} : { channelFilter: null }) });
    const refresh = this.refresh();
    if (sameThread) {
      await refresh;
      return;
    }
    // Whatever is on screen (nothing, or the previous thread) stays until the answer, usually a
    // few ms away: a "loading" render in between would cost more than it tells. Only a slow
    // answer gets one.
    const generation = this.generation;
    const slow = setTimeout(() => {
      if (generation === this.generation && this.state.context === context) {
        this.set({ status: 'loading', file: null, matches: [] });
      }
    }, LOADING_DELAY_MS);
    await refresh.finally(() => clearTimeout(slow));
  }

  /**
   * Re-matches the thread and reloads the file, in one round trip: after navigation and after
   * any change event.
   */
  async refresh(): Promise<void> {
    const context = this.state.context;
    if (!context) return;
    const generation = ++this.generation;
    try {
      const answer = await unwrap(
        this.send('openThread', {
          context,
          selectedEmail: this.state.selectedEmail ?? undefined,
          interactionLimit: 50,
          channel: this.state.channelFilter ?? undefined,
        }),
      );
      if (generation !== this.generation) return;
      this.set({
        status: answer.selectedEmail ? 'ready' : 'nobody',
        matches: answer.matches,
        selectedEmail: answer.selectedEmail,
        file: answer.file,
        loggedMessageIds: answer.loggedMessageIds,
        currency: answer.settings.currency,
        customFieldDefs: answer.settings.customFieldDefs,
        logBodies: answer.settings.logBodies,
      });
    } catch (error) {
      if (generation === this.generation) {
        this.set({
          status: 'error',
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  private selectedMatch(): ParticipantMatch | undefined {
    return this.state.matches.find((m) => m.participant.email === this.state.selectedEmail);
  }

  private async loadFile(generation: number): Promise<void> {
    const match = this.selectedMatch();
    const context = this.state.context;
    if (!match || !context) return;
    if (!match.match) {
      this.set({ status: 'ready', file: null, loggedMessageIds: [] });
      return;
    }
    const { file, loggedMessageIds } = await unwrap(
      this.send('getCustomerFile', {
        customerId: match.match.customerId,
        interactionLimit: 50,
        channel: this.state.channelFilter ?? undefined,
        messageIds: context.messageIds,
      }),
    );
    if (generation !== this.generation) return;
    this.set({ status: 'ready', file, loggedMessageIds });
  }

  onChange(event: ChangeEvent): Promise<void> {
    // Other customers' recomputed figures change nothing here.
    const shown = this.state.file?.customer.id;
    const onlyFigures = event.tables.length === 1 && event.tables[0] === 'analytics';
    if (onlyFigures && event.customerIds.length > 0 && !event.customerIds.includes(shown ?? '')) {
      return Promise.resolve();
    }
    // Any committed write may change who matches (a new customer, a never-show entry) or the
    // open file; re-matching is a handful of indexed reads, so do it rather than guess.
    return this.refresh();
  }

  async select(email: string): Promise<void> {
    if (!this.state.matches.some((m) => m.participant.email === email)) return;
    this.set({ selectedEmail: email, channelFilter: null, status: 'loading' });
    await this.reloadFile();
  }

  async setChannelFilter(channel: ChannelName | null): Promise<void> {
    this.set({ channelFilter: channel });
    await this.reloadFile();
  }

  private async reloadFile(): Promise<void> {
    const generation = ++this.generation;
    try {
      await this.loadFile(generation);
    } catch (error) {
      if (generation === this.generation) {
        this.set({
          status: 'error',
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  // Actions: each throws an Error with the background's message so the UI can show it.

  async logEmail(): Promise<void> {
    const match = this.selectedMatch();
    const context = this.state.context;
    if (!match?.match || !context) throw new Error('No customer selected');
    const bodies = this.state.logBodies ? this.readBodies() : {};
    await unwrap(
      this.send('logEmail', {
        customerId: match.match.customerId,
        contactId: match.match.contactId,
        participantEmail: match.participant.email,
        context: this.state.logBodies
          ? { ...context, messages: context.messages.map((m) => ({ ...m, body: bodies[m.id] })) }
          : context,
        loggedBy: 'click',
      }),
    );
    // The write committed: every message of the thread is on the timeline now. Say so at once;
    // the refresh that follows brings the timeline itself.
    if (this.state.context === context) {
      this.set({
        loggedMessageIds: [...new Set([...this.state.loggedMessageIds, ...context.messageIds])],
      });
    }
  }

  customerId(): string {
    const id = this.selectedMatch()?.match?.customerId;
    if (!id) throw new Error('No customer selected');
    return id;
  }
}
