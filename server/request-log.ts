import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Logger } from './context';

/**
 * One JSON line per request: when, how it went, how long it took and for which team. Only
 * the path is logged, not the query or any header or body, so no token or customer data
 * ever reaches the logs.
 */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    log({
      at: new Date().toISOString(),
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      team: c.get('user')?.teamId ?? null,
    });
  };
}
