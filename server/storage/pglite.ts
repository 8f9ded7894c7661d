import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';

/**
 * Embedded PostgreSQL (PGlite) for Kysely, made safe for a server.
 *
 * Two things PGlite does not do on its own:
 *
 * 1. **Serialise sessions.** PGlite is one Postgres backend in single-user mode: one session.
 *    kysely-pglite hands every Kysely "connection" the same session, so two requests in
 *    flight would interleave their BEGIN…COMMIT and one could commit the other's half-done
 *    work. The driver below lets one connection out at a time (Kysely holds a connection for
 *    a whole transaction), as Kysely's own SQLite driver does.
 *
 * 2. **Durability.** PGlite starts Postgres with `-F` (fsync off), and even with fsync on,
 *    Emscripten's NODEFS gives files no `fsync`, so Postgres's WAL flush never reaches the
 *    disk (electric-sql/pglite#1107). `durable: true` starts Postgres without `-F`, makes it
 *    flush the WAL with `fsync` (`fdatasync` is a no-op syscall in this build), and gives
 *    NODEFS an `fsync` that calls the host's, on files and on directories (checked with strace:
 *    one fsync(2) per commit). A commit that returned has then been fsynced, as PostgreSQL
 *    proper does it: it survives a killed process, and an operating-system crash or power loss
 *    as far as the disk honours fsync. Without it (tests, `durable: false`), a commit survives
 *    a killed process (NODEFS writes through to the host file at once) but not an OS crash.
 *    This patches PGlite's file layer: re-check it when upgrading @electric-sql/pglite
 *    (pinned in package.json).
 */

export interface PgliteOptions {
  /** A directory (created when missing), or undefined for an in-memory database. */
  dataDir?: string;
  durable: boolean;
  /** A dump (`PGlite.dumpDataDir`) to start a new database from instead of running initdb. */
  loadDataDir?: Blob;
}

type NodeFsModule = {
  NODEFS: {
    stream_ops: { fsync?: (stream: NodeFsStream) => number };
    realPath(node: unknown): string;
  };
};
type NodeFsStream = { nfd?: number; node: unknown };

export async function openPglite(opts: PgliteOptions): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const seed = opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {};
  if (!opts.dataDir) return PGlite.create(seed);
  // PGlite writes its files readable by all (0666); a private directory keeps them private.
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  if (!opts.durable) return PGlite.create(opts.dataDir, seed);

  const { NodeFS } = await import('@electric-sql/pglite/nodefs');
  class DurableNodeFS extends NodeFS {
    override async init(...args: Parameters<InstanceType<typeof NodeFS>['init']>) {
      const result = await super.init(...args);
      const preRun = result.emscriptenOpts.preRun ?? [];
      result.emscriptenOpts.preRun = [
        ...preRun,
        (mod: unknown) => addHostFsync(mod as NodeFsModule),
      ];
      return result;
    }
  }
  const startParams = [
    ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
    '-c',
    'wal_sync_method=fsync',
  ];
  return PGlite.create({ fs: new DurableNodeFS(opts.dataDir), startParams, ...seed });
}

function addHostFsync(mod: NodeFsModule): void {
  const nodefs = mod.NODEFS;
  // Loud, not silently undurable, if an upgrade of PGlite changed what this relies on.
  if (!nodefs?.stream_ops || typeof nodefs.realPath !== 'function') {
    throw new Error(
      'This PGlite build has no NODEFS to make durable; see server/storage/pglite.ts',
    );
  }
  nodefs.stream_ops.fsync = (stream) => {
    if (stream.nfd !== undefined) {
      fs.fsyncSync(stream.nfd);
      return 0;
    }
    // NODEFS keeps host descriptors for regular files only; Postgres also fsyncs directories
    // (a new WAL segment, a renamed file), so open the directory on the host to flush it.
    const fd = fs.openSync(nodefs.realPath(stream.node), 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return 0;
  };
}

/** A Kysely dialect over one PGlite instance, one connection out at a time. */
export async function pgliteDialect(pg: PGlite): Promise<Dialect> {
  const { KyselyPGlite } = await loadKyselyPglite();
  const base = new KyselyPGlite(pg).dialect;
  return { ...base, createDriver: () => new SerialDriver(base.createDriver()) };
}

type KyselyPgliteModule = typeof import('kysely-pglite');

/**
 * kysely-pglite's entry point also loads its code generator and CLI (oclif, kysely-codegen):
 * about two seconds at every start for code the server never runs. Its dialect is one module
 * of the package (pinned in package.json), loaded by its file URL; should that ever fail, the
 * entry point is the fallback.
 */
async function loadKyselyPglite(): Promise<Pick<KyselyPgliteModule, 'KyselyPGlite'>> {
  try {
    const entry = import.meta.resolve('kysely-pglite');
    return (await import(new URL('./kysely-pglite.js', entry).href)) as Pick<
      KyselyPgliteModule,
      'KyselyPGlite'
    >;
  } catch {
    return import('kysely-pglite');
  }
}

class SerialDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const release = this.release;
    this.release = null;
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async destroy(): Promise<void> {
    // Wait for the connection in use, so closing never cuts a transaction in half.
    await this.queue;
    await this.inner.destroy();
  }
}
