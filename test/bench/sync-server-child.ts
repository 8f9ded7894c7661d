/**
 * The team server in a process of its own for the sync bench (spawned by sync-server.ts):
 * its CPU and memory are then its own, and the bench's agents and browser driver do not share
 * its event loop. Answers the parent over IPC: its resource use, the team's version, and the
 * same-database ceiling (raw INSERTs into a scratch copy of `rows`).
 */
import type { LogRecord } from '../../server/context';
import { startServer, type StartOptions } from '../../server/start';
import { toNumber } from '../../server/storage/schema';
import { insertCeiling, type CeilingRequest } from './sync-insert-ceiling';

export interface ChildConfig {
  storage: StartOptions['storage'];
  rateLimit: StartOptions['rateLimit'];
}

export type ChildRequest =
  | { id: number; type: 'stats' }
  | { id: number; type: 'version'; teamId: string }
  | ({ id: number; type: 'ceiling' } & CeilingRequest)
  | { id: number; type: 'close' };

const config = JSON.parse(process.argv[2]!) as ChildConfig;
const statuses: Record<string, number> = {};
/** Per route: requests and the milliseconds the server spent on them (its request log's). */
const routes: Record<string, { n: number; ms: number }> = {};
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  storage: config.storage,
  rateLimit: config.rateLimit,
  // As the default logger, a JSON line per request, but kept: only warnings and errors are
  // written (to stderr); the statuses are counted for the bench.
  log: (record: LogRecord) => {
    const line = JSON.stringify(record);
    if (record.status !== undefined) {
      const key = String(record.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      const route = (routes[`${record.method} ${record.path}`] ??= { n: 0, ms: 0 });
      route.n++;
      route.ms += record.ms ?? 0;
    }
    if (record.level !== 'info') process.stderr.write(`[server] ${line}\n`);
  },
});

const send = (message: unknown) => process.send!(message);

process.on('message', (raw) => {
  const request = raw as ChildRequest;
  void answer(request).then(
    (value) => send({ id: request.id, ok: true, value }),
    (error: unknown) =>
      send({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
// The bench died: do not outlive it.
process.on('disconnect', () => void server.close().then(() => process.exit(0)));

async function answer(request: ChildRequest): Promise<unknown> {
  switch (request.type) {
    case 'stats': {
      const cpu = process.cpuUsage();
      return {
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        rssMb: process.memoryUsage().rss / 2 ** 20,
        cpuMs: (cpu.user + cpu.system) / 1000,
        statuses: { ...statuses },
        routes: structuredClone(routes),
      };
    }
    case 'version': {
      const row = await server.storage.db
        .selectFrom('teams')
        .select('version')
        .where('id', '=', request.teamId)
        .executeTakeFirstOrThrow();
      return toNumber(row.version);
    }
    case 'ceiling':
      return insertCeiling(server.storage, request);
    case 'close':
      await server.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

send({ ready: true, port: server.port, kind: server.storage.kind });
