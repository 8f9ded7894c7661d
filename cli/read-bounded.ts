import { readFile, stat } from 'node:fs/promises';
import { CliError } from './io';

function describeFsError(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new CliError(`no such file: ${path}`);
  if (code === 'EACCES' || code === 'EPERM')
    return new CliError(`cannot read ${path}: permission denied`);
  return new CliError(
    `cannot read ${path}: ${(error as Error | undefined)?.message ?? String(error)}`,
  );
}

/**
 * The bytes of a regular file no larger than `maxBytes`, or a CliError saying why not
 * (missing, unreadable, a directory, too large). `kind` names the file in the messages
 * ("data file", "saved page"); `refusal` is the size sentence's tail.
 */
export async function readBoundedFile(
  path: string,
  limit: { maxBytes: number; kind: string; refusal: string },
): Promise<Buffer> {
  const info = await stat(path).catch((error: unknown) => {
    throw describeFsError(path, error);
  });
  if (info.isDirectory()) throw new CliError(`${path} is a directory, not a ${limit.kind}`);
  if (!info.isFile()) throw new CliError(`${path} is not a regular file`);
  if (info.size > limit.maxBytes) {
    const mb = (info.size / 1024 / 1024).toFixed(1);
    throw new CliError(`${path} is ${mb} MB; ${limit.refusal}`);
  }
  return readFile(path).catch((error: unknown) => {
    throw describeFsError(path, error);
  });
}
