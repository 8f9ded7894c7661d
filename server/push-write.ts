import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './storage/schema';

/**
 * Runs a push transaction's writes (rows, client positions, rejections) as one statement:
 * every round trip is made while the team's row lock is held, so each one saved shortens
 * every push of the team. Each write becomes a data-modifying WITH clause; PostgreSQL runs
 * each once and to completion whether or not the statement reads it. They see one snapshot
 * and not each other's changes, so they must not touch the same row: the callers' writes go
 * to different tables, or to different keys of one.
 */
export async function writeTogether(
  tx: Transaction<Database>,
  writes: readonly RawBuilder<unknown>[],
): Promise<void> {
  if (writes.length === 0) return;
  const clauses = writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`);
  await sql`with ${sql.join(clauses)} select 1`.execute(tx);
}
