import { formatHlc } from '../../lib/sync/hlc';
import type { WireMutation } from '../../lib/sync/wire';
import { request, readPage, type Answer } from './sync-agent-http';
import { agentInteractionId, customerId, interactionValues } from './sync-data';

/**
 * The steady state: `tokens.length` agents, each once a second pushing one mutation (by turns
 * an edit of one field of a random customer, and a new interaction) and then pulling until
 * the server has no more, as the extension's engine does after a push. Real HTTP to the
 * server on its port, a keep-alive connection per agent (sync-agent-http.ts: made cheap, as
 * the agents share the server's machine).
 * Agents start spread evenly over the first second. An agent that falls behind does not catch
 * up in bursts: its next push goes at once, and the offered rate drops.
 */

export interface SteadyOptions {
  url: string;
  tokens: string[];
  /** Customers on the server, for the edits. */
  customers: number;
  seconds: number;
  /** Where every agent's first pull starts (the team's version before the run). */
  cursor: number;
  /** As the extension's engine asks (lib/sync/pull.ts PAGE_LIMIT). */
  pageLimit: number;
}

export interface SteadyResult {
  seconds: number;
  pushes: number;
  acknowledged: number;
  pushMs: number[];
  pullMs: number[];
  rowsPulled: number;
  /** Failed requests and refused mutations, by kind ("http 429", "network", "rejected invalid"). */
  errors: Record<string, number>;
  /** CPU time of this process (the agents' side: HTTP, reading answers) during the run. */
  agentsCpuMs: number;
}

const TIMEOUT_MS = 30_000;

export async function runSteady(o: SteadyOptions): Promise<SteadyResult> {
  const result: SteadyResult = {
    seconds: o.seconds,
    pushes: 0,
    acknowledged: 0,
    pushMs: [],
    pullMs: [],
    rowsPulled: 0,
    errors: {},
    agentsCpuMs: 0,
  };
  const fail = (kind: string) => (result.errors[kind] = (result.errors[kind] ?? 0) + 1);
  const now = Date.now();
  let start = 0;
  let end = 0;

  const origin = new URL(o.url);
  async function call(token: string, path: string, body?: unknown): Promise<Answer | null> {
    try {
      const answer = await request(origin, token, path, body, TIMEOUT_MS);
      if (answer.status < 200 || answer.status >= 300) {
        fail(`http ${answer.status}`);
        return null;
      }
      return answer;
    } catch (error) {
      fail(error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network');
      return null;
    }
  }

  function agent(a: number, token: string) {
    const clientId = `benchagent${a}`;
    let seq = 0;
    let cursor = o.cursor;
    const pullAll = async (timed: boolean): Promise<void> => {
      for (;;) {
        const page = await call(token, `/v1/sync/pull?cursor=${cursor}&limit=${o.pageLimit}`);
        if (!page) return;
        const { changes, nextCursor, hasMore } = readPage(page.body);
        if (timed) {
          result.pullMs.push(page.ms);
          result.rowsPulled += changes;
        }
        cursor = Math.max(cursor, nextCursor);
        if (!hasMore) return;
      }
    };
    const run = async (): Promise<void> => {
      let next = start + (a / o.tokens.length) * 1000;
      for (;;) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (performance.now() >= end) return;
        seq++;
        const hlc = formatHlc({ wall: Date.now(), counter: seq }, clientId);
        const m: WireMutation =
          seq % 2 === 1
            ? {
                mutationId: String(seq).padStart(15, '0'),
                table: 'customers',
                id: customerId((a * 7919 + seq * 104_729) % o.customers),
                op: 'upsert',
                fields: {
                  notes: { value: `Called back (${clientId}, ${seq})`, hlc },
                  updatedAt: { value: Date.now(), hlc },
                },
              }
            : {
                mutationId: String(seq).padStart(15, '0'),
                table: 'interactions',
                id: agentInteractionId(a, seq),
                op: 'upsert',
                fields: Object.fromEntries(
                  Object.entries({
                    ...interactionValues(seq, o.customers, now, `agent${a}@bench.example`),
                    externalId: `bench-steady-${a}-${seq}`,
                  }).map(([k, value]) => [k, { value, hlc }]),
                ),
              };
        result.pushes++;
        const answer = await call(token, '/v1/sync/push', { clientId, mutations: [m] });
        if (answer) {
          result.pushMs.push(answer.ms);
          const { lastMutationId, rejected } = JSON.parse(answer.body.toString('utf8')) as {
            lastMutationId: string;
            rejected: Array<{ code: string }>;
          };
          if (rejected.length > 0) fail(`rejected ${rejected[0]!.code}`);
          else if (lastMutationId === m.mutationId) result.acknowledged++;
          else fail('not acknowledged');
        }
        await pullAll(true);
        next = Math.max(next + 1000, performance.now());
      }
    };
    // Untimed warm-up: a connection of its own, and caught up with the team.
    return { warmUp: () => pullAll(false), run };
  }

  const agents = o.tokens.map((token, a) => agent(a, token));
  await Promise.all(agents.map((x) => x.warmUp()));
  const warmUpErrors = Object.values(result.errors).reduce((s, n) => s + n, 0);
  if (warmUpErrors > 0)
    throw new Error(`steady state warm-up failed: ${JSON.stringify(result.errors)}`);
  start = performance.now() + 100;
  end = start + o.seconds * 1000;
  const cpu = process.cpuUsage();
  await Promise.all(agents.map((x) => x.run()));
  const used = process.cpuUsage(cpu);
  result.agentsCpuMs = (used.user + used.system) / 1000;
  return result;
}
