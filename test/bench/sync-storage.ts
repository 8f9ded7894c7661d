import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { StartOptions } from '../../server/start';
import { openStorage, type Storage } from '../../server/storage/open';
import { templateDataDir } from '../../server/test-support';

/**
 * A server database of the bench's own, and its removal: a PGlite data directory in the temp
 * directory (from the tests' migrated template, so no initdb), or a fresh PostgreSQL database
 * next to the one DATABASE_URL names (created and dropped here; the server's own start
 * options have no schema, so a database is the unit of isolation).
 */

export interface BenchStorage {
  kind: 'pglite' | 'postgres';
  /** For startServer. */
  server: StartOptions['storage'];
  /** Opened by the seeder, closed before the server starts. */
  open(): Promise<Storage>;
  cleanup(): Promise<void>;
}

export async function pgliteBenchStorage(): Promise<BenchStorage> {
  const dataDir = await templateDataDir('kesher-bench-sync-');
  return {
    kind: 'pglite',
    server: { kind: 'pglite', dataDir },
    // Seeding needs no fsync per push: the storage is closed cleanly before the server opens it.
    open: () => openStorage({ kind: 'pglite', dataDir, durable: false }),
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postgresBenchStorage(url: string): Promise<BenchStorage> {
  const { default: pg } = await import('pg');
  const name = `kesher_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const ownUrl = own.toString();
  return {
    kind: 'postgres',
    server: { kind: 'postgres', url: ownUrl },
    open: () => openStorage({ kind: 'postgres', url: ownUrl }),
    cleanup: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
