import type { TableName } from '../model';

/**
 * What the extension's side of sync shows and takes: the contract between the engine
 * (lib/sync/engine.ts, in the background), the messaging handlers and the popup and options
 * UI. Plain data only: it crosses the messaging boundary as JSON.
 */

/** Why a change was refused, as the server says (server/protocol.ts `RejectionCode`). */
export type RefusalCode =
  'forbidden' | 'not_author' | 'email_taken' | 'clock_skew' | 'id_taken' | 'invalid' | 'not_found';

/** A local change the server refused: kept until the user resolves or dismisses it. */
export interface RefusedChange {
  mutationId: string;
  code: RefusalCode;
  /** The server's sentence, shown as is (English: the server does not know the UI language). */
  reason: string;
  table: TableName;
  id: string;
  /** For `email_taken`: the team's customer that already has the address (offer a merge). */
  conflictWith?: string;
  /** A name the UI can show for the refused row and, for `email_taken`, the other one. */
  label?: string;
  conflictLabel?: string;
  /** When the refusal arrived (ms). */
  at: number;
}

/** How the user settles a refused change. */
export type RefusalResolution =
  /** email_taken only: move the local customer's people, history, orders and deals onto the
   *  team's customer that has the address, then retire the local one. */
  | 'merge'
  /** Drop the refusal from the list; the row takes the server's state again. */
  | 'dismiss';

/** The connection the options page sets up. The token never leaves the background again. */
export interface SyncConnection {
  url: string;
  /** Who the token belongs to, as `GET /v1/me` answered at connection time. */
  email: string;
  role: 'agent' | 'manager' | 'admin';
  teamName?: string;
  connectedAt: number;
}

export type SyncPhase = 'idle' | 'pushing' | 'pulling' | 'backing-off';

/** What the popup and the options page show. */
export interface SyncStatus {
  /** Null while local-only (the default). */
  connection: SyncConnection | null;
  phase: SyncPhase;
  /** Last sync that finished without error (ms), if any. */
  lastSyncAt?: number;
  /**
   * While a sync runs: the changes it has received from the server so far. The first sync of
   * a large team takes minutes; this is its progress.
   */
  received?: number;
  /** Local changes not yet acknowledged by the server. */
  pending: number;
  /** The last failure, in a sentence, until a sync succeeds; with when the next try is due. */
  error?: { message: string; at: number; retryAt?: number };
  refused: RefusedChange[];
}

/** What the background's sync engine offers the messaging handlers. */
export interface SyncService {
  status(): Promise<SyncStatus>;
  /**
   * Checks the URL and token (`GET /v1/me`), stores them and starts the first sync, which
   * uploads the local data once; answers without waiting for that sync (see `received`).
   * Throws an Error whose message the options page shows.
   */
  connect(url: string, token: string): Promise<SyncStatus>;
  /** Forgets the server, token and cursor; every local row and pending change stays. */
  disconnect(): Promise<SyncStatus>;
  /** Syncs now (one sync at a time: joins a sync that is running, then runs once more). */
  syncNow(): Promise<SyncStatus>;
  resolve(mutationId: string, resolution: RefusalResolution): Promise<SyncStatus>;
}
