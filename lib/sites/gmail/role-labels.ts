import type { ParticipantRole } from '../../model';

/**
 * The labels of Gmail's expanded details rows, in the product's languages, lower case and
 * without the colon. An unknown label (another language, a "reply-to:" row) leaves the role
 * to the caller's fallback.
 */
const LABELS: Readonly<Record<string, ParticipantRole>> = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  bcc: 'bcc',
  // Hebrew
  מאת: 'from',
  אל: 'to',
  עותק: 'cc',
  'עותק מוסתר': 'bcc',
  // Latvian
  no: 'from',
  kam: 'to',
  kopija: 'cc',
  'diskrētā kopija': 'bcc',
};

export function roleFromLabel(label: string): ParticipantRole | undefined {
  const key = label
    .replace(/[\u200e\u200f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*:$/, '')
    .toLocaleLowerCase();
  return Object.hasOwn(LABELS, key) ? LABELS[key] : undefined;
}
