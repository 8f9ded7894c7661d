/**
 * Lower-case ASCII form of a DNS host name, or null when it is not a plausible public one.
 * `URL` does the IDN (punycode) conversion, so "München.de" and "xn--mnchen-3ya.de" compare
 * equal, and it is available in service workers, content scripts and Node alike.
 */
const MAX_INPUT = 1_000;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// A letters-only (or punycode) top-level label rules out IPv4 addresses such as 10.0.0.1.
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// Characters that URL would read as structure (port, path, userinfo) or percent-decode.
const STRUCTURAL = /[\s/?#@:[\]\\%<>"'`]/u;

export function normalizeHost(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_INPUT) return null;
  const host = raw.trim().replace(/\.$/, '');
  if (host.length === 0 || STRUCTURAL.test(host)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
  if (ascii.length > 253) return null;
  const labels = ascii.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(tld)) return null;
  return ascii;
}
