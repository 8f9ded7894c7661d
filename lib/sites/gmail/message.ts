import type { ParticipantRole } from '../../model';
import { isInside, oneLine, queryAll, queryFirst } from '../dom';
import { parseDisplayedDate } from '../parse-date';
import type { SeenAddress } from '../participant-set';
import { roleFromLabel } from './role-labels';
import * as sel from './selectors';

export interface GmailMessage {
  id: string;
  /** Header addresses, the sender's first. */
  addresses: SeenAddress[];
  /** The raw address of the sender, when the header shows one. */
  sender?: string;
  at?: number;
}

/**
 * True for elements of this message's header: inside this message and no nested one, and
 * outside the body and quoted text, where a hostile sender controls the markup.
 */
export function inHeaderOf(message: Element): (el: Element) => boolean {
  const boundary = sel.messageBoundary.join(', ');
  return (el) => el.closest(boundary) === message && !isInside(el, sel.untrusted);
}

function messageId(el: Element): string | undefined {
  const raw = el.getAttribute('data-message-id') || el.getAttribute('data-legacy-message-id');
  const id = oneLine(raw, 301);
  return id.length > 0 && id.length <= 300 ? id : undefined;
}

/** The role a details row ("cc:") gives the address, when it sits in one of this message. */
function statedRole(el: Element, message: Element): ParticipantRole | undefined {
  const row = el.closest('tr');
  if (!row || !message.contains(row) || !isInside(row, sel.detailsTable)) return undefined;
  const label = queryFirst(row, sel.detailsLabel, (cell) => cell.closest('tr') === row);
  return label ? roleFromLabel(label.textContent ?? '') : undefined;
}

function seen(el: Element, message: Element, isSender: boolean): SeenAddress {
  const stated = statedRole(el, message);
  return {
    email: el.getAttribute('email'),
    name: oneLine(el.getAttribute('name') || el.textContent),
    role: stated ?? (isSender ? 'from' : 'to'),
    roleKnown: stated !== undefined || isSender,
    // The collapsed line shows first names and "me"; the sender line and details, full names.
    nameQuality: isInside(el, sel.collapsedRecipients) ? 1 : 2,
  };
}

/** One message's id, header addresses and date; undefined when it carries no id. */
export function readMessage(message: Element): GmailMessage | undefined {
  const id = messageId(message);
  if (id === undefined) return undefined;
  const inHeader = inHeaderOf(message);
  const senders = queryAll(message, sel.sender, inHeader);
  const recipients = queryAll(
    message,
    sel.recipients,
    (el) => inHeader(el) && !senders.includes(el),
  );
  const dateEl = queryFirst(message, sel.date, inHeader);
  return {
    id,
    addresses: [
      ...senders.map((el) => seen(el, message, true)),
      ...recipients.map((el) => seen(el, message, false)),
    ],
    sender: senders[0]?.getAttribute('email') ?? undefined,
    at: parseDisplayedDate(dateEl?.getAttribute('title')),
  };
}
