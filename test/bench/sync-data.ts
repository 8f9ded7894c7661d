import { storedRecord } from '../../lib/db/row-clocks';
import { CHANNELS } from '../../lib/model/constants';
import type { TableName } from '../../lib/model/common';
import { formatHlc } from '../../lib/sync/hlc';
import type { WireMutation } from '../../lib/sync/wire';

/**
 * The sync bench's team: `customers` company customers and `interactions` interactions spread
 * over them, deterministic, so the rows pushed to the server and the rows the raw-IndexedDB
 * ceiling writes are the same rows. Row r (0-based) is customer r while r < customers, then
 * interaction r - customers. Ids are UUID-shaped, as the extension's UUIDv7 ids are.
 */

export interface SyncDataSize {
  customers: number;
  interactions: number;
}

export interface BenchRow {
  table: Extract<TableName, 'customers' | 'interactions'>;
  id: string;
  values: Record<string, unknown>;
}

const DAY = 86_400_000;
const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

export const customerId = (i: number) => `01900000-0000-7000-8000-${hex(i, 12)}`;
export const interactionId = (j: number) => `01900000-0001-7000-8000-${hex(j, 12)}`;
/** A steady-state agent's new interaction: agent a's n-th. */
export const agentInteractionId = (a: number, n: number) =>
  `01900000-0002-7${hex(a, 3)}-8000-${hex(n, 12)}`;

export function totalRows(size: SyncDataSize): number {
  return size.customers + size.interactions;
}

export function customerValues(i: number, now: number): Record<string, unknown> {
  return {
    kind: 'company',
    name: `Bench Customer ${i}`,
    domains: [`bench${i}.example`],
    emails: [`c${i}@bench${i}.example`],
    phones: [`+97250${String(i).padStart(7, '0')}`],
    address: { city: 'Haifa', country: 'IL' },
    acquisition: { channel: 'web' },
    tags: ['bench'],
    customFields: {},
    consent: { email: true },
    createdAt: now - DAY,
    updatedAt: now - DAY,
  };
}

export function interactionValues(
  j: number,
  customers: number,
  now: number,
  agent = 'seed@bench.example',
): Record<string, unknown> {
  const i = j % customers;
  const k = Math.floor(j / customers);
  const at = now - (k + 1) * DAY - i;
  return {
    customerId: customerId(i),
    channel: CHANNELS[j % CHANNELS.length],
    direction: k % 2 ? 'inbound' : 'outbound',
    at,
    subject: `Conversation ${k} with customer ${i}`,
    externalId: `bench-msg-${i}-${k}`,
    agent,
    loggedBy: 'click',
    createdAt: at,
    updatedAt: at,
  };
}

export function rowAt(r: number, size: SyncDataSize, now: number): BenchRow {
  if (r < size.customers) {
    return { table: 'customers', id: customerId(r), values: customerValues(r, now) };
  }
  const j = r - size.customers;
  return {
    table: 'interactions',
    id: interactionId(j),
    values: interactionValues(j, size.customers, now),
  };
}

/** The client that seeds the team: every row's clock is one of its. */
export const SEED_CLIENT = 'benchseed';

/** Row r's clock: one per row, increasing, an hour before `now`. */
export function seedHlc(r: number, now: number, clientId = SEED_CLIENT): string {
  const baseWall = now - 3_600_000;
  return formatHlc(
    { wall: baseWall + Math.floor(r / 10_000), counter: (r % 10_000) + 1 },
    clientId,
  );
}

/**
 * Row r as the extension stores it once pulled: the values, the server's id and team, and
 * the clock of every field (lib/db/row-clocks.ts), written by the extension's own code so
 * the ceiling writes the same bytes per row.
 */
export function storedRow(r: number, row: BenchRow, teamId: string, now: number): object {
  const hlc = seedHlc(r, now);
  const clocks = Object.fromEntries(Object.keys(row.values).map((name) => [name, hlc]));
  return storedRecord({ ...row.values, id: row.id, teamId, deleted: false }, clocks);
}

/** Rows [from, to) of one table, as the extension stores them: the ceiling's input. */
export function* storedChunks(
  size: SyncDataSize,
  now: number,
  teamId: string,
  chunk: number,
): Generator<{ table: BenchRow['table']; rows: object[] }> {
  let rows: object[] = [];
  let table: BenchRow['table'] | null = null;
  for (let r = 0; r < totalRows(size); r++) {
    const row = rowAt(r, size, now);
    if ((table !== null && row.table !== table) || rows.length === chunk) {
      yield { table: table!, rows };
      rows = [];
    }
    table = row.table;
    rows.push(storedRow(r, row, teamId, now));
  }
  if (rows.length > 0) yield { table: table!, rows };
}

/** As the extension batches its outbox (lib/sync/batch.ts): ≤ 1,000 mutations, ≤ 900,000 bytes. */
export const SEED_BATCH = { maxMutations: 1_000, maxBytes: 900_000 } as const;

/**
 * Every row as one whole-row upsert from one seeding client, in pushes as the extension
 * would send them. Clocks: `seedHlc`, an hour before `now` (well inside the server's
 * five-minute skew bound).
 */
export function* seedPushes(
  size: SyncDataSize,
  now: number,
  clientId = SEED_CLIENT,
): Generator<WireMutation[]> {
  let batch: WireMutation[] = [];
  let bytes = 100;
  for (let r = 0; r < totalRows(size); r++) {
    const row = rowAt(r, size, now);
    const hlc = seedHlc(r, now, clientId);
    const fields: WireMutation['fields'] = {};
    for (const [name, value] of Object.entries(row.values)) fields[name] = { value, hlc };
    const m: WireMutation = {
      mutationId: String(r + 1).padStart(15, '0'),
      table: row.table,
      id: row.id,
      op: 'upsert',
      fields,
    };
    const mBytes = JSON.stringify(m).length + 1;
    if (batch.length === SEED_BATCH.maxMutations || bytes + mBytes > SEED_BATCH.maxBytes) {
      yield batch;
      batch = [];
      bytes = 100;
    }
    batch.push(m);
    bytes += mBytes;
  }
  if (batch.length > 0) yield batch;
}
