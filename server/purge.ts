import { sql } from 'kysely';
import type { Storage } from './storage/open';
import { toNumber } from './storage/schema';

/**
 * Tombstones are kept for a while so that clients learn of deletes, then removed. Removing
 * them raises the team's horizon to the highest version removed: a client whose cursor is
 * below it may have missed a delete, so its pulls get 410 and it resyncs from cursor 0.
 */

export interface PurgeResult {
  teams: number;
  rows: number;
}

/** Kept rejections a client never came back for are dropped after this long. */
const REJECTION_TTL_MS = 30 * 24 * 3600 * 1000;

export async function purgeTombstones(
  storage: Storage,
  opts: { now: number; horizonMs: number; teamId?: string },
): Promise<PurgeResult> {
  const cutoff = new Date(opts.now - opts.horizonMs);
  let teamIds: string[];
  if (opts.teamId) {
    teamIds = [opts.teamId];
  } else {
    const teams = await storage.db
      .selectFrom('rows')
      .select('team_id')
      .distinct()
      .where('deleted', '=', true)
      .where('updated_at', '<', cutoff)
      .execute();
    teamIds = teams.map((t) => t.team_id);
  }
  let rows = 0;
  for (const teamId of teamIds) {
    rows += await storage.db.transaction().execute(async (trx) => {
      // The team's row lock, as a push takes it: no push of this team runs meanwhile.
      const locked = await sql`select id from teams where id = ${teamId} for update`.execute(trx);
      if (locked.rows.length === 0) return 0;
      const removed = await trx
        .deleteFrom('rows')
        .where('team_id', '=', teamId)
        .where('deleted', '=', true)
        .where('updated_at', '<', cutoff)
        .returning('version')
        .execute();
      if (removed.length === 0) return 0;
      const highest = removed.reduce((max, r) => Math.max(max, toNumber(r.version)), 0);
      await trx
        .updateTable('teams')
        .set({ horizon: sql`greatest(horizon, ${highest})` })
        .where('id', '=', teamId)
        .execute();
      return removed.length;
    });
  }
  await storage.db
    .deleteFrom('rejections')
    .where('created_at', '<', new Date(opts.now - REJECTION_TTL_MS))
    .execute();
  return { teams: teamIds.length, rows };
}
