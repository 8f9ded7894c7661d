import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { dropSchema } from '../server/storage/open';
import { templateDataDir } from '../server/test-support';

/**
 * Test-only: the storages a kesher command can work on, as the arguments and environment
 * that select them. PGlite always; PostgreSQL too when DATABASE_URL is set, in a schema of
 * its own (through the connection string's `options`) dropped afterwards.
 */
export interface CliTarget {
  args: string[];
  env: NodeJS.ProcessEnv;
  dataDir?: string;
  cleanup(): Promise<void>;
}

export function cliTargets(): Array<[string, () => Promise<CliTarget>]> {
  const targets: Array<[string, () => Promise<CliTarget>]> = [['pglite', pgliteTarget]];
  if (process.env.DATABASE_URL) targets.push(['postgres', postgresTarget]);
  return targets;
}

async function pgliteTarget(): Promise<CliTarget> {
  const dataDir = await templateDataDir('kesher-cli-');
  return {
    args: ['--data', dataDir],
    env: {},
    dataDir,
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<CliTarget> {
  const base = process.env.DATABASE_URL!;
  const schema = `kesher_cli_${randomBytes(6).toString('hex')}`;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    args: [],
    env: { DATABASE_URL: url.toString() },
    cleanup: () => dropSchema(base, schema),
  };
}
