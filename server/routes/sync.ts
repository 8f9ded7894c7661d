import { Hono } from 'hono';
import { userOf } from '../auth';
import type { AppEnv } from '../context';
import { HttpError, invalidBody } from '../http-error';
import { LIMITS, PullQuery, PushBody } from '../protocol';
import { pull } from '../pull';
import { PushQueue } from '../push-queue';
import { readJsonBody } from '../read-body';
import type { Storage } from '../storage/open';

/** `POST /v1/sync/push` and `GET /v1/sync/pull` (behind requireUser). */
export function syncRoutes(storage: Storage, now: () => number): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const pushes = new PushQueue(storage);

  app.post('/push', async (c) => {
    const json = await readJsonBody(c, LIMITS.maxBodyBytes);
    // The count bound is a size bound (413), checked before the schema walks every mutation.
    const mutations = (json as { mutations?: unknown } | null)?.mutations;
    if (Array.isArray(mutations) && mutations.length > LIMITS.maxMutations) {
      throw new HttpError(
        413,
        'too_many_mutations',
        `A push carries at most ${LIMITS.maxMutations} mutations; send the rest in another push.`,
        { maxMutations: LIMITS.maxMutations, mutations: mutations.length },
      );
    }
    const body = PushBody.safeParse(json);
    if (!body.success) throw invalidBody(body.error);
    return c.json(await pushes.push(userOf(c), body.data, now()));
  });

  app.get('/pull', async (c) => {
    const query = PullQuery.safeParse({
      cursor: c.req.query('cursor'),
      limit: c.req.query('limit'),
    });
    if (!query.success) {
      throw new HttpError(400, 'invalid_query', 'The pull parameters are not valid.', [
        ...query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      ]);
    }
    const { cursor = 0, limit = LIMITS.pullDefaultLimit } = query.data;
    // The page comes as JSON text already (server/pull.ts says why). Sent as bytes: a string
    // body would be scanned once for its Content-Length and again to encode it.
    const page = await pull(storage, userOf(c).teamId, cursor, limit);
    return c.body(Buffer.from(page), 200, { 'Content-Type': 'application/json' });
  });

  return app;
}
