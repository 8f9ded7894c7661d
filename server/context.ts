import type { Context } from 'hono';
import type { RateLimitOptions } from './rate-limit';
import type { Storage } from './storage/open';
import type { Role } from './storage/schema';

/** Who a request acts as: read from the token on every request, never cached. */
export interface AuthUser {
  id: string;
  teamId: string;
  teamName: string;
  email: string;
  role: Role;
}

/** What admin endpoints may do: the local operator (any team), or a team's admin (its own). */
export type AdminScope = { kind: 'operator' } | { kind: 'team-admin'; user: AuthUser };

export type AppEnv = {
  Variables: { user: AuthUser; admin: AdminScope };
};

export type AppContext = Context<AppEnv>;

/** One line per request, and nothing else: never a token, a secret or a body. */
export interface LogRecord {
  at: string;
  level: 'info' | 'warn' | 'error';
  msg?: string;
  method?: string;
  path?: string;
  status?: number;
  ms?: number;
  team?: string | null;
  [key: string]: unknown;
}

export type Logger = (record: LogRecord) => void;

export const jsonLogger: Logger = (record) => {
  process.stdout.write(`${JSON.stringify(record)}\n`);
};

export interface AppDeps {
  storage: Storage;
  /** The server's clock (ms); tests move it. */
  now?: () => number;
  log?: Logger;
  /** Per-token limit; false turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** The local operator's secret (`<data>/server.json`); admin calls without it need a team admin's token. */
  adminSecret?: string;
  /** The peer's address; defaults to the Node socket's. Operator calls are accepted from loopback only. */
  remoteAddress?: (c: Context) => string | undefined;
  /** Tombstones older than this are purged (default 90 days). */
  tombstoneHorizonMs?: number;
  /** Reported by /v1/health. */
  version?: string;
}

export const DEFAULT_TOMBSTONE_HORIZON_MS = 90 * 24 * 3600 * 1000;
