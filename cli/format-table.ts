import type { Participant } from '../lib/model';

/**
 * Page text goes to a terminal: control characters (escape sequences) and bidi overrides
 * could rewrite what the user sees, so they are shown as "�".
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '\uFFFD');
}

/** Columns padded to their widest cell; the last column is not padded. */
export function formatColumns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export interface IdentifyReport {
  site: string;
  url: string;
  threadId: string | null;
  subject: string;
  participants: Participant[];
  messageIds: string[];
}

/** The human-readable form of `kesher identify`. */
export function formatIdentifyReport(report: IdentifyReport, account?: string): string {
  const facts: string[][] = [
    ['Site', report.site],
    ['URL', report.url],
    ['Thread', report.threadId ?? '(none)'],
    ['Subject', report.subject || '(no subject)'],
    ['Messages', String(report.messageIds.length)],
  ];
  if (account) facts.push(['Signed in', account]);
  const people = [
    ['ROLE', 'EMAIL', 'NAME'],
    ...report.participants.map((p) => [p.role, p.email, p.name]),
  ];
  const safe = (rows: string[][]) => rows.map((row) => row.map(terminalSafe));
  const body =
    report.participants.length > 0 ? formatColumns(safe(people)) : 'No participants found.';
  return `${formatColumns(safe(facts))}\n\n${body}`;
}
