import { describe, expect, it } from 'vitest';
import { parseDisplayedDate } from './parse-date';

// Local time on purpose: the page shows the user's time zone and the parser reads it so.
const local = (y: number, m: number, d: number, h: number, min: number) =>
  new Date(y, m - 1, d, h, min).getTime();

describe('parseDisplayedDate', () => {
  it.each([
    ['Mon, Nov 23, 2026, 10:15 AM', local(2026, 11, 23, 10, 15)],
    ['Mon, Nov 23, 2026, 10:15\u202fAM', local(2026, 11, 23, 10, 15)],
    ['Mon, Nov 23, 2026, 12:05 AM', local(2026, 11, 23, 0, 5)],
    ['Mon, Nov 23, 2026, 12:05 PM', local(2026, 11, 23, 12, 5)],
    ['Mon, Nov 23, 2026, 7:30 pm', local(2026, 11, 23, 19, 30)],
    ['Mon, Nov 23, 2026 at 9:41 AM', local(2026, 11, 23, 9, 41)],
    ['Monday, November 23, 2026 at 10:15 AM', local(2026, 11, 23, 10, 15)],
    ['Mon, 23 Nov 2026, 10:15', local(2026, 11, 23, 10, 15)],
    ['Sat, May 2, 2026, 8:00 AM', local(2026, 5, 2, 8, 0)],
    ['יום ב׳, 23 בנוב׳ 2026, 10:15', local(2026, 11, 23, 10, 15)],
    ['יום שני, 23 בנובמבר 2026 בשעה 10:15', local(2026, 11, 23, 10, 15)],
    ['\u200fיום ו׳, 1 במאי 2026, 23:59', local(2026, 5, 1, 23, 59)],
    ['pirmd., 2026. g. 23. nov. 10:15', local(2026, 11, 23, 10, 15)],
    ['pirmdiena, 2026. gada 23. novembris 10:15', local(2026, 11, 23, 10, 15)],
    ['2026. gada 5. marts 08:00', local(2026, 3, 5, 8, 0)],
    ['23.11.2026, 10:15', local(2026, 11, 23, 10, 15)],
    ['11/23/2026, 10:15 AM', local(2026, 11, 23, 10, 15)],
  ])('%j', (text, expected) => {
    expect(parseDisplayedDate(text)).toBe(expected);
  });

  it.each([
    '',
    null,
    undefined,
    'yesterday',
    '10:15 AM',
    '10:15 AM (5 hours ago)',
    'Nov 23, 10:15 AM',
    'Mon, Feb 30, 2026, 10:15 AM',
    'Mon, Nov 23, 2026, 25:15',
    'Mon, Nov 23, 2026, 13:15 PM',
    'Mon, Nov 23, 2026, 10:75 AM',
    'Mon, Foo 23, 2026, 10:15 AM',
    `Mon, Nov 23, 2026, 10:15 AM ${'x'.repeat(500)}`,
  ])('%j is unreadable', (text) => {
    expect(parseDisplayedDate(text)).toBeUndefined();
  });
});
