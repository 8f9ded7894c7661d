import type { SyncConnection } from './types';

/**
 * What the sync engine keeps in `meta` (lib/db/schema.ts MetaRow). Types only: lib/db imports
 * them, and a runtime import would tie the database to the engine.
 */

/** The connection with what only the background may know: the token, and whose it is. */
export interface StoredConnection extends SyncConnection {
  token: string;
  teamId: string;
  userId: string;
}

/** The team whose server received this database's changes last (see reupload.ts). */
export interface SyncOrigin {
  url: string;
  teamId: string;
}

/** Kept across service-worker restarts: the alarm of a fresh worker must honour the backoff. */
export interface SyncHealth {
  lastSyncAt?: number;
  /** Failures in a row since the last success: the backoff's exponent. */
  failures: number;
  error?: { message: string; at: number; retryAt?: number };
  /** The token was refused (401): no automatic retry until the user connects again. */
  stopped?: boolean;
}
