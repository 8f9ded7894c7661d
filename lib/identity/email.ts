import { normalizeHost } from './host';

/** Hostile pages can hand us megabytes in an attribute: refuse before doing any work. */
const MAX_INPUT = 1_000;
/**
 * RFC 5322 dot-atom. Quoted local parts ("<script>"@x) are legal but never seen from real
 * customers, and refusing them keeps markup out of every stored address.
 */
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * The one lower-case form an address is stored and compared in, or null when `raw` is not a
 * plausible single address. Local parts are lower-cased too: the RFC allows case-sensitive
 * mailboxes, but no provider customers use does that, and matching must not miss "Dana@".
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_INPUT) return null;
  let s = unbracket(raw.trim());
  if (/^mailto:/i.test(s)) {
    // A mailto: link may carry "?subject=…" and percent-escapes; only the address counts.
    s = s.slice('mailto:'.length).split('?')[0] ?? '';
    try {
      s = unbracket(decodeURIComponent(s).trim());
    } catch {
      return null;
    }
  }
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return null;
  const local = s.slice(0, at).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local)) return null;
  const host = normalizeHost(s.slice(at + 1));
  if (host === null) return null;
  const email = `${local}@${host}`;
  // RFC 5321 caps a forward path at 256 octets including the angle brackets.
  return email.length <= 254 ? email : null;
}

function unbracket(s: string): string {
  return s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1).trim() : s;
}

/** The host part of an already normalised address. */
export function emailHost(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
