import { queryFirst } from '../dom';
import { messageElements } from './extract';
import { readMessage } from './message';
import * as sel from './selectors';

/** The model's bound on a stored body. */
const MAX_BODY = 20_000;
const BLOCK = /^(P|DIV|LI|TR|H[1-6]|TABLE|UL|OL|PRE)$/;

/** Text of a message body as a reader sees it: line breaks kept, quoted replies left out. */
function readableText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (sel.quoted.some((q) => el.matches(q))) return;
    if (el.tagName === 'BR') parts.push('\n');
    if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE') return;
    for (const child of el.childNodes) walk(child);
    if (BLOCK.test(el.tagName)) parts.push('\n');
  };
  walk(root);
  return parts
    .join('')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_BODY);
}

/**
 * The text of each message of the open thread, by message id. Read only when the team stores
 * bodies with logged emails (`logBodies`), and only as text.
 */
export function gmailMessageBodies(doc: Document): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const el of messageElements(doc)) {
    const id = readMessage(el)?.id;
    const bodyEl = queryFirst(el, sel.body);
    if (id && bodyEl && !(id in bodies)) bodies[id] = readableText(bodyEl);
  }
  return bodies;
}
