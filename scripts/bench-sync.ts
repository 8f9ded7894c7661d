/**
 * `npm run bench:sync`: team sync's speed, each figure beside a ceiling measured in the same
 * run. Reports; never fails. Saved to bench-results/sync.json.
 *
 * 1. Initial sync: the server holds the team's customers and interactions (seeded through the
 *    server's own push, in-process); a fresh extension in real Chromium connects and pulls
 *    everything. Ceiling: raw IndexedDB writes of the same rows, in a fresh browser of its own.
 *    On PGlite always, and on PostgreSQL when DATABASE_URL is set (a database of its own,
 *    dropped afterwards).
 * 2. Steady state (PostgreSQL, or PGlite with --steady-pglite): agents each pushing one
 *    mutation a second and pulling after it, over HTTP. Ceiling: raw INSERTs of as many rows
 *    into a scratch copy of the rows table on the same database.
 *
 *   --customers N       customers on the server (default 100000)
 *   --interactions N    interactions on the server (default 1000000)
 *   --agents N          steady-state agents (default 200)
 *   --seconds N         steady-state duration (default 30)
 *   --max-minutes N     stop waiting for an initial sync after N minutes, report how far it got (default 60)
 *   --steady-pglite     run the steady state on PGlite too
 *   --skip-initial      no browser: the steady state only
 *   --skip-steady       the initial sync only
 *   --no-build          reuse .output/chrome-mv3
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PAGE_LIMIT } from '../lib/sync/pull';
import { percentile, printTable, round, type Figure } from '../test/bench/stats';
import { totalRows, type SyncDataSize } from '../test/bench/sync-data';
import { benchInitialSync, type InitialSyncResult } from '../test/bench/sync-initial';
import { seedTeam, type SeededTeam } from '../test/bench/sync-seed';
import { spawnServer, type ServerStats } from '../test/bench/sync-server';
import { runSteady, type SteadyResult } from '../test/bench/sync-steady';
import {
  pgliteBenchStorage,
  postgresBenchStorage,
  type BenchStorage,
} from '../test/bench/sync-storage';
import type { CeilingResult } from '../test/bench/sync-insert-ceiling';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    interactions: { type: 'string', default: '1000000' },
    agents: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    'max-minutes': { type: 'string', default: '60' },
    'steady-pglite': { type: 'boolean', default: false },
    'skip-initial': { type: 'boolean', default: false },
    'skip-steady': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const size: SyncDataSize = {
  customers: Number(values.customers),
  interactions: Number(values.interactions),
};
const agents = Number(values.agents);
const seconds = Number(values.seconds);
const databaseUrl = process.env.DATABASE_URL;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const secs = (ms: number) => `${round(ms / 1000)} s`;
const log = (line: string) => console.log(`[bench:sync] ${line}`);

const loadAtStart = loadavg();
const figures: Figure[] = [];
const notes: string[] = [];
const details: Record<string, unknown> = {};

if (
  !values['skip-initial'] &&
  !values['no-build'] &&
  spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' }).status !== 0
) {
  process.exit(1);
}

// Ctrl-C: close the server process and remove the bench's database before leaving.
const cleanups: Array<() => Promise<void>> = [];
process.once('SIGINT', () => {
  void (async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    process.exit(130);
  })();
});

const kinds: Array<'pglite' | 'postgres'> = databaseUrl ? ['pglite', 'postgres'] : ['pglite'];
if (!databaseUrl) {
  notes.push(
    values['steady-pglite']
      ? 'PostgreSQL skipped: DATABASE_URL is not set (everything ran on PGlite).'
      : 'PostgreSQL skipped: DATABASE_URL is not set. The initial sync ran on PGlite only; the steady state did not run (it runs on PostgreSQL; --steady-pglite runs it on PGlite).',
  );
  log(notes[notes.length - 1]!);
}
if (values['skip-steady']) notes.push('steady state skipped (--skip-steady).');
if (values['skip-initial']) notes.push('initial sync skipped (--skip-initial).');
const failed = (what: string, error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  notes.push(`${what} FAILED: ${message}`);
  log(`${what} FAILED: ${message}`);
};

for (const kind of kinds) {
  const initial = !values['skip-initial'];
  const steady = !values['skip-steady'] && (kind === 'postgres' || values['steady-pglite']);
  if (!initial && !steady) continue;
  let storage: BenchStorage | null = null;
  try {
    storage =
      kind === 'pglite' ? await pgliteBenchStorage() : await postgresBenchStorage(databaseUrl!);
    cleanups.push(storage.cleanup);
    log(`${kind}: seeding ${fmt(totalRows(size))} rows through the server's push…`);
    const now = Date.now();
    const db = await storage.open();
    let seeded: SeededTeam;
    try {
      seeded = await seedTeam(db, size, {
        now,
        agents: steady ? agents : 0,
        log: (line) => log(`${kind}: ${line}`),
      });
    } finally {
      await db.close();
    }
    log(
      `${kind}: seeded ${fmt(seeded.rows)} rows in ${seeded.pushes} pushes, ${secs(seeded.ms)} (${fmt(seeded.rows / (seeded.ms / 1000))} rows/s)`,
    );
    const server = await spawnServer({ storage: storage.server, rateLimit: undefined });
    cleanups.push(server.close);
    try {
      log(`${kind}: server listening at ${server.url} (pid ${server.pid})`);
      if (initial) {
        try {
          const r = await benchInitialSync({
            server,
            token: seeded.browserToken,
            teamId: seeded.teamId,
            size,
            now,
            maxMs: Number(values['max-minutes']) * 60_000,
            log: (line) => log(`${kind}: ${line}`),
          });
          figures.push(initialFigure(kind, r, seeded));
          const { browserToken: _b, agentTokens: _a, ...seedInfo } = seeded;
          details[`initial-${kind}`] = { seeded: seedInfo, ...r };
        } catch (error) {
          failed(`${kind}: initial sync`, error);
        }
      }
      if (steady) {
        try {
          const cursor = await server.teamVersion(seeded.teamId);
          const before = await server.stats();
          log(`${kind}: steady state, ${agents} agents for ${seconds} s…`);
          const r = await runSteady({
            url: server.url,
            tokens: seeded.agentTokens,
            customers: size.customers,
            seconds,
            cursor,
            pageLimit: PAGE_LIMIT,
          });
          const after = await server.stats();
          log(`${kind}: ceiling, raw INSERTs of ${fmt(Math.max(r.acknowledged, agents))} rows…`);
          const ceiling = await server.insertCeiling({
            teamId: seeded.teamId,
            rows: Math.max(r.acknowledged, agents),
            batch: agents,
            singles: 200,
          });
          figures.push(...steadyFigures(kind, r, ceiling, before, after));
          details[`steady-${kind}`] = {
            pushes: r.pushes,
            acknowledged: r.acknowledged,
            errors: r.errors,
            rowsPulled: r.rowsPulled,
            pushMs: spread(r.pushMs),
            pullMs: spread(r.pullMs),
            ceiling: {
              rows: ceiling.rows,
              batchRows: agents,
              batchMs: spread(ceiling.batchMs),
              singleMs: spread(ceiling.singleMs),
            },
            serverBefore: before,
            serverAfter: after,
          };
        } catch (error) {
          failed(`${kind}: steady state`, error);
        }
      }
    } finally {
      await server.close();
    }
  } catch (error) {
    failed(kind, error);
  } finally {
    await storage?.cleanup();
  }
}

function spread(ms: number[]) {
  const total = ms.reduce((s, x) => s + x, 0);
  return {
    n: ms.length,
    totalMs: round(total),
    p50: round(percentile(ms, 50)),
    p95: round(percentile(ms, 95)),
    max: round(ms.length ? Math.max(...ms) : NaN),
  };
}

function initialFigure(kind: string, r: InitialSyncResult, seeded: SeededTeam): Figure {
  // A sync that failed or was given up on: the rate at which rows arrived until then.
  const stored = r.stats.customers + r.stats.interactions;
  const rate = stored / (r.syncMs / 1000);
  const ceilingRate = r.ceiling.rows / (r.ceiling.ms / 1000);
  const pulls = r.server.routes['GET /v1/sync/pull'];
  return {
    name: `initial sync into a fresh extension, ${kind}: ${fmt(size.customers)} customers + ${fmt(size.interactions)} interactions`,
    value: rate,
    unit: 'rows/s',
    goal: `≥ ${fmt(ceilingRate / 1.3)} rows/s (≤ 1.3× the raw time)`,
    ceiling: { name: 'raw IndexedDB writes of the same rows', value: ceilingRate },
    note:
      (r.error ? `FAILED: ${r.error}; ` : '') +
      (stored === r.rows
        ? `connectSync → first sync done ${secs(r.syncMs)}, ${round(r.syncMs / r.ceiling.ms, 2)}× the raw writes `
        : `${fmt(stored)} rows stored in ${secs(r.syncMs)}; at that rate all ${fmt(r.rows)} would take ` +
          `${secs((r.rows / rate) * 1000)}, ${round(ceilingRate / rate, 2)}× the raw writes `) +
      `(${secs(r.ceiling.ms)}, ${fmt(r.ceiling.txRows)} rows per transaction)` +
      `; server process: peak RSS ${fmt(r.server.maxRssMb)} MB, CPU ${secs(r.server.cpuMs)}` +
      `, ${fmt(pulls?.n ?? 0)} pulls answered in ${secs(pulls?.ms ?? 0)} of server time` +
      (r.answeredMs === null ? '' : `; connectSync answered after ${secs(r.answeredMs)}`) +
      `; the background's analytics job during the sync: ${r.analytics.fullRuns} full runs, ` +
      `${r.analytics.rescores} rescoring batches` +
      (r.analytics.afterSyncMs === null
        ? '; no full run within 5 min after it'
        : `; its full run after the sync done ${secs(r.analytics.afterSyncMs)} after it`) +
      (r.analytics.lastFullRunMs === null
        ? ''
        : `, the last full run ${secs(r.analytics.lastFullRunMs)}`) +
      `; seeded in ${seeded.pushes} pushes through the server's push, ${secs(seeded.ms)}`,
  };
}

function steadyFigures(
  kind: string,
  r: SteadyResult,
  c: CeilingResult,
  before: ServerStats,
  after: ServerStats,
): Figure[] {
  const errors = Object.entries(r.errors);
  const errorText = errors.length ? errors.map(([k, n]) => `${k}: ${n}`).join(', ') : 'none';
  const batchTotalMs = c.batchMs.reduce((s, x) => s + x, 0);
  const label = `steady state, ${kind}, ${agents} agents × 1 push/s, ${seconds} s`;
  const route = (key: string, what: string) => {
    const a = after.routes[key] ?? { n: 0, ms: 0 };
    const b = before.routes[key] ?? { n: 0, ms: 0 };
    const n = a.n - b.n;
    return `${fmt(n)} ${what} averaging ${round((a.ms - b.ms) / Math.max(1, n))} ms`;
  };
  return [
    {
      name: `${label}: mutations acknowledged`,
      value: r.acknowledged / r.seconds,
      unit: 'mutations/s',
      goal: `${agents}/s offered`,
      ceiling: {
        name: `raw INSERT of the same ${fmt(c.rows)} rows, ${agents} per statement`,
        value: c.rows / (batchTotalMs / 1000),
      },
      note:
        `${fmt(r.pushes)} pushes, ${fmt(r.acknowledged)} acknowledged; errors: ${errorText}; ` +
        `${fmt(r.rowsPulled / r.seconds)} rows/s pulled in ${fmt(r.pullMs.length)} pulls; ` +
        `batch INSERT p50 ${round(percentile(c.batchMs, 50))} ms, p95 ${round(percentile(c.batchMs, 95))} ms; ` +
        `server process: peak RSS ${fmt(after.maxRssMb)} MB, CPU ${secs(after.cpuMs - before.cpuMs)} in the run, ` +
        `its own time (request log): ${route('POST /v1/sync/push', 'pushes')}, ${route('GET /v1/sync/pull', 'pulls')}; ` +
        `the agents' process: CPU ${secs(r.agentsCpuMs)}`,
    },
    {
      name: `${label}: push latency p95`,
      value: percentile(r.pushMs, 95),
      unit: 'ms',
      goal: '≤ 100 ms',
      ceiling: { name: 'one-row INSERT, committed, p95', value: percentile(c.singleMs, 95) },
      note: `p50 ${round(percentile(r.pushMs, 50))} ms, max ${round(Math.max(...r.pushMs))} ms; one-row INSERT p50 ${round(percentile(c.singleMs, 50))} ms`,
    },
    {
      name: `${label}: pull latency p95`,
      value: percentile(r.pullMs, 95),
      unit: 'ms',
      note: `p50 ${round(percentile(r.pullMs, 50))} ms, max ${round(Math.max(...r.pullMs))} ms; pages of up to ${PAGE_LIMIT} rows, ${round(r.rowsPulled / Math.max(1, r.pullMs.length))} rows a pull on average`,
    },
  ];
}

const loadAtEnd = loadavg();
console.log('');
printTable(figures);
for (const f of figures) if (f.note) console.log(`  ${f.name}: ${f.note}`);
for (const n of notes) console.log(`  ${n}`);
console.log(
  `  setup: Debian Chromium, extension from .output/chrome-mv3, server in its own Node process on 127.0.0.1 ` +
    `(default rate limit, fsync on), data seeded through server/push.ts in-process, engine page limit ${PAGE_LIMIT}; ` +
    `${cpus().length} CPUs, load average ${loadAtStart[0]!.toFixed(1)} at the start and ${loadAtEnd[0]!.toFixed(1)} at the end (1 min).`,
);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/sync.json',
  JSON.stringify(
    {
      at: new Date().toISOString(),
      options: { ...size, agents, seconds, postgres: Boolean(databaseUrl) },
      figures,
      notes,
      details,
    },
    null,
    2,
  ),
);
console.log('\nsaved bench-results/sync.json');
