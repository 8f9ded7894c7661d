import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, AuthUser } from './context';
import { HttpError, unauthorized } from './http-error';
import type { RateLimiter } from './rate-limit';
import type { Storage } from './storage/open';
import { bearerToken, hashToken } from './tokens';

/**
 * Bearer-token authentication. The token is looked up (by its hash) on every request, with
 * no cache, so a revoked token stops working at the very next request. The team comes from
 * the token's user, never from anything in the request.
 */
export function requireUser(
  storage: Storage,
  limiter: RateLimiter | null,
  now: () => number,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) {
      throw unauthorized('Send "Authorization: Bearer <token>" with a Kesher team token.');
    }
    const hash = hashToken(token);
    // Limited before the database is asked, keyed by the token (its hash: tokens are never
    // kept, not even in memory), so a flood costs no queries.
    if (limiter) limitOrThrow(limiter, hash, now());
    const user = await findUser(storage, hash);
    if (!user) throw unauthorized('This token is not valid or has been revoked.');
    c.set('user', user);
    await next();
  };
}

export function limitOrThrow(limiter: RateLimiter, key: string, now: number): void {
  const result = limiter.take(key, now);
  if (!result.ok) {
    throw new HttpError(
      429,
      'rate_limited',
      `Too many requests; try again in ${result.retryAfterSec} s.`,
      { retryAfterSec: result.retryAfterSec },
      { 'Retry-After': String(result.retryAfterSec) },
    );
  }
}

export async function findUser(storage: Storage, tokenHash: string): Promise<AuthUser | null> {
  const row = await storage.db
    .selectFrom('users')
    .innerJoin('teams', 'teams.id', 'users.team_id')
    .select([
      'users.id as id',
      'users.team_id as teamId',
      'teams.name as teamName',
      'users.email as email',
      'users.role as role',
    ])
    .where('users.token_hash', '=', tokenHash)
    .where('users.revoked_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** The user a route runs as (set by requireUser). */
export function userOf(c: Context<AppEnv>): AuthUser {
  return c.get('user');
}
