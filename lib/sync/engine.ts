import { metaRow, readMeta } from '../db/meta';
import type { KesherDB } from '../db/schema';
import type { ChangedRef } from '../db/write';
import type { SkippedRow } from './apply-remote';
import { backoffDelay } from './backoff';
import { PAGE_LIMIT, pullAll } from './pull';
import { pushAll } from './push';
import { listRefusals } from './refusals';
import { dismissRefusal, mergeRefusedCustomer } from './resolve';
import { REUPLOAD_SCOPE, reuploadAllInTx } from './reupload';
import { normaliseServerUrl } from './server-url';
import type { StoredConnection, SyncHealth } from './stored';
import type { RemoteChange } from './wire';
import { readConnection, readHealth, writeHealth } from './sync-meta';
import { httpTransport, type FetchLike, type Transport, type TransportOptions } from './transport';
import { SyncTransportError, isTransportError } from './transport-error';
import { UNAUTHORIZED, connectFailure, messageOf } from './messages';
import type {
  RefusalResolution,
  SyncConnection,
  SyncPhase,
  SyncService,
  SyncStatus,
} from './types';
import { SyncError } from './sync-error';

/**
 * The background's sync engine. All its state that matters lives in the database (meta,
 * outbox, refusals): the service worker is stopped and started at will, and a new engine on
 * the same database carries on where the last one stopped (cursor, backoff, refusals).
 *
 * A sync: push the whole outbox, pull until the server has no more, and go round again
 * (at most three times) while local writes arrived meanwhile. One at a time: a sync asked for
 * while one runs joins a single follow-up run, which sees the writes the running one missed.
 */

export interface SyncEngineOptions {
  db: KesherDB;
  /** The background passes nothing (the browser's fetch); tests an in-process server's. */
  fetch?: FetchLike;
  /** Makes the transport for a connection; tests wrap it to lose answers or replay requests. */
  transport?: (opts: TransportOptions) => Transport;
  now?: () => number;
  /** Jitter of the backoff (0..1). */
  random?: () => number;
  /** After remote rows (or reverted ones, or a merge) are committed: refresh sidebars, analytics. */
  onChanged?: (refs: ChangedRef[]) => void;
  /** Pulled rows the model refused (a broken server, or a newer model): not stored. */
  onSkipped?: (rows: SkippedRow[]) => void;
  /**
   * Around each sync, however it ends: the background holds the analytics job's work for the
   * sync's pages until the end (lib/jobs/sync-batch.ts).
   */
  onSyncStart?: () => void;
  onSyncEnd?: () => void;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  pageLimit?: number;
}

/** Rounds of push-then-pull in one sync while local writes keep arriving. */
const MAX_ROUNDS = 3;

export class SyncEngine implements SyncService {
  private readonly db: KesherDB;
  private readonly now: () => number;
  private phase: SyncPhase = 'idle';
  /** Changes received by the running sync (its progress, in the status). */
  private received = 0;
  /** Every sync and every change of connection runs after the previous one: one at a time. */
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private controller: AbortController | null = null;
  /** Bumped by connect and disconnect: syncs queued before them have nothing left to do. */
  private epoch = 0;

  constructor(private readonly opts: SyncEngineOptions) {
    this.db = opts.db;
    this.now = opts.now ?? Date.now;
  }

  async status(): Promise<SyncStatus> {
    const [connection, health, pending, refused] = await Promise.all([
      readConnection(this.db),
      readHealth(this.db),
      this.db.outbox.count(),
      listRefusals(this.db),
    ]);
    const retryAt = health.error?.retryAt;
    const waiting = retryAt !== undefined && retryAt > this.now();
    return {
      connection: connection ? publicConnection(connection) : null,
      phase: this.phase === 'idle' && waiting && connection ? 'backing-off' : this.phase,
      ...(health.lastSyncAt === undefined ? {} : { lastSyncAt: health.lastSyncAt }),
      ...(this.phase === 'idle' || this.received === 0 ? {} : { received: this.received }),
      pending,
      ...(health.error ? { error: health.error } : {}),
      refused,
    };
  }

  /**
   * When the next automatic sync may run (ms): 0 when nothing holds it back, later while
   * backing off, null when none should (not connected, or the token was refused).
   */
  async nextAttemptAt(): Promise<number | null> {
    const [connection, health] = await Promise.all([readConnection(this.db), readHealth(this.db)]);
    if (!connection || health.stopped) return null;
    return health.error?.retryAt ?? 0;
  }

  /** For the alarm, a local write or a sidebar opening: syncs unless backing off or stopped. */
  async syncIfDue(): Promise<SyncStatus> {
    const at = await this.nextAttemptAt();
    if (at === null || at > this.now()) return this.status();
    return this.syncNow();
  }

  async syncNow(): Promise<SyncStatus> {
    await this.requestSync();
    return this.status();
  }

  async connect(url: string, token: string): Promise<SyncStatus> {
    const base = normaliseServerUrl(url);
    const secret = token.trim();
    if (secret === '') throw new SyncError('Paste the token your team admin gave you.');
    // Printable ASCII only: anything else cannot go into a header (fetch would throw a
    // TypeError the user could not act on) and is not part of any token.
    if (!/^[\x21-\x7e]+$/.test(secret)) {
      throw new SyncError('A token has no spaces, line breaks or accents: copy it again.');
    }
    await this.exclusive(
      async () => {
        let me;
        try {
          me = await this.transport(base, secret).me();
        } catch (error) {
          throw new SyncError(connectFailure(error, base), { cause: error });
        }
        const now = this.now();
        const connection: StoredConnection = {
          url: base,
          token: secret,
          email: me.user.email,
          role: me.user.role,
          teamName: me.team.name,
          teamId: me.team.id,
          userId: me.user.id,
          connectedAt: now,
        };
        await this.db.transaction('rw', REUPLOAD_SCOPE, async () => {
          const origin = await readMeta(this.db, 'syncOrigin');
          if (origin && origin.teamId !== me.team.id) await reuploadAllInTx(this.db, now);
          await this.db.meta.bulkPut([
            metaRow('syncConnection', connection),
            metaRow('syncOrigin', { url: base, teamId: me.team.id }),
            metaRow('syncHealth', { failures: 0 }),
          ]);
          // Pull everything again: cheap under last-writer-wins, and it picks up what this
          // replica missed while disconnected.
          await this.db.meta.delete('syncCursor');
        });
      },
      { interrupt: true },
    );
    // Answered now, not after the first sync: a large team's takes minutes, longer than a
    // message to the options page may stay open. Its progress shows in the status (phase,
    // then lastSyncAt or the error).
    void this.requestSync().catch(() => undefined);
    return this.status();
  }

  /** Resolves once no sync or change of connection is running or queued (tests, bench). */
  async whenIdle(): Promise<void> {
    let tail;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  async disconnect(): Promise<SyncStatus> {
    await this.exclusive(
      () =>
        this.db.transaction('rw', 'meta', () =>
          this.db.meta.bulkDelete(['syncConnection', 'syncCursor', 'syncHealth']),
        ),
      { interrupt: true },
    );
    return this.status();
  }

  async resolve(mutationId: string, resolution: RefusalResolution): Promise<SyncStatus> {
    const changed = await this.exclusive(async () => {
      const refusal = await this.db.refusals.get(mutationId);
      if (!refusal) throw new SyncError('This refused change is no longer listed.');
      const now = this.now();
      if (resolution === 'merge' && (refusal.code !== 'email_taken' || !refusal.conflictWith)) {
        throw new SyncError(
          'Only a customer refused for an address another customer has can be merged.',
        );
      }
      // Both resolutions of email_taken need the server's state of the row (see resolve.ts).
      const connection = await readConnection(this.db);
      let server: RemoteChange | null | undefined;
      if (refusal.code === 'email_taken' && connection) {
        try {
          server = await this.transport(connection.url, connection.token).row(
            refusal.table,
            refusal.id,
          );
        } catch (error) {
          throw new SyncError(
            `Could not ask the server for this ${refusal.table.replace(/s$/, '')}: ${messageOf(error)}`,
            { cause: error },
          );
        }
      }
      const ctx = { teamId: connection?.teamId, now };
      if (resolution === 'merge') return mergeRefusedCustomer(this.db, refusal, server, ctx);
      return dismissRefusal(this.db, refusal, server, ctx);
    });
    this.report(changed, []);
    if (changed.length > 0) return this.syncNow();
    return this.status();
  }

  /** Joins the queued sync, or queues one (which runs after any running one). */
  private requestSync(): Promise<void> {
    if (this.queued) return this.queued;
    const epoch = this.epoch;
    const run = this.tail.then(async () => {
      // From here on it runs: a later request queues the next one.
      if (this.queued === run) this.queued = null;
      if (epoch === this.epoch) await this.runOnce();
    });
    this.queued = run;
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `fn` after everything queued. With `interrupt` (a change of connection) a running
   * sync is cancelled (its progress so far is committed) and queued ones are skipped.
   */
  private exclusive<T>(fn: () => Promise<T>, opts: { interrupt?: boolean } = {}): Promise<T> {
    if (opts.interrupt) {
      this.epoch++;
      this.controller?.abort();
      // A sync asked for from now on runs after this change, not in a run that will be skipped.
      this.queued = null;
    }
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async runOnce(): Promise<void> {
    // Before the first await: a status asked for right after connect shows the sync running.
    this.phase = 'pushing';
    this.received = 0;
    let connection: StoredConnection | undefined;
    try {
      connection = await readConnection(this.db);
    } finally {
      if (!connection) this.phase = 'idle';
    }
    if (!connection) return;
    const controller = new AbortController();
    this.controller = controller;
    const ctx = {
      db: this.db,
      transport: this.transport(connection.url, connection.token, controller.signal),
      teamId: connection.teamId,
      now: this.now,
      pageLimit: this.opts.pageLimit ?? PAGE_LIMIT,
    };
    this.callHook(this.opts.onSyncStart);
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        this.phase = 'pushing';
        await pushAll(ctx, (o) => this.report(o.changed, o.skipped));
        this.phase = 'pulling';
        await pullAll(ctx, (r, received) => {
          this.received += received;
          this.report(r.changed, r.skipped);
        });
        if ((await this.db.outbox.count()) === 0) break;
      }
      await writeHealth(this.db, { lastSyncAt: this.now(), failures: 0 });
    } catch (error) {
      // Cancelled by connect or disconnect: not a failure of the server's.
      if (!controller.signal.aborted) await this.recordFailure(error);
    } finally {
      this.phase = 'idle';
      if (this.controller === controller) this.controller = null;
      this.callHook(this.opts.onSyncEnd);
    }
  }

  private async recordFailure(error: unknown): Promise<void> {
    const health = await readHealth(this.db);
    const now = this.now();
    const failures = health.failures + 1;
    const next: SyncHealth = { ...health, failures, stopped: undefined };
    if (isTransportError(error, 401)) {
      next.stopped = true;
      next.error = { message: UNAUTHORIZED, at: now };
    } else {
      const retryAfter = error instanceof SyncTransportError ? error.retryAfterMs : undefined;
      const delay = backoffDelay(failures, this.opts.random ?? Math.random, retryAfter);
      next.error = { message: messageOf(error), at: now, retryAt: now + delay };
    }
    await writeHealth(this.db, withoutUndefined(next));
  }

  private transport(url: string, token: string, signal?: AbortSignal): Transport {
    const options: TransportOptions = {
      url,
      token,
      fetch: this.opts.fetch,
      timeoutMs: this.opts.timeoutMs,
      signal,
      now: this.now,
    };
    return (this.opts.transport ?? httpTransport)(options);
  }

  private callHook(hook: (() => void) | undefined): void {
    try {
      hook?.();
    } catch {
      // As in report: the listener's failure must not fail the sync.
    }
  }

  private report(changed: ChangedRef[], skipped: SkippedRow[]): void {
    try {
      if (changed.length > 0) this.opts.onChanged?.(changed);
      if (skipped.length > 0) this.opts.onSkipped?.(skipped);
    } catch {
      // A listener's failure is the listener's: the rows are committed either way.
    }
  }
}

function publicConnection(c: StoredConnection): SyncConnection {
  return {
    url: c.url,
    email: c.email,
    role: c.role,
    ...(c.teamName === undefined ? {} : { teamName: c.teamName }),
    connectedAt: c.connectedAt,
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
