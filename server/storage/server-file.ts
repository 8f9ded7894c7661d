import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `<data>/server.json`: how a command reaches the server that owns the data directory. The
 * admin secret in it is what the server's local admin endpoints accept, so the file is
 * readable by its owner only (0600), like an SSH key.
 */

export const SERVER_FILE = 'server.json';

export interface ServerFile {
  port: number;
  pid: number;
  adminSecret: string;
}

export function newAdminSecret(): string {
  return `kshadm_${randomBytes(32).toString('base64url')}`;
}

export function writeServerFile(dataDir: string, info: ServerFile): void {
  const file = path.join(dataDir, SERVER_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  // Written aside and renamed, so a reader never sees half a file; mode set at creation so
  // the secret is never readable by others, not even for a moment.
  fs.writeFileSync(tmp, JSON.stringify(info), { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export function readServerFile(dataDir: string): ServerFile | null {
  try {
    const info = JSON.parse(
      fs.readFileSync(path.join(dataDir, SERVER_FILE), 'utf8'),
    ) as Partial<ServerFile>;
    if (
      typeof info.port !== 'number' ||
      typeof info.pid !== 'number' ||
      typeof info.adminSecret !== 'string'
    ) {
      return null;
    }
    return { port: info.port, pid: info.pid, adminSecret: info.adminSecret };
  } catch {
    return null;
  }
}

/** Removes the file if it is this process's. */
export function removeServerFile(dataDir: string): void {
  if (readServerFile(dataDir)?.pid === process.pid) {
    fs.rmSync(path.join(dataDir, SERVER_FILE), { force: true });
  }
}
