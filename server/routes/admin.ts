import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AdminError, addUser, createTeam, listUsers, revokeUser, type UserInfo } from '../admin';
import { findUser, limitOrThrow } from '../auth';
import type { AdminScope, AppDeps, AppEnv } from '../context';
import { HttpError, forbidden, invalidBody, unauthorized } from '../http-error';
import { purgeTombstones } from '../purge';
import type { RateLimiter } from '../rate-limit';
import { readJsonBody } from '../read-body';
import type { Storage } from '../storage/open';
import { hashToken, sameSecret, TOKEN } from '../tokens';

/**
 * `/v1/admin/*`: teams, users, the tombstone purge. Two kinds of caller:
 *
 * - the server's operator: `Authorization: Bearer <adminSecret>` (from `<data>/server.json`,
 *   readable by the account running the server), accepted only over loopback. This is how
 *   `kesher team` / `kesher user` reach a data directory a running server owns. Any team.
 * - a team's admin, with their own token: their own team only, and no new teams.
 *
 * Everyone else gets 401 (no valid credential) or 403 (a valid token without the role).
 */

const ADMIN_BODY_BYTES = 16_384;

const TeamBody = z.strictObject({ name: z.string() });
const UserBody = z.strictObject({
  team: z.string().min(1).max(100).optional(),
  email: z.string().max(400),
  role: z.string().max(20),
});
const RevokeBody = z.strictObject({
  team: z.string().min(1).max(100).optional(),
  email: z.string().max(400),
});

export interface AdminRouteOptions {
  storage: Storage;
  limiter: RateLimiter | null;
  now: () => number;
  adminSecret?: string;
  remoteAddress: NonNullable<AppDeps['remoteAddress']>;
  tombstoneHorizonMs: number;
}

export function adminRoutes(opts: AdminRouteOptions): Hono<AppEnv> {
  const { storage, now } = opts;
  const app = new Hono<AppEnv>();
  app.use('*', authorizeAdmin(opts));

  app.post('/teams', async (c) => {
    if (c.get('admin').kind !== 'operator') {
      throw forbidden("Only the server's operator creates teams (kesher team create).");
    }
    const body = await parse(c, TeamBody);
    return c.json(await run(() => createTeam(storage, body.name, now())), 201);
  });

  app.get('/users', async (c) => {
    const teamId = scopedTeam(c.get('admin'), c.req.query('team'));
    return c.json({ users: await listUsers(storage, teamId) });
  });

  app.post('/users', async (c) => {
    const body = await parse(c, UserBody);
    const teamId = scopedTeam(c.get('admin'), body.team);
    const { user, token } = await run(() =>
      addUser(storage, { teamId, email: body.email, role: body.role }, now()),
    );
    return c.json({ ...publicUser(user), token }, 201);
  });

  app.post('/users/revoke', async (c) => {
    const body = await parse(c, RevokeBody);
    const scope = c.get('admin');
    const teamId = scope.kind === 'operator' ? body.team : scopedTeam(scope, body.team);
    const user = await run(() => revokeUser(storage, { email: body.email, teamId }, now()));
    return c.json(publicUser(user));
  });

  app.post('/purge', async (c) => {
    const scope = c.get('admin');
    const result = await purgeTombstones(storage, {
      now: now(),
      horizonMs: opts.tombstoneHorizonMs,
      teamId: scope.kind === 'team-admin' ? scope.user.teamId : undefined,
    });
    return c.json(result);
  });

  return app;
}

function authorizeAdmin(opts: AdminRouteOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const credential = /^Bearer +(\S+)\s*$/i.exec(header)?.[1] ?? '';
    if (credential.startsWith('kshadm_')) {
      const loopback = isLoopback(opts.remoteAddress(c));
      if (!opts.adminSecret || !loopback || !sameSecret(credential, opts.adminSecret)) {
        throw unauthorized(
          "This admin secret is not valid (it is accepted from the server's own machine only).",
        );
      }
      c.set('admin', { kind: 'operator' });
      return next();
    }
    if (!TOKEN.test(credential)) {
      throw unauthorized('Send "Authorization: Bearer <token>" with a team admin\'s token.');
    }
    const hash = hashToken(credential);
    if (opts.limiter) limitOrThrow(opts.limiter, hash, opts.now());
    const user = await findUser(opts.storage, hash);
    if (!user) throw unauthorized('This token is not valid or has been revoked.');
    c.set('user', user);
    if (user.role !== 'admin') throw forbidden('Only a team admin may do this.');
    c.set('admin', { kind: 'team-admin', user });
    return next();
  };
}

/** The team an admin call acts on: a team admin's own, or the operator's choice. */
function scopedTeam(scope: AdminScope, requested: string | undefined): string {
  if (scope.kind === 'team-admin') {
    if (requested !== undefined && requested !== scope.user.teamId) {
      throw forbidden('A team admin manages their own team only.');
    }
    return scope.user.teamId;
  }
  if (!requested) throw new HttpError(400, 'invalid_request', 'Say which team: "team".');
  return requested;
}

async function parse<T>(c: Context<AppEnv>, schema: z.ZodType<T>): Promise<T> {
  const result = schema.safeParse(await readJsonBody(c, ADMIN_BODY_BYTES));
  if (!result.success) throw invalidBody(result.error);
  return result.data;
}

const ADMIN_STATUS = {
  team_not_found: 404,
  user_not_found: 404,
  user_exists: 409,
  ambiguous: 409,
  invalid: 400,
} as const;

/** Admin refusals as HTTP errors with the same code and sentence the CLI prints. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AdminError) {
      throw new HttpError(ADMIN_STATUS[error.code], error.code, error.message);
    }
    throw error;
  }
}

function publicUser(user: UserInfo): UserInfo {
  return {
    id: user.id,
    teamId: user.teamId,
    email: user.email,
    role: user.role,
    revoked: user.revoked,
  };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
