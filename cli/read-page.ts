import { CliError } from './io';
import { readBoundedFile } from './read-bounded';

/** Far above any saved mail page; beyond it jsdom would take minutes and gigabytes. */
export const MAX_PAGE_BYTES = 50 * 1024 * 1024;
const SNIFF_CHARS = 64 * 1024;

/** What "Save page as…" writes: an HTML document, not MHTML, a PDF or a screenshot. */
function checkLooksLikeHtml(path: string, text: string): void {
  const head = text
    .slice(0, SNIFF_CHARS)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(from|mime-version|content-type):/i.test(head)) {
    throw new CliError(`${path} is an MHTML archive; save the page as "Webpage, HTML only"`);
  }
  if (!head.startsWith('<') || !/<(!doctype\s+html|html|body)[\s>]/i.test(head)) {
    throw new CliError(`${path} does not look like an HTML page`);
  }
}

/** The text of a saved page, or a CliError saying why it cannot be one. */
export async function readSavedPage(path: string): Promise<string> {
  const bytes = await readBoundedFile(path, {
    maxBytes: MAX_PAGE_BYTES,
    kind: 'saved page',
    refusal: 'saved pages over 50 MB are refused',
  });
  if (bytes.subarray(0, SNIFF_CHARS).includes(0)) {
    throw new CliError(`${path} is binary, not an HTML page`);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.trim() === '') throw new CliError(`${path} is empty`);
  checkLooksLikeHtml(path, text);
  return text;
}

/**
 * Parses a saved page as the browser would, inertly: scripts are not run, nothing is fetched,
 * and the page's console noise (CSS it cannot parse) is dropped. jsdom is loaded only here:
 * it takes seconds to load, which `--help` and refusals should not pay.
 */
export async function parsePage(
  html: string,
  url: string,
): Promise<{ document: Document; close(): void }> {
  const { JSDOM, VirtualConsole } = await import('jsdom');
  const dom = new JSDOM(html, {
    url,
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
  });
  return { document: dom.window.document, close: () => dom.window.close() };
}
