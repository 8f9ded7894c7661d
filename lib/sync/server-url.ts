import { SyncError } from './sync-error';

/**
 * The sync server's address as the user typed it, made canonical: https, or http only to
 * this machine (a server the user runs locally), no credentials, query or fragment, no
 * trailing slash. A path is kept: a server may live under one behind a proxy.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function normaliseServerUrl(input: string): string {
  const text = input.trim();
  if (text === '')
    throw new SyncError("Enter the sync server's address, such as https://kesher.example.com.");
  // Without a scheme: https, except for this machine, where a server usually runs on http.
  let withScheme = text;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const host = text.split(/[/:]/)[0]!.toLowerCase();
    withScheme = `${LOOPBACK.has(host) || text.startsWith('[::1]') ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new SyncError(`"${text.slice(0, 200)}" is not a web address.`);
  }
  const local = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new SyncError(
      'The sync server must be reached over https:// (http:// only on this computer: localhost or 127.0.0.1).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new SyncError(
      'Leave the user name and password out of the address; the token identifies you.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new SyncError('The address of the sync server has no "?" or "#" part.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
