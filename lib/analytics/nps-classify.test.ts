import { describe, expect, it } from 'vitest';
import { classifyAccount, groupCounts, sizeBand } from './classify';
import { csatClass, netPromoterScore, npsClass } from './nps';

describe('NPS and CSAT', () => {
  it('bands the latest NPS answer', () => {
    expect(
      npsClass([
        { score: 3, at: 1 },
        { score: 9, at: 2 },
      ]),
    ).toEqual({
      class: 'promoter',
      score: 9,
      reason: 'promoter: latest NPS 9 (9–10)',
    });
    expect(
      npsClass([
        { score: 8, at: 5 },
        { score: 10, at: 2 },
      ]).class,
    ).toBe('passive');
    expect(npsClass([{ score: 6, at: 1 }]).class).toBe('detractor');
    expect(npsClass([{ score: 0, at: 1 }]).class).toBe('detractor');
    expect(npsClass([{ score: 7, at: 1 }]).class).toBe('passive');
  });

  it('skips invalid answers and says when there is none', () => {
    expect(
      npsClass([
        { score: 11, at: 9 },
        { score: 10, at: 1 },
      ]).class,
    ).toBe('promoter');
    expect(npsClass([{ score: 8.5, at: 1 }])).toEqual({
      class: null,
      score: null,
      reason: 'no valid NPS answer (0–10)',
    });
    expect(npsClass([]).class).toBeNull();
  });

  it('maps CSAT separately', () => {
    expect(csatClass([{ score: 4, at: 1 }]).reason).toBe('satisfied: latest CSAT 4 (4–5)');
    expect(csatClass([{ score: 3, at: 1 }]).class).toBe('neutral');
    expect(csatClass([{ score: 1, at: 1 }]).class).toBe('dissatisfied');
    expect(csatClass([{ score: 0, at: 1 }]).class).toBeNull();
  });

  it('group NPS = % promoters − % detractors', () => {
    expect(netPromoterScore(['promoter', 'promoter', 'passive', 'detractor', null])).toBe(25);
    expect(netPromoterScore([null])).toBeNull();
  });
});

describe('classify accounts', () => {
  it('size bands 1–9, 10–49, 50–249, 250+', () => {
    expect([1, 9, 10, 49, 50, 249, 250, 1e6].map(sizeBand)).toEqual([
      '1–9',
      '1–9',
      '10–49',
      '10–49',
      '50–249',
      '50–249',
      '250+',
      '250+',
    ]);
    expect([0, -3, NaN, null, undefined].map(sizeBand)).toEqual(Array(5).fill('Unknown'));
  });

  it('groups by vertical, country and size, with reasons for the unknowns', () => {
    const groups = [
      classifyAccount({ id: 'a', vertical: 'Retail', country: 'gb', employees: 12 }),
      classifyAccount({ id: 'b', vertical: ' ', country: 'United Kingdom', employees: null }),
      classifyAccount({ id: 'c', vertical: 'Retail', country: 'GB', employees: 300 }),
    ];
    expect(groups[0]).toEqual({
      id: 'a',
      vertical: 'Retail',
      country: 'GB',
      size: '10–49',
      reasons: [],
    });
    expect(groups[1]!.reasons).toEqual([
      'vertical not set',
      '"United Kingdom" is not a country code',
      'employee count missing or not positive',
    ]);
    expect(groupCounts(groups, 'country')).toEqual(
      new Map([
        ['GB', 2],
        ['Unknown', 1],
      ]),
    );
    expect(groupCounts(groups, 'vertical').get('Retail')).toBe(2);
  });
});
