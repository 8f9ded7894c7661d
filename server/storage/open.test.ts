import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestStorage } from '../test-support';

// Test files run in parallel, each in a PostgreSQL schema of its own, with the others'
// tables in the same database: opening one schema must not take another's for its own.
describe.runIf(process.env.DATABASE_URL)('PostgreSQL storage in a schema', () => {
  it('migrates a new schema while another schema holds migrated tables', async () => {
    const first = await openTestStorage('postgres');
    try {
      const second = await openTestStorage('postgres');
      try {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from kysely_migration`.execute(second.storage.db);
        expect(rows[0]!.n).toBeGreaterThan(0);
        const tables = await sql<{ table_schema: string }>`
          select table_schema from information_schema.tables
          where table_name = 'kysely_migration_lock' and table_schema = current_schema()`.execute(
          second.storage.db,
        );
        expect(tables.rows).toHaveLength(1);
      } finally {
        await second.cleanup();
      }
    } finally {
      await first.cleanup();
    }
  });
});
