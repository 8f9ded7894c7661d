import { CHANNELS } from '../lib/model/constants';
import type { Channel, Customer, Direction } from '../lib/model';

// Value lists come from zod-free modules (or are spelt out here, checked against the model's
// types below) so the content script that bundles these components does not pull in zod.

export { CHANNELS };

/** Text-presentation symbols (U+FE0E) so they take the text colour instead of emoji colours. */
export const CHANNEL_ICONS: Record<Channel, string> = {
  email: '\u2709\uFE0E', // ✉
  phone: '\u260E\uFE0E', // ☎
  sms: '\u2706\uFE0E', // ✆
  fax: '\u213B', // ℻
  chat: '\u275D', // ❝
  meeting: '\u2687', // ⚇
  visit: '\u2302', // ⌂
  ticket: '#',
  note: '\u270E\uFE0E', // ✎
};

/** The channels an agent logs by hand; email is logged from the thread itself. */
export const MANUAL_CHANNELS = [
  'phone',
  'sms',
  'fax',
  'chat',
  'meeting',
  'visit',
  'ticket',
  'note',
] as const satisfies readonly Channel[];

export const DIRECTIONS = [
  'inbound',
  'outbound',
  'internal',
] as const satisfies readonly Direction[];

/** Drawn for left-to-right; the stylesheet mirrors them in a right-to-left sidebar. */
export const DIRECTION_ARROWS: Record<Direction, string> = {
  inbound: '\u2199', // ↙
  outbound: '\u2197', // ↗
  internal: '\u2194', // ↔
};

export type AcquisitionChannel = NonNullable<Customer['acquisition']['channel']>;
export const ACQUISITION_CHANNELS = [
  'referral',
  'web',
  'search',
  'social',
  'email',
  'event',
  'cold',
  'partner',
  'other',
] as const satisfies readonly AcquisitionChannel[];

/** Fails to compile when the model gains a value these lists do not have. */
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const _complete: [
  Covers<Direction, (typeof DIRECTIONS)[number]>,
  Covers<AcquisitionChannel, (typeof ACQUISITION_CHANNELS)[number]>,
] = [true, true];
void _complete;
