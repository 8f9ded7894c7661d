import { describe, expect, it } from 'vitest';
import { MONTH_NAMES } from './month-names';
import { monthKey } from './parse-date';

describe('MONTH_NAMES', () => {
  it('holds every short and long month name Intl formats in en, he and lv', () => {
    for (const locale of ['en', 'he', 'lv']) {
      for (const style of ['short', 'long'] as const) {
        const inDate = new Intl.DateTimeFormat(locale, {
          month: style,
          day: 'numeric',
          timeZone: 'UTC',
        });
        const alone = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
        for (let m = 0; m < 12; m++) {
          const at = Date.UTC(2026, m, 15);
          const part = inDate.formatToParts(at).find((p) => p.type === 'month')?.value ?? '';
          for (const name of [part, alone.format(at)]) {
            if (name)
              expect(MONTH_NAMES[m], `${locale} ${style} "${name}"`).toContain(monthKey(name));
          }
        }
      }
    }
  });
});
