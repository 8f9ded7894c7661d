import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Migrations live in code, not in files found at run time, so `npx kesher server` works from
 * a clone and from a bundle alike. Names sort in the order they run; never edit a released
 * one: add the next.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('horizon', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('agent', 'manager', 'admin')`),
        )
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .addUniqueConstraint('users_team_email', ['team_id', 'email'])
        .execute();

      // Keyed by team first: each team has its own rows, so the same id in two teams (the
      // settings row is always "team") is two rows, and no query by (table, id) can reach
      // another team's. (Changed in place: this migration had not been released.)
      await db.schema
        .createTable('rows')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('deleted_hlc', 'text')
        .addColumn('fields', 'jsonb', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('rows_pk', ['team_id', 'table_name', 'id'])
        .execute();
      // What a pull walks: one team's rows in version order.
      await db.schema
        .createIndex('rows_team_version')
        .on('rows')
        .columns(['team_id', 'version', 'table_name', 'id'])
        .execute();
      // What the tombstone purge looks for.
      await db.schema
        .createIndex('rows_team_tombstones')
        .on('rows')
        .columns(['team_id', 'updated_at'])
        .where(sql.ref('deleted'), '=', true)
        .execute();

      await db.schema
        .createTable('clients')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('last_mutation_id', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('clients_pk', ['user_id', 'client_id'])
        .execute();

      await db.schema
        .createTable('rejections')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('mutation_id', 'text', (c) => c.notNull())
        .addColumn('body', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('rejections_pk', ['user_id', 'client_id', 'mutation_id'])
        .execute();

      // One live customer per email within a team, enforced by the key itself.
      await db.schema
        .createTable('customer_emails')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('customer_emails_pk', ['team_id', 'email'])
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
