import { KesherDB, type KesherDbDeps } from './schema';

const open = new Map<string, KesherDB>();

/**
 * The background's database: one connection per name for the worker's lifetime, since every
 * handler shares it and Dexie opens it lazily on first use. `deps` only matters on the first
 * call for a name (tests pass fake-indexeddb).
 */
export function openDb(name = 'kesher', deps?: KesherDbDeps): KesherDB {
  let db = open.get(name);
  if (!db) {
    db = new KesherDB(name, deps);
    open.set(name, db);
  }
  return db;
}
