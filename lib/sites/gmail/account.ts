import { normalizeEmail } from '../../identity/email';
import { isInside, queryAll } from '../dom';
import * as sel from './selectors';

const IN_PARENS = /\(([^()\s]+@[^()\s]+)\)/;
const ANY_ADDRESS = /[^\s()<>]+@[^\s()<>]+/;

function addressIn(label: string | null): string | undefined {
  if (!label || label.length > 1_000) return undefined;
  const found = IN_PARENS.exec(label)?.[1] ?? ANY_ADDRESS.exec(label)?.[0];
  return normalizeEmail(found) ?? undefined;
}

/**
 * The signed-in mailbox: from the account button in the Google bar, else from the title,
 * "Inbox (3) - agent@company.com - Gmail", where the address is always the part before the
 * last (a subject in front of it may itself contain " - " and addresses).
 */
export function signedInAccount(doc: Document): string | undefined {
  const buttons = queryAll(doc, sel.account, (el) => !isInside(el, sel.accountMustBeOutside));
  for (const button of buttons) {
    const email = addressIn(button.getAttribute('aria-label'));
    if (email) return email;
  }
  const parts = (doc.title ?? '').split(' - ');
  if (parts.length < 3) return undefined;
  const part = (parts[parts.length - 2] ?? '').replace(/[\u200e\u200f\u202a-\u202e]/g, '');
  return normalizeEmail(part) ?? undefined;
}
