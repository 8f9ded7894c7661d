import { describe, expect, it } from 'vitest';
import { formatColumns, formatIdentifyReport, terminalSafe } from './format-table';

describe('terminalSafe', () => {
  it('defuses escape sequences and bidi overrides but keeps Hebrew and Latvian text', () => {
    expect(terminalSafe('\u001b[2J\u001b]0;pwned\u0007Dana')).toBe(
      '\uFFFD[2J\uFFFD]0;pwned\uFFFDDana',
    );
    expect(terminalSafe('abc\u202edcba')).toBe('abc\uFFFDdcba');
    expect(terminalSafe('דנה לוי, Jānis Ozols')).toBe('דנה לוי, Jānis Ozols');
  });
});

describe('formatColumns', () => {
  it('pads every column but the last', () => {
    expect(
      formatColumns([
        ['a', 'bb', 'c'],
        ['ddd', 'e', ''],
      ]),
    ).toBe('a    bb  c\nddd  e');
  });
});

describe('formatIdentifyReport', () => {
  it('shows the facts, then one line per participant', () => {
    const text = formatIdentifyReport(
      {
        site: 'gmail',
        url: 'https://mail.google.com/mail/u/0/#inbox',
        threadId: null,
        subject: '',
        participants: [{ email: 'a@b.lv', name: 'A\nB', role: 'from' }],
        messageIds: ['m1'],
      },
      'agent@kesher-demo.com',
    );
    expect(text).toBe(
      [
        'Site       gmail',
        'URL        https://mail.google.com/mail/u/0/#inbox',
        'Thread     (none)',
        'Subject    (no subject)',
        'Messages   1',
        'Signed in  agent@kesher-demo.com',
        '',
        'ROLE  EMAIL   NAME',
        'from  a@b.lv  A\uFFFDB',
      ].join('\n'),
    );
  });
});
