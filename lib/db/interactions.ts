import { uuidv7 } from 'uuidv7';
import type { Interaction, InteractionFields } from '../model';
import { ForbiddenError } from './errors';
import { requireContactOf, requireLive } from './guards';
import { liveByExternalId } from './logged';
import type { KesherDB } from './schema';
import { writeInTx, writeScope, type ChangeFor, type WriteOptions } from './write';

/**
 * Logging interactions. Dedupe by external id is a read and a write in ONE transaction:
 * IndexedDB runs overlapping read-write transactions one after the other, so two concurrent
 * logs of the same message cannot both see "not logged yet".
 */

const SCOPE = writeScope(['customers', 'contacts', 'interactions']);
/** The model's bound on a subject; a longer page subject is cut rather than refused. */
const SUBJECT_MAX = 500;
/** The model's bound on a stored body; a longer message is cut, not refused. */
const BODY_MAX = 20_000;

/** What a caller gives to log one interaction; `at` defaults to now, `agent` comes from opts. */
export type LogInteractionFields = Omit<InteractionFields, 'at' | 'agent'> & { at?: number };

export interface AgentOptions extends WriteOptions {
  /** The signed-in agent's address: recorded as the author, who alone may edit it later. */
  agent?: string;
}

/**
 * Logs one interaction for a live customer. With an `externalId` already logged (live) for
 * that customer, returns the existing one and writes nothing.
 */
export async function logInteraction(
  db: KesherDB,
  fields: LogInteractionFields,
  opts: AgentOptions = {},
): Promise<{ interaction: Interaction; created: boolean }> {
  const { agent, ...write } = opts;
  return db.transaction('rw', SCOPE, async () => {
    await requireLive(db, 'customers', fields.customerId);
    await requireContactOf(db, fields.customerId, fields.contactId);
    if (fields.externalId !== undefined) {
      const existing = await liveByExternalId(db, fields.customerId, [fields.externalId]);
      const interaction = existing.get(fields.externalId);
      if (interaction) return { interaction, created: false };
    }
    const [interaction] = await writeInTx(
      db,
      [
        {
          table: 'interactions',
          id: uuidv7(),
          op: 'upsert',
          fields: { ...fields, at: fields.at ?? write.now ?? Date.now(), agent },
        },
      ],
      write,
    );
    return { interaction: interaction!, created: true };
  });
}

export interface LogEmailMessagesInput {
  customerId: string;
  contactId?: string;
  subject?: string;
  /** The thread's URL; http(s) only (the model refuses anything else). */
  sourceUrl?: string;
  /** The thread, for the caller's reference; each message is logged by its own id. */
  threadId?: string;
  /** `body` is stored only when given: the caller passes it when the team turned bodies on. */
  messages: ReadonlyArray<{ id: string; from?: string; at?: number; body?: string }>;
  /** This browser's agent addresses (normalised): a message from one of them is outbound. */
  agentEmails: readonly string[];
  loggedBy: 'click' | 'auto';
  /** The author; defaults to the first of agentEmails, this browser's agent. */
  agent?: string;
}

/**
 * Logs one email interaction per message of the thread not yet logged for the customer
 * (external id = message id), all in one transaction.
 */
export async function logEmailMessages(
  db: KesherDB,
  input: LogEmailMessagesInput,
  opts: WriteOptions = {},
): Promise<{ logged: number; alreadyLogged: number }> {
  const now = opts.now ?? Date.now();
  const agents = new Set(input.agentEmails.map((e) => e.trim().toLowerCase()));
  const agent = input.agent ?? input.agentEmails[0];
  const messages = [...new Map(input.messages.map((m) => [m.id, m])).values()];

  return db.transaction('rw', SCOPE, async () => {
    const [, , logged] = await Promise.all([
      requireLive(db, 'customers', input.customerId),
      requireContactOf(db, input.customerId, input.contactId),
      liveByExternalId(
        db,
        input.customerId,
        messages.map((m) => m.id),
      ),
    ]);
    const changes: Array<ChangeFor<'interactions'>> = messages
      .filter((m) => !logged.has(m.id))
      .map((m) => ({
        table: 'interactions',
        id: uuidv7(),
        op: 'upsert',
        fields: {
          customerId: input.customerId,
          contactId: input.contactId,
          channel: 'email',
          direction:
            m.from !== undefined && agents.has(m.from.trim().toLowerCase())
              ? 'outbound'
              : 'inbound',
          at: m.at ?? now,
          subject: input.subject?.slice(0, SUBJECT_MAX),
          sourceUrl: input.sourceUrl,
          externalId: m.id,
          ...(m.body ? { body: m.body.slice(0, BODY_MAX) } : {}),
          agent,
          loggedBy: input.loggedBy,
        },
      }));
    await writeInTx(db, changes, { ...opts, now });
    return { logged: changes.length, alreadyLogged: messages.length - changes.length };
  });
}

/**
 * Interactions are insert-only except by their author: anyone else (and anyone at all for an
 * interaction with no recorded author, such as an import) gets ForbiddenError.
 */
export async function updateInteraction(
  db: KesherDB,
  id: string,
  patch: Partial<Omit<InteractionFields, 'agent'>>,
  opts: AgentOptions & { agent: string },
): Promise<Interaction> {
  const { agent, ...write } = opts;
  return db.transaction('rw', SCOPE, async () => {
    const current = await requireLive(db, 'interactions', id);
    if (current.agent === undefined || current.agent !== agent) {
      throw new ForbiddenError('Only the agent who logged an interaction may change it');
    }
    const customerId = patch.customerId ?? current.customerId;
    if (patch.customerId !== undefined) await requireLive(db, 'customers', customerId);
    if (patch.contactId !== undefined) await requireContactOf(db, customerId, patch.contactId);
    const [row] = await writeInTx(
      db,
      [{ table: 'interactions', id, op: 'upsert', fields: patch }],
      write,
    );
    return row!;
  });
}
