import { Hono, type Context } from 'hono';
import { requireUser, userOf } from './auth';
import { DEFAULT_TOMBSTONE_HORIZON_MS, jsonLogger, type AppDeps, type AppEnv } from './context';
import { extensionCors } from './cors';
import { HttpError, errorResponse } from './http-error';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rate-limit';
import { requestLog } from './request-log';
import { adminRoutes } from './routes/admin';
import { rowRoutes } from './routes/rows';
import { syncRoutes } from './routes/sync';
import { ping } from './storage/open';
import { SERVER_VERSION } from './version';

/**
 * The sync server as a Hono app: `app.fetch(request)` answers a Request, so tests (and the
 * client engine's tests) run it in-process; server/start.ts puts it on a port. All state is
 * in the storage, except the rate limiter's buckets (and the pushes waiting for their team's
 * transaction, server/push-queue.ts).
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? jsonLogger;
  const rateLimit = deps.rateLimit === undefined ? DEFAULT_RATE_LIMIT : deps.rateLimit;
  const limiter = rateLimit ? new RateLimiter(rateLimit) : null;
  const { storage } = deps;

  const app = new Hono<AppEnv>();
  app.use('*', requestLog(log));
  app.use('*', extensionCors());

  app.get('/v1/health', async (c) => {
    const status = { storage: storage.kind, version: deps.version ?? SERVER_VERSION };
    try {
      await ping(storage.db);
    } catch {
      return c.json({ ok: false, ...status, error: 'The database does not answer.' }, 503);
    }
    return c.json({ ok: true, ...status });
  });

  const user = requireUser(storage, limiter, now);
  app.use('/v1/me', user);
  app.use('/v1/sync/*', user);
  app.use('/v1/rows/*', user);

  app.get('/v1/me', (c) => {
    const u = userOf(c);
    return c.json({
      team: { id: u.teamId, name: u.teamName },
      user: { id: u.id, email: u.email, role: u.role },
    });
  });
  app.route('/v1/sync', syncRoutes(storage, now));
  app.route('/v1/rows', rowRoutes(storage));
  app.route(
    '/v1/admin',
    adminRoutes({
      storage,
      limiter,
      now,
      adminSecret: deps.adminSecret,
      remoteAddress: deps.remoteAddress ?? socketAddress,
      tombstoneHorizonMs: deps.tombstoneHorizonMs ?? DEFAULT_TOMBSTONE_HORIZON_MS,
    }),
  );

  app.notFound((c) =>
    c.json(
      { error: 'There is no such endpoint.', code: 'not_found', details: { path: c.req.path } },
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) return errorResponse(c, error);
    // The message only: a stack or a query could carry customer data into the logs.
    log({
      at: new Date().toISOString(),
      level: 'error',
      msg: 'unhandled error',
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return c.json(
      { error: 'The server failed; try again later.', code: 'internal', details: {} },
      500,
    );
  });
  return app;
}

/** The peer address of a request served by @hono/node-server; undefined in-process. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}
