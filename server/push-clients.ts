import { sql, type RawBuilder, type Transaction } from 'kysely';
import { NO_MUTATION, type Rejection } from './protocol';
import { fromJson, type Database } from './storage/schema';

/**
 * What the server remembers of each client a push comes from: the last mutation id it
 * answered (`clients`) and the rejections it may have to answer again (`rejections`). Each
 * statement serves every push of a transaction at once (one jsonb parameter: PGlite breaks on
 * 32,768+ bind parameters), so the caller guarantees one push per client in a transaction.
 */

type Tx = Transaction<Database>;

/** A client of a user. */
export interface ClientKey {
  userId: string;
  clientId: string;
}

export function clientKey(k: ClientKey): string {
  return `${k.userId}\u0000${k.clientId}`;
}

/** The last answered mutation id of each client; NO_MUTATION for one that never pushed. */
export async function lastMutationIds(
  tx: Tx,
  clients: readonly ClientKey[],
): Promise<Map<string, string>> {
  const found = await sql<{ user_id: string; client_id: string; last_mutation_id: string }>`
    select c.user_id, c.client_id, c.last_mutation_id
    from clients c
    join jsonb_to_recordset(${JSON.stringify(
      clients.map((k) => ({ u: k.userId, c: k.clientId })),
    )}::jsonb) as k(u text, c text)
      on c.user_id = k.u and c.client_id = k.c`.execute(tx);
  const out = new Map(clients.map((k) => [clientKey(k), NO_MUTATION]));
  for (const r of found.rows) {
    out.set(clientKey({ userId: r.user_id, clientId: r.client_id }), r.last_mutation_id);
  }
  return out;
}

export interface ClientPosition extends ClientKey {
  teamId: string;
  last: string;
  now: number;
}

/** The statement moving each client's last answered mutation id (see server/push-write.ts). */
export function upsertClients(clients: readonly ClientPosition[]): RawBuilder<unknown> {
  return sql`
    insert into clients (user_id, client_id, team_id, last_mutation_id, updated_at)
    select x.user_id, x.client_id, x.team_id, x.last_mutation_id, x.updated_at
    from jsonb_to_recordset(${JSON.stringify(
      clients.map((c) => ({
        user_id: c.userId,
        client_id: c.clientId,
        team_id: c.teamId,
        last_mutation_id: c.last,
        updated_at: new Date(c.now).toISOString(),
      })),
    )}::jsonb) as x(user_id text, client_id text, team_id text, last_mutation_id text,
                    updated_at timestamptz)
    on conflict (user_id, client_id) do update set
      last_mutation_id = excluded.last_mutation_id,
      updated_at = excluded.updated_at`;
}

/** One push's part in keeping rejections. */
export interface RejectionBook extends ClientKey {
  /** The push's first mutation id, answered or not; undefined for an empty push. */
  first: string | undefined;
  /** Mutations skipped as answered before: their kept rejections are answered again. */
  skipped: readonly string[];
  /** Rejections made now. */
  rejected: readonly Rejection[];
  now: number;
}

/*
 * Rejections are kept until the client shows it has them: a push whose answer was lost is
 * retried, its mutations are then skipped as answered, and the kept rejections are answered
 * again. A client sends only what is still in its outbox, so once a push starts above a kept
 * rejection the client has dealt with it and it is dropped.
 */

/** Each push's kept rejections of the mutations it repeats, in the order of `books`. */
export async function answeredAgain(
  tx: Tx,
  books: readonly RejectionBook[],
): Promise<Rejection[][]> {
  const answered = new Map(books.map((b) => [clientKey(b), [] as Rejection[]]));
  const wanted = books.flatMap((b) => b.skipped.map((m) => ({ u: b.userId, c: b.clientId, m })));
  if (wanted.length > 0) {
    const kept = await sql<{ user_id: string; client_id: string; body: Rejection | string }>`
      select r.user_id, r.client_id, r.body
      from rejections r
      join jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as k(u text, c text, m text)
        on r.user_id = k.u and r.client_id = k.c and r.mutation_id = k.m`.execute(tx);
    for (const r of kept.rows) {
      answered
        .get(clientKey({ userId: r.user_id, clientId: r.client_id }))
        ?.push(fromJson<Rejection>(r.body));
    }
  }
  return books.map((b) => answered.get(clientKey(b))!);
}

/**
 * The statements dropping the rejections each client has dealt with (below its push's first
 * mutation) and keeping those made now (at or above it: the two never touch the same row).
 */
export function dropAndKeepRejections(books: readonly RejectionBook[]): RawBuilder<unknown>[] {
  const starts = books.filter((b) => b.first !== undefined);
  const drop = sql`
    delete from rejections r
    using jsonb_to_recordset(${JSON.stringify(
      starts.map((b) => ({ u: b.userId, c: b.clientId, f: b.first })),
    )}::jsonb) as k(u text, c text, f text)
    where r.user_id = k.u and r.client_id = k.c and r.mutation_id < k.f`;
  const made = books.flatMap((b) =>
    b.rejected.map((r) => ({
      user_id: b.userId,
      client_id: b.clientId,
      mutation_id: r.mutationId,
      body: r,
      created_at: new Date(b.now).toISOString(),
    })),
  );
  const keep = sql`
    insert into rejections (user_id, client_id, mutation_id, body, created_at)
    select x.user_id, x.client_id, x.mutation_id, x.body, x.created_at
    from jsonb_to_recordset(${JSON.stringify(made)}::jsonb) as x(user_id text, client_id text,
      mutation_id text, body jsonb, created_at timestamptz)
    on conflict do nothing`;
  return [drop, keep];
}
