/**
 * Gmail's routes live in the URL hash: "#inbox/<thread>", "#label/Clients%2FVIP/<thread>",
 * "#search/<query>/<thread>", "#inbox" (a list), "#inbox/p2" (page 2 of the list).
 */

/** Hash routes whose second segment names a label, category or query, not a thread. */
const TWO_PART_ROUTES = new Set(['label', 'category', 'search', 'advanced-search', 'apps']);
/** Hash routes that never show a thread, whatever follows. */
const NO_THREAD_ROUTES = new Set(['settings', 'compose', 'create-filter', 'contacts', 'chat']);
/**
 * Thread ids: the current opaque form ("FMfcgzQXJWNvbxRk…", about 32 letters) and the legacy
 * hex form (16 digits). Both are long runs of letters and digits; a page token ("p2") or a
 * folder name is never that long.
 */
const THREAD_ID = /^[A-Za-z0-9]{16,64}$/;
const PAGE_TOKEN = /^p\d+$/;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Any Gmail page: the web client lives under https://mail.google.com/mail/. */
export function isGmailUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === 'https:' &&
    u.hostname === 'mail.google.com' &&
    /^\/mail(\/|$)/.test(u.pathname)
  );
}

/** The open thread's id from a Gmail URL, or undefined on lists and other pages. */
export function threadIdFromUrl(url: string): string | undefined {
  if (!isGmailUrl(url)) return undefined;
  const hash = (parse(url)?.hash ?? '').replace(/^#/, '').split('?')[0] ?? '';
  const segments = hash.split('/').filter((s) => s.length > 0);
  const route = segments[0] ?? '';
  if (segments.length < 2 || NO_THREAD_ROUTES.has(route)) return undefined;
  const candidate = TWO_PART_ROUTES.has(route)
    ? segments.length >= 3
      ? segments[segments.length - 1]
      : undefined
    : segments.length === 2
      ? segments[1]
      : undefined;
  if (candidate === undefined || PAGE_TOKEN.test(candidate) || !THREAD_ID.test(candidate)) {
    return undefined;
  }
  return candidate;
}

/** A Gmail URL with a thread open (full view or the preview pane). */
export function isGmailThreadUrl(url: string): boolean {
  return threadIdFromUrl(url) !== undefined;
}

/** A Gmail URL showing a list: a folder, label, category or search, any page of it. */
export function isGmailListUrl(url: string): boolean {
  if (!isGmailUrl(url) || isGmailThreadUrl(url)) return false;
  const hash = (parse(url)?.hash ?? '').replace(/^#/, '').split('?')[0] ?? '';
  const route = hash.split('/')[0] ?? '';
  return !NO_THREAD_ROUTES.has(route);
}
