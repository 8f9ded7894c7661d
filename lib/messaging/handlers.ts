import { z } from 'zod';
import type { KesherDB } from '../db/schema';
import {
  addOrder,
  addToNeverList,
  createCustomer,
  getSettings,
  logEmailMessages,
  logInteraction,
  updateCustomer,
  updateSettings,
  upsertContact,
} from '../db/mutations';
import { createLookup, getCustomerFile, loggedExternalIds } from '../db/queries';
import { matchParticipants } from '../identity/match';
import { normalizeEmail } from '../identity/email';
import { normalizePhone } from '../identity/phone';
import { registrableDomain } from '../identity/domain';
import { isFreeMail } from '../identity/free-mail';
import { addressListMatcher } from '../identity/address-list';
import type { AnalyticsSummary, LocalPrefs, PageContext, Settings } from '../model';
import type { SyncService } from '../sync/types';
import type { ChangeEvent } from './ports';
import type { AnalyticsRunPhases } from './protocol';
import {
  ConnectSyncInput,
  CreateCustomerInput,
  GetCustomerFileInput,
  LogEmailInput,
  LogInteractionInput,
  LogOrderInput,
  MatchContextInput,
  OpenThreadInput,
  NeverListInput,
  ResolveRefusalInput,
  UpdateCustomerInput,
  UpdateSettingsInput,
  UpsertContactInput,
  type ProtocolMap,
} from './protocol';
import { validated } from './result';

export interface PrefsStore {
  get(): Promise<LocalPrefs>;
  set(prefs: LocalPrefs): Promise<void>;
}

export interface HandlerDeps {
  db: KesherDB;
  prefs: PrefsStore;
  /** Tells open sidebars what changed; called after the transaction committed. */
  notify(event: ChangeEvent): void;
  /** Loads the demo dataset (bundled with the extension) into the database. */
  seedDemo(): Promise<{ customers: number; interactions: number }>;
  /** The background's analytics job (lib/jobs/analytics-job.ts). */
  analytics: {
    status(): Promise<AnalyticsSummary | undefined>;
    recompute(): Promise<{ summary?: AnalyticsSummary; phases?: AnalyticsRunPhases }>;
  };
  /** The background's sync engine (lib/sync): status, connection, refused changes. */
  sync: SyncService;
  now?: () => number;
}

type Handlers = {
  [K in keyof ProtocolMap]: (data: unknown) => Promise<ReturnType<ProtocolMap[K]>>;
};

/**
 * How far ahead a hand-logged sale may be dated: a day covers an agent whose calendar day is
 * already tomorrow somewhere else; anything later is a typo in the year or the month.
 */
const SALE_MAX_AHEAD_MS = 24 * 3_600_000;

class InputError extends Error {
  readonly code = 'invalid-input';
}

function requireEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (!email) throw new InputError(`"${raw.slice(0, 80)}" is not an email address`);
  return email;
}

/** Addresses, phones and domains as typed, made canonical; anything unreadable is refused. */
function normaliseTyped<T extends { emails?: string[]; phones?: string[]; domains?: string[] }>(
  patch: T,
  settings: Settings,
): T {
  const out = { ...patch };
  const each = (values: string[], read: (raw: string) => string) => [...new Set(values.map(read))];
  if (patch.emails) out.emails = each(patch.emails, requireEmail);
  if (patch.phones) {
    out.phones = each(patch.phones, (raw) => {
      const e164 = normalizePhone(raw, settings.phoneRegion);
      if (!e164) throw new InputError(`"${raw.slice(0, 40)}" is not a phone number`);
      return e164;
    });
  }
  if (patch.domains) {
    out.domains = each(patch.domains, (raw) => {
      const domain = registrableDomain(raw);
      if (!domain) throw new InputError(`"${raw.slice(0, 80)}" is not a domain`);
      return domain;
    });
  }
  return out;
}

/** True when the address or its domain is on the list, as matching (openThread's flag) reads it. */
function onList(list: { addresses: string[]; domains: string[] }, email: string): boolean {
  return addressListMatcher(list)(email);
}

/** The agent's own addresses: typed in options, plus every signed-in account seen. */
async function agentEmails(prefs: PrefsStore, context?: PageContext): Promise<string[]> {
  const current = await prefs.get();
  const account = context?.account ? normalizeEmail(context.account) : null;
  if (account && !current.agentEmails.includes(account)) {
    // Learn the signed-in mailbox once, so its owner is never offered as a customer again.
    await prefs.set({ ...current, agentEmails: [...current.agentEmails, account].slice(-50) });
    return [...current.agentEmails, account];
  }
  return current.agentEmails;
}

/**
 * The team settings, read once and kept until a write to the settings table: every thread
 * opening needs them, and an IndexedDB read per opening is latency the agent sees.
 */
function cachedSettings(db: KesherDB) {
  let cached: Promise<Settings> | null = null;
  const invalidate = () => {
    cached = null;
  };
  db.settings.hook('creating', invalidate);
  db.settings.hook('updating', invalidate);
  db.settings.hook('deleting', invalidate);
  return {
    get(): Promise<Settings> {
      cached ??= getSettings(db).catch((error: unknown) => {
        cached = null;
        throw error;
      });
      return cached;
    },
  };
}

function emailLogInput(
  context: PageContext,
  customerId: string,
  agents: string[],
  settings: Settings,
) {
  return {
    customerId,
    subject: context.subject.slice(0, 500) || undefined,
    sourceUrl: /^https:\/\//.test(context.url) ? context.url.slice(0, 2_000) : undefined,
    threadId: context.threadId,
    // Bodies travel only when the team turned them on; otherwise they are dropped here.
    messages: (context.messages.length
      ? context.messages
      : context.messageIds.map((id): PageContext['messages'][number] => ({ id }))
    ).map(({ body, ...message }) => (settings.logBodies && body ? { ...message, body } : message)),
    agentEmails: agents,
  };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, prefs, notify } = deps;
  const now = deps.now ?? Date.now;
  const changed = (customerIds: string[], tables: string[]) => notify({ customerIds, tables });
  const settingsCache = cachedSettings(db);

  /** Matches the thread's participants; with auto-logging on, logs the thread for known customers. */
  async function matchAndAutoLog(context: PageContext) {
    const [settings, agents] = await Promise.all([
      settingsCache.get(),
      agentEmails(prefs, context),
    ]);
    const matches = await matchParticipants(context.participants, createLookup(db), {
      agentEmails: agents,
      account: context.account,
      freeMailExtra: settings.freeMailDomains,
      neverShow: settings.neverShow,
      neverLog: settings.neverLog,
    });
    if (settings.autoLog.email && context.messageIds.length > 0) {
      // Every known customer on the thread, unless on the never-log list.
      const customerIds = [
        ...new Set(matches.flatMap((m) => (m.match && !m.neverLog ? [m.match.customerId] : []))),
      ];
      for (const customerId of customerIds) {
        const result = await logEmailMessages(db, {
          ...emailLogInput(context, customerId, agents, settings),
          loggedBy: 'auto',
        });
        if (result.logged > 0) changed([customerId], ['interactions']);
      }
    }
    return matches;
  }

  return {
    ping: validated(
      z
        .object({ probeEmail: z.string().max(320).optional() })
        .nullable()
        .optional(),
      async (input) => {
        const email = input?.probeEmail ? normalizeEmail(input.probeEmail) : null;
        if (!email) return { at: now() };
        const found = await db.customers.where('emails').equals(email).first();
        return { at: now(), found: found !== undefined };
      },
    ),

    matchContext: validated(MatchContextInput, async (context) => ({
      matches: await matchAndAutoLog(context),
    })),

    openThread: validated(OpenThreadInput, async (input) => {
      const [matches, settings] = await Promise.all([
        matchAndAutoLog(input.context),
        settingsCache.get(),
      ]);
      const selected =
        matches.find((m) => m.participant.email === input.selectedEmail) ?? matches[0];
      const customerId = selected?.match?.customerId;
      const [file, loggedMessageIds] = customerId
        ? await Promise.all([
            getCustomerFile(db, customerId, {
              interactionLimit: input.interactionLimit,
              channel: input.channel,
            }),
            loggedExternalIds(db, customerId, input.context.messageIds),
          ])
        : [undefined, []];
      return {
        matches,
        selectedEmail: selected?.participant.email ?? null,
        file: file ?? null,
        loggedMessageIds,
        settings: {
          currency: settings.currency,
          customFieldDefs: settings.customFieldDefs,
          logBodies: settings.logBodies,
        },
      };
    }),

    getCustomerFile: validated(GetCustomerFileInput, async (input) => {
      const file = await getCustomerFile(db, input.customerId, {
        interactionLimit: input.interactionLimit,
        channel: input.channel,
      });
      if (!file) throw Object.assign(new Error('No such customer'), { code: 'not-found' });
      const loggedMessageIds = input.messageIds.length
        ? await loggedExternalIds(db, file.customer.id, input.messageIds)
        : [];
      return { file, loggedMessageIds };
    }),

    createCustomer: validated(CreateCustomerInput, async (input) => {
      const settings = await settingsCache.get();
      const email = requireEmail(input.email);
      const phone = input.phone ? normalizePhone(input.phone, settings.phoneRegion) : undefined;
      if (input.phone && !phone) throw new InputError(`"${input.phone}" is not a phone number`);
      let domain: string | undefined;
      if (input.kind === 'company') {
        domain = registrableDomain(input.domain || email) ?? undefined;
        if (domain && isFreeMail(domain, settings.freeMailDomains)) domain = undefined;
        if (!input.companyName?.trim()) throw new InputError('A company needs a name');
      }
      const personName = input.personName.trim() || email.split('@')[0]!;
      const customer = await createCustomer(db, {
        ...input,
        personName,
        email,
        phone: phone ?? undefined,
        domain,
        companyName: input.companyName?.trim(),
      });
      changed([customer.id], ['customers', 'contacts']);
      return { customer };
    }),

    updateCustomer: validated(UpdateCustomerInput, async ({ id, patch }) => {
      const settings = await settingsCache.get();
      const customer = await updateCustomer(db, id, normaliseTyped(patch, settings));
      changed([customer.id], ['customers']);
      return { customer };
    }),

    upsertContact: validated(UpsertContactInput, async (input) => {
      const settings = await settingsCache.get();
      const contact = await upsertContact(db, {
        id: input.id,
        customerId: input.customerId,
        patch: normaliseTyped(input.patch, settings),
      });
      changed([input.customerId], ['contacts']);
      return { contact };
    }),

    logEmail: validated(LogEmailInput, async (input) => {
      const [settings, agents] = await Promise.all([
        settingsCache.get(),
        agentEmails(prefs, input.context),
      ]);
      const participant = requireEmail(input.participantEmail);
      if (onList(settings.neverLog, participant)) {
        throw Object.assign(new Error(`${participant} is on the never-log list`), {
          code: 'never-log',
        });
      }
      if (input.context.messageIds.length === 0)
        throw new InputError('This thread has no messages');
      const result = await logEmailMessages(db, {
        ...emailLogInput(input.context, input.customerId, agents, settings),
        contactId: input.contactId,
        loggedBy: input.loggedBy,
      });
      if (result.logged > 0) changed([input.customerId], ['interactions']);
      return result;
    }),

    logInteraction: validated(LogInteractionInput, async (input) => {
      const [agents] = await Promise.all([agentEmails(prefs)]);
      const { interaction } = await logInteraction(
        db,
        { ...input, at: input.at ?? now(), loggedBy: 'click' },
        { agent: agents[0] },
      );
      changed([input.customerId], ['interactions']);
      return { interaction };
    }),

    logOrder: validated(LogOrderInput, async (input) => {
      const settings = await settingsCache.get();
      const at = input.at ?? now();
      if (at > now() + SALE_MAX_AHEAD_MS) {
        throw new InputError('A sale cannot be dated more than a day ahead');
      }
      // addOrder is the one write path for orders: it refuses a missing or deleted customer
      // (not-found) and writes the row, its clocks and its outbox entry together.
      const order = await addOrder(db, {
        ...input,
        at,
        currency: input.currency ?? settings.currency,
        status: 'paid',
      });
      changed([input.customerId], ['orders']);
      return { order };
    }),

    addToNeverList: validated(NeverListInput, async (input) => {
      const value =
        input.kind === 'address' ? requireEmail(input.value) : registrableDomain(input.value);
      if (!value) throw new InputError(`"${input.value}" is not a domain`);
      const settings = await addToNeverList(db, { ...input, value });
      changed([], ['settings']);
      return { settings };
    }),

    getSettings: validated(z.null().optional(), async () => ({
      settings: await settingsCache.get(),
    })),

    updateSettings: validated(UpdateSettingsInput, async (patch) => {
      const settings = await updateSettings(db, patch);
      changed([], ['settings']);
      return { settings };
    }),

    getStats: validated(z.null().optional(), async () => {
      const [customers, contacts, interactions, orders, deals, pendingChanges] = await Promise.all([
        db.customers.count(),
        db.contacts.count(),
        db.interactions.count(),
        db.orders.count(),
        db.deals.count(),
        db.outbox.count(),
      ]);
      return { customers, contacts, interactions, orders, deals, pendingChanges };
    }),

    getAnalyticsSummary: validated(z.null().optional(), async () => ({
      summary: (await deps.analytics.status()) ?? null,
    })),

    recomputeAnalytics: validated(z.null().optional(), async () => {
      const { summary, phases } = await deps.analytics.recompute();
      return { summary: summary ?? null, phases: phases ?? null };
    }),

    getSyncStatus: validated(z.null().optional(), () => deps.sync.status()),

    // A failed connection test (wrong token, server unreachable) is thrown by the engine with
    // the sentence the options page shows; `validated` answers it as an error result.
    connectSync: validated(ConnectSyncInput, ({ url, token }) => deps.sync.connect(url, token)),

    disconnectSync: validated(z.null().optional(), () => deps.sync.disconnect()),

    syncNow: validated(z.null().optional(), () => deps.sync.syncNow()),

    resolveRefusal: validated(ResolveRefusalInput, ({ mutationId, resolution }) =>
      deps.sync.resolve(mutationId, resolution),
    ),

    seedDemo: validated(z.null().optional(), async () => {
      const counts = await deps.seedDemo();
      changed([], ['customers', 'contacts', 'interactions', 'orders', 'deals', 'campaigns']);
      return counts;
    }),
  };
}
