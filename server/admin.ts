import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { Email } from '../lib/model/common';
import type { Storage } from './storage/open';
import { ROLES, type Role } from './storage/schema';
import { hashToken, newToken } from './tokens';

/**
 * Teams and users: what `kesher team` / `kesher user` do, whether they open the storage
 * themselves or go through the running server's admin endpoints.
 */

export class AdminError extends Error {
  constructor(
    readonly code: 'team_not_found' | 'user_exists' | 'user_not_found' | 'ambiguous' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

export const TeamName = z.string().trim().min(1).max(200);
export const UserEmail = z.string().trim().toLowerCase().pipe(Email);
export const UserRole = z.enum(ROLES as [Role, ...Role[]]);

export interface TeamInfo {
  id: string;
  name: string;
}

export interface UserInfo {
  id: string;
  teamId: string;
  email: string;
  role: Role;
  revoked: boolean;
}

export async function createTeam(storage: Storage, name: string, now: number): Promise<TeamInfo> {
  const team = {
    id: uuidv7(),
    name: parseOr(TeamName, name, 'A team name is 1 to 200 characters.'),
  };
  await storage.db
    .insertInto('teams')
    .values({ ...team, version: 0, horizon: 0, created_at: new Date(now) })
    .execute();
  return team;
}

/**
 * Adds a user and returns their token (shown once; only its hash is kept). A revoked user's
 * address can be added again: the same user comes back with a new token (and their clients
 * keep their place in the sync), the old token stays dead.
 */
export async function addUser(
  storage: Storage,
  input: { teamId: string; email: string; role: string },
  now: number,
): Promise<{ user: UserInfo; token: string }> {
  const email = parseOr(UserEmail, input.email, `Not an email address: ${input.email}`);
  const role = parseOr(
    UserRole,
    input.role,
    `The role is agent, manager or admin, not "${input.role}".`,
  );
  const token = newToken();
  return storage.db.transaction().execute(async (trx) => {
    const team = await trx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.teamId)
      .executeTakeFirst();
    if (!team) throw new AdminError('team_not_found', `There is no team ${input.teamId}.`);
    const existing = await trx
      .selectFrom('users')
      .selectAll()
      .where('team_id', '=', input.teamId)
      .where('email', '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.revoked_at === null) {
      throw new AdminError(
        'user_exists',
        `${email} already has a token in this team; revoke it first to issue a new one.`,
      );
    }
    const id = existing?.id ?? uuidv7();
    if (existing) {
      await trx
        .updateTable('users')
        .set({ role, token_hash: hashToken(token), revoked_at: null })
        .where('id', '=', id)
        .execute();
    } else {
      await trx
        .insertInto('users')
        .values({
          id,
          team_id: input.teamId,
          email,
          role,
          token_hash: hashToken(token),
          created_at: new Date(now),
          revoked_at: null,
        })
        .execute();
    }
    return { user: { id, teamId: input.teamId, email, role, revoked: false }, token };
  });
}

/**
 * Revokes the user's token at once (every request looks the token up). Without a team, the
 * address must belong to one team only.
 */
export async function revokeUser(
  storage: Storage,
  input: { email: string; teamId?: string },
  now: number,
): Promise<UserInfo> {
  const email = parseOr(UserEmail, input.email, `Not an email address: ${input.email}`);
  return storage.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('users').selectAll().where('email', '=', email);
    if (input.teamId) query = query.where('team_id', '=', input.teamId);
    const users = await query.execute();
    if (users.length === 0) {
      throw new AdminError(
        'user_not_found',
        `There is no user ${email}${input.teamId ? ` in team ${input.teamId}` : ''}.`,
      );
    }
    if (users.length > 1) {
      throw new AdminError(
        'ambiguous',
        `${email} is a user in ${users.length} teams; say which with --team (${users
          .map((u) => u.team_id)
          .join(', ')}).`,
      );
    }
    const user = users[0]!;
    if (user.revoked_at === null) {
      await trx
        .updateTable('users')
        .set({ revoked_at: new Date(now) })
        .where('id', '=', user.id)
        .execute();
    }
    return { id: user.id, teamId: user.team_id, email, role: user.role, revoked: true };
  });
}

export async function listUsers(storage: Storage, teamId: string): Promise<UserInfo[]> {
  const users = await storage.db
    .selectFrom('users')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('email')
    .execute();
  return users.map((u) => ({
    id: u.id,
    teamId: u.team_id,
    email: u.email,
    role: u.role,
    revoked: u.revoked_at !== null,
  }));
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AdminError('invalid', message);
  return result.data;
}
