import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatIsoDate,
  formatMoney,
  formatMonths,
  formatNumber,
  formatPercent,
  formatRegion,
  formatDayRelative,
  formatRelative,
  safeHttpUrl,
} from './format';

const NOW = Date.UTC(2025, 2, 14, 10, 30);

describe('format', () => {
  it('formats money in its own currency for the locale', () => {
    expect(formatMoney(1234.5, 'EUR', 'en')).toBe('€1,234.50');
    expect(formatMoney(12345.5, 'EUR', 'lv')).toMatch(/^12\s345,50\s€$/);
    expect(formatMoney(1234.5, 'ILS', 'he')).toMatch(/1,234\.50/);
    expect(formatMoney(1234.5, 'ILS', 'he')).toContain('₪');
  });

  it('survives a bad currency code or locale', () => {
    expect(formatMoney(5, 'nope', 'en')).toBe('5 nope');
    expect(formatMoney(5, 'EUR', 'not a locale!')).toBe('€5.00');
  });

  it('writes relative times in the locale', () => {
    expect(formatRelative(NOW - 3 * 86_400_000, NOW, 'en')).toBe('3 days ago');
    expect(formatRelative(NOW - 86_400_000, NOW, 'en')).toBe('yesterday');
    expect(formatRelative(NOW - 3 * 86_400_000, NOW, 'lv')).toBe('pirms 3 dienām');
    expect(formatRelative(NOW - 3 * 86_400_000, NOW, 'he')).toMatch(/לפני 3 ימים/);
    expect(formatRelative(NOW + 2 * 3_600_000, NOW, 'en')).toBe('in 2 hours');
    expect(formatRelative(NOW - 10_000, NOW, 'en')).toBe('this minute');
  });

  it('writes whole-day dates by calendar day, not by hours since midnight', () => {
    const dayStart = (ms: number) => Math.floor(ms / 86_400_000) * 86_400_000;
    expect(formatDayRelative(dayStart(NOW), NOW, 'en')).toBe('today');
    expect(formatDayRelative(dayStart(NOW) - 86_400_000, NOW, 'en')).toBe('yesterday');
    expect(formatDayRelative(dayStart(NOW) - 3 * 86_400_000, NOW, 'en')).toBe('3 days ago');
    expect(formatDayRelative(dayStart(NOW), NOW, 'he')).toBe('היום');
    expect(formatDayRelative(dayStart(NOW) - 60 * 86_400_000, NOW, 'en')).toBe('2 months ago');
  });

  it('writes percentages, months and fixed decimals in the locale', () => {
    expect(formatPercent(0.824, 'en')).toBe('82%');
    expect(formatPercent(0.025, 'lv', 1)).toMatch(/^2,5\s?%$/);
    expect(formatMonths(12, 'en')).toBe('12 months');
    expect(formatMonths(1, 'en')).toBe('1 month');
    expect(formatMonths(12, 'he')).toBe('12 חודשים');
    expect(formatNumber(1.44, 'lv', { minimumFractionDigits: 1, maximumFractionDigits: 1 })).toBe(
      '1,4',
    );
  });

  it('writes durations with the locale unit', () => {
    expect(formatDuration(45, 'en')).toBe('45 sec');
    expect(formatDuration(780, 'en')).toBe('13 min');
    expect(formatDuration(7_200, 'en')).toBe('2 hr');
  });

  it('shows a calendar date without a time-zone shift', () => {
    expect(formatIsoDate('2025-09-01', 'en')).toBe('Sep 1, 2025');
    expect(formatIsoDate('not a date', 'en')).toBe('not a date');
  });

  it('names regions in the locale', () => {
    expect(formatRegion('IL', 'en')).toBe('Israel');
    expect(formatRegion('LV', 'lv')).toBe('Latvija');
  });

  it('lets only http(s) URLs through', () => {
    expect(safeHttpUrl('https://mail.google.com/x')).toBe('https://mail.google.com/x');
    expect(safeHttpUrl('http://example.com')).toBe('http://example.com/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl(' JAVASCRIPT:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined();
    expect(safeHttpUrl('//evil.example')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});
