import type { MiddlewareHandler } from 'hono';

/**
 * CORS for the extension only. Its background and pages call the server from
 * `chrome-extension://<id>` or `moz-extension://<uuid>`; no web page has any business calling
 * it with a user's token, so other origins get no allowance at all (and their preflights a
 * 403).
 */

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]{1,64}$/;

export function isExtensionOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && EXTENSION_ORIGIN.test(origin);
}

export function extensionCors(): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = isExtensionOrigin(origin);
    const preflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (preflight) {
      c.header('Vary', 'Origin');
      if (!allowed) {
        return c.json(
          {
            error: 'Cross-origin calls are accepted from the Kesher extension only.',
            code: 'cors_forbidden',
            details: { origin: origin ?? null },
          },
          403,
        );
      }
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    // Set before the handler makes its response, so they go out with it (errors included).
    // Set after, each would copy the finished response through a stream: a large part of
    // the server's time per request.
    c.header('Vary', 'Origin', { append: true });
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    await next();
  };
}
