import { MONTH_NAMES } from './month-names';

/**
 * Reads the dates mail sites print in a message header ("Mon, Nov 23, 2026, 10:15 AM",
 * "יום ב׳, 23 בנוב׳ 2026, 10:15", "pirmd., 2026. g. 23. nov. 10:15") into epoch ms.
 * Month names are CLDR's (month-names.ts) for the product's languages. The page does not say its time zone; sites show the user's, which is normally
 * the browser's, so the date is read as local time. Undefined when it cannot be read.
 */
const MAX_INPUT = 200;

export function monthKey(word: string): string {
  // Abbreviation dots, Hebrew geresh/gershayim and apostrophes vary between forms.
  return word.toLocaleLowerCase().replace(/[.'’\u05f3\u05f4"]/g, '');
}

const MONTHS = new Map(
  MONTH_NAMES.flatMap((names, month) => names.map((n) => [n, month] as const)),
);
const months = () => MONTHS;

function monthOf(word: string): number | undefined {
  const key = monthKey(word);
  // Hebrew writes "in November" as one word: ב + the month.
  return months().get(key) ?? (key.startsWith('ב') ? months().get(key.slice(1)) : undefined);
}

export function parseDisplayedDate(text: string | null | undefined): number | undefined {
  if (!text || text.length > MAX_INPUT) return undefined;
  let s = text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu, ' ').toLocaleLowerCase();

  const time = /(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\b\.?)?/.exec(s);
  if (!time) return undefined;
  s = `${s.slice(0, time.index)} ${s.slice(time.index + time[0].length)}`;
  const yearMatch = /(?<!\d)(\d{4})(?!\d)/.exec(s);
  if (!yearMatch) return undefined;
  s = `${s.slice(0, yearMatch.index)} ${s.slice(yearMatch.index + yearMatch[0].length)}`;

  const numbers = [...s.matchAll(/(?<!\d)\d{1,2}(?!\d)/g)].map((m) => Number(m[0]));
  const words = s.match(/\p{L}[\p{L}\p{M}.'’\u05f3\u05f4]*/gu) ?? [];
  const named = words.map(monthOf).find((m) => m !== undefined);
  let month: number | undefined;
  let day: number | undefined;
  if (named !== undefined) {
    month = named;
    day = numbers[0];
  } else if (numbers.length >= 2) {
    // Numeric dates: "11/23/2026" is the US order, "23.11.2026" the European one.
    const us = s.includes('/');
    month = (us ? numbers[0]! : numbers[1]!) - 1;
    day = us ? numbers[1] : numbers[0];
  }
  if (month === undefined || day === undefined) return undefined;

  const year = Number(yearMatch[1]);
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  if (time[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (time[3] === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  const date = new Date(year, month, day, hour, minute);
  const roundTrips =
    date.getFullYear() === year && date.getMonth() === month && date.getDate() === day;
  return roundTrips && date.getTime() >= 0 ? date.getTime() : undefined;
}
