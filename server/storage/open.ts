import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { migrationProvider } from './migrations';
import { openPglite, pgliteDialect } from './pglite';
import type { Database } from './schema';

export type StorageKind = 'pglite' | 'postgres';

/** The database the server runs on: a Kysely instance and what it is. */
export interface Storage {
  kind: StorageKind;
  db: Kysely<Database>;
  /** Closes the database (waits for the transaction in flight on PGlite). */
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball (call it while no request runs). */
  dump?: () => Promise<Blob>;
}

/** A storage as opened, before its migrations ran. */
interface OpenedStorage extends Storage {
  /** The schema the tables live in (PostgreSQL only; PGlite has only its own). */
  schema?: string;
}

export type StorageOptions =
  | {
      kind: 'pglite';
      /** Undefined: in memory (tests). */
      dataDir?: string;
      /** fsync every commit to the host disk; on by default for a data directory. */
      durable?: boolean;
      /** Start a new database from this dump instead of running initdb (tests: seconds saved). */
      loadDataDir?: Blob;
    }
  | {
      kind: 'postgres';
      url: string;
      /** A schema to work in (created when missing): tests isolate themselves this way. */
      schema?: string;
      maxConnections?: number;
    };

/** Opens the storage and brings its tables up to date. */
export async function openStorage(opts: StorageOptions): Promise<Storage> {
  const storage = opts.kind === 'pglite' ? await openPgliteStorage(opts) : await openPg(opts);
  try {
    await migrate(storage.db, storage.schema);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

async function openPgliteStorage(opts: {
  dataDir?: string;
  durable?: boolean;
  loadDataDir?: Blob;
}): Promise<OpenedStorage> {
  const pg = await openPglite({
    dataDir: opts.dataDir,
    durable: opts.durable ?? true,
    loadDataDir: opts.loadDataDir,
  });
  const db = new Kysely<Database>({ dialect: await pgliteDialect(pg) });
  return {
    kind: 'pglite',
    db,
    close: () => db.destroy(),
    dump: () => pg.dumpDataDir('none'),
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPg(opts: {
  url: string;
  schema?: string;
  maxConnections?: number;
}): Promise<OpenedStorage> {
  const { default: pg } = await import('pg');
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
    throw new Error(`Not a schema name: ${opts.schema}`);
  }
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: opts.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.maxConnections ?? 10,
    // Every connection of the pool works in the schema; unqualified names resolve there.
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const storage = { kind: 'postgres' as const, db, close: () => db.destroy() };
  try {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    return { ...storage, schema: rows[0]!.schema };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

async function migrate(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  // Kysely's migrator takes a lock of its own, so several server processes starting at once
  // against one PostgreSQL run each migration once. It is told the schema: otherwise it takes
  // its bookkeeping tables in any schema of the database (another team's test, another app)
  // for its own, and fails to lock a table that its search path does not reach.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${(error as Error).message}`);
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a schema name: ${schema}`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A cheap round trip, for the health check. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
