import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens: `ksh_` + 32 random bytes in base64url. Only their SHA-256 is stored: the
 * tokens have 256 bits of entropy, so a fast hash is enough (no password stretching) and a
 * leaked database gives no usable token.
 */

export const TOKEN = /^ksh_[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return `ksh_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from `Authorization: Bearer <token>`, or null when absent or not one of ours. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match && TOKEN.test(match[1]!) ? match[1]! : null;
}

/** Compares secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
