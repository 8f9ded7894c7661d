import { normalizeEmail } from '../../identity/email';
import type { PageContext, PageMessage } from '../../model';
import { isInside, oneLine, queryAll, queryFirst } from '../dom';
import { ParticipantSet } from '../participant-set';
import { signedInAccount } from './account';
import { readMessage } from './message';
import { threadIdFromUrl } from './routes';
import * as sel from './selectors';

export { signedInAccount } from './account';

/** The model's bounds: a longer thread is cut, not refused. */
const MAX_MESSAGES = 2_000;
const MAX_SUBJECT = 1_000;
const MAX_URL = 4_000;

type Root = Document | Element;

/**
 * Where the thread's messages are: the conversation container when it is found, else the
 * main region, else the whole page (a layout change should cost a fixture, not the feature).
 */
export function messageElements(doc: Document): Element[] {
  const outsideBodies = (el: Element) =>
    !isInside(el, sel.untrusted) &&
    el.parentElement?.closest(sel.messageBoundary.join(', ')) == null;
  const roots: Root[] = [
    queryFirst(doc, sel.thread),
    doc.querySelector('[role="main"]'),
    doc,
  ].filter((r): r is Root => r !== null);
  for (const root of roots) {
    const found = queryAll(root, sel.message, outsideBodies);
    if (found.length > 0) return found;
  }
  return [];
}

function subjectElement(doc: Document): Element | null {
  return queryFirst(doc, sel.subject, (el) => !isInside(el, sel.untrusted));
}

function threadIdFromPage(subject: Element | null): string | undefined {
  const id = oneLine(
    subject?.getAttribute('data-legacy-thread-id') || subject?.getAttribute('data-thread-perm-id'),
    301,
  );
  return id.length > 0 && id.length <= 300 ? id : undefined;
}

/**
 * The open Gmail thread as a PageContext, from the message headers only; null when the
 * page shows no thread (a list, settings, an empty preview pane).
 */
export function extractGmailThread(doc: Document, url: string): PageContext | null {
  const elements = messageElements(doc);
  if (elements.length === 0) return null;

  const participants = new ParticipantSet();
  const messages: PageMessage[] = [];
  const seenIds = new Set<string>();
  for (const el of elements) {
    const message = readMessage(el);
    if (!message || seenIds.has(message.id) || messages.length >= MAX_MESSAGES) continue;
    seenIds.add(message.id);
    for (const address of message.addresses) participants.add(address);
    const from = normalizeEmail(message.sender) ?? undefined;
    messages.push({ id: message.id, from, at: message.at });
  }
  if (messages.length === 0) return null;

  const subject = subjectElement(doc);
  const context: PageContext = {
    site: 'gmail',
    url: url.slice(0, MAX_URL),
    threadId: threadIdFromUrl(url) ?? threadIdFromPage(subject),
    subject: oneLine(subject?.textContent, MAX_SUBJECT),
    participants: participants.list(),
    messageIds: messages.map((m) => m.id),
    messages,
  };
  const account = signedInAccount(doc);
  if (account) context.account = account;
  return context;
}
