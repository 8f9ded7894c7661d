import { describe, expect, it } from 'vitest';
import { costToServe } from './cost-to-serve';
import { classifyProfitability } from './profitability';

const rates = { email: 0.5, call: 4, visit: 80 };

describe('costToServe', () => {
  it('Σ interactions × cost per channel', () => {
    const c = costToServe(
      [{ channel: 'email', count: 10 }, { channel: 'call', count: 3 }, { channel: 'visit' }],
      rates,
    );
    expect(c.cost).toBe(10 * 0.5 + 3 * 4 + 80);
    expect(c.reason).toBe('14 interaction(s) cost 97');
  });

  it('unpriced channels are named, bad counts refused, nothing costs nothing', () => {
    const c = costToServe([{ channel: 'fax', count: 2 }, { channel: 'email' }], rates);
    expect(c.cost).toBe(0.5);
    expect(c.unpricedChannels).toEqual(['fax']);
    expect(c.reason).toMatch(/no cost set for fax$/);
    expect(costToServe([], rates).cost).toBe(0);
    expect(costToServe([{ channel: 'toString' }], rates).unpricedChannels).toEqual(['toString']);
    expect(() => costToServe([{ channel: 'email', count: -1 }], rates)).toThrow(RangeError);
  });
});

describe('classifyProfitability', () => {
  it('profitable / potential / loss-making by the documented rule', () => {
    expect(classifyProfitability({ marginToDate: 300, costToServe: 97 })).toEqual({
      class: 'profitable',
      net: 203,
      reason: 'profitable: margin 300 − cost to serve 97 = 203',
    });
    expect(
      classifyProfitability({ marginToDate: 50, costToServe: 97, predictedClv: 120 }),
    ).toMatchObject({ class: 'potential', net: -47 });
    expect(
      classifyProfitability({ marginToDate: 50, costToServe: 97, predictedClv: 20 }).reason,
    ).toBe('loss-making: -47 to date, predicted CLV 20 does not cover it');
    expect(classifyProfitability({ marginToDate: 0, costToServe: 0 }).class).toBe('loss-making');
  });

  it('no CLV, NaN CLV, negative margin: an answer with a reason, never NaN', () => {
    const r = classifyProfitability({ marginToDate: -20, costToServe: 5, predictedClv: NaN });
    expect(r).toEqual({
      class: 'loss-making',
      net: -25,
      reason: 'loss-making: -25 to date, no CLV prediction to offset it',
    });
    expect(() => classifyProfitability({ marginToDate: Infinity, costToServe: 0 })).toThrow();
  });
});
