import { sql } from 'kysely';
import { formatHlc } from '../../lib/sync/hlc';
import type { Storage } from '../../server/storage/open';
import { agentInteractionId, interactionValues } from './sync-data';

/**
 * The steady state's ceiling, on the same database through the same driver as the server:
 * raw INSERTs of rows shaped as the agents' interactions into a scratch copy of `rows`
 * (`LIKE rows INCLUDING ALL`: same columns, primary key and indexes), each statement its own
 * committed transaction. Batches of `batch` rows back to back (what one INSERT per second-tick
 * of all agents' mutations costs), then `singles` one-row INSERTs (the commit latency a push
 * cannot go below). The scratch table is dropped afterwards.
 */

export interface CeilingRequest {
  teamId: string;
  rows: number;
  batch: number;
  singles: number;
}

export interface CeilingResult {
  rows: number;
  /** Milliseconds of each batch INSERT. */
  batchMs: number[];
  /** Milliseconds of each one-row INSERT. */
  singleMs: number[];
}

const TABLE = 'bench_scratch_rows';

export async function insertCeiling(storage: Storage, req: CeilingRequest): Promise<CeilingResult> {
  const db = storage.db;
  const now = Date.now();
  let n = 0;
  const record = () => {
    const values = interactionValues(n, 1000, now, 'agent@bench.example');
    const hlc = formatHlc({ wall: now, counter: (n % 90_000) + 1 }, 'benchceiling');
    const fields = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { value: v, hlc }]),
    );
    const at = new Date(now).toISOString();
    return {
      table_name: 'interactions',
      id: agentInteractionId(4095, n++),
      team_id: req.teamId,
      version: n,
      deleted: false,
      deleted_hlc: null,
      fields,
      author_id: 'bench-ceiling',
      updated_by: 'bench-ceiling',
      created_at: at,
      updated_at: at,
    };
  };
  await sql`drop table if exists ${sql.table(TABLE)}`.execute(db);
  await sql`create table ${sql.table(TABLE)} (like rows including all)`.execute(db);
  try {
    const batchMs: number[] = [];
    for (let done = 0; done < req.rows; done += req.batch) {
      const rows = Array.from({ length: Math.min(req.batch, req.rows - done) }, record);
      const t = performance.now();
      await sql`
        insert into ${sql.table(TABLE)} (table_name, id, team_id, version, deleted, deleted_hlc,
                                         fields, author_id, updated_by, created_at, updated_at)
        select x.table_name, x.id, x.team_id, x.version, x.deleted, x.deleted_hlc, x.fields,
               x.author_id, x.updated_by, x.created_at, x.updated_at
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
          table_name text, id text, team_id text, version bigint, deleted boolean,
          deleted_hlc text, fields jsonb, author_id text, updated_by text,
          created_at timestamptz, updated_at timestamptz)`.execute(db);
      batchMs.push(performance.now() - t);
    }
    const singleMs: number[] = [];
    for (let i = 0; i < req.singles; i++) {
      const r = record();
      const t = performance.now();
      await sql`
        insert into ${sql.table(TABLE)} (table_name, id, team_id, version, deleted, deleted_hlc,
                                         fields, author_id, updated_by, created_at, updated_at)
        values (${r.table_name}, ${r.id}, ${r.team_id}, ${r.version}, false, null,
                ${JSON.stringify(r.fields)}::jsonb, ${r.author_id}, ${r.updated_by},
                ${r.created_at}::timestamptz, ${r.updated_at}::timestamptz)`.execute(db);
      singleMs.push(performance.now() - t);
    }
    return { rows: req.rows, batchMs, singleMs };
  } finally {
    await sql`drop table if exists ${sql.table(TABLE)}`.execute(db);
  }
}
