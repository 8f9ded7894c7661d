import { describe, expect, it } from 'vitest';
import { hyp2f1, logBeta, logGamma, logHyp2f1 } from './special';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('logGamma', () => {
  // Reference values from CPython's math.lgamma.
  const cases: [number, number][] = [
    [0.5, 0.5723649429247004],
    [0.1, 2.2527126517342055],
    [1e-8, 18.42068073818021],
    [3.7, 1.4280723266653883],
    [7.25, 7.0521854507385395],
    [10.5, 13.940625219403763],
    [100, 359.1342053695754],
    [1234.5678, 7551.033504440956],
    [0.7929899, 0.15888124066977996],
    [4.4136842, 2.334788287430594],
  ];
  it.each(cases)('lnΓ(%f) to 1e-13 relative', (x, want) => {
    expect(rel(logGamma(x), want)).toBeLessThan(1e-13);
  });

  it('is ln((n-1)!) at integers (absolute 1e-13 near the zeros at 1 and 2)', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      expect(Math.abs(logGamma(n) - logFactorial)).toBeLessThan(1e-13 * Math.max(1, logFactorial));
      logFactorial += Math.log(n);
    }
  });

  it('satisfies lnΓ(x+1) - lnΓ(x) = ln x across the shift boundary', () => {
    for (const x of [0.01, 0.3, 1.5, 8.9, 9.5, 9.999, 10, 25.3]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-13);
    }
  });

  it('is NaN off its domain', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});

describe('logBeta', () => {
  it('matches B(a, b) = Γ(a)Γ(b)/Γ(a+b)', () => {
    expect(rel(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-13);
    expect(rel(logBeta(0.5, 0.5), Math.log(Math.PI))).toBeLessThan(1e-13);
  });
});

describe('hyp2f1', () => {
  it('matches elementary closed forms', () => {
    for (const z of [0.1, 0.5, 0.9, 0.99]) {
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
      expect(rel(hyp2f1(2.5, 3.3, 2.5, z), (1 - z) ** -3.3)).toBeLessThan(1e-12);
      expect(rel(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-13);
    }
    // Negative z goes through Pfaff's transformation.
    for (const z of [0.5, 3, 40]) {
      expect(rel(hyp2f1(1, 1, 2, -z), Math.log1p(z) / z)).toBeLessThan(1e-13);
    }
  });

  it('is a polynomial when a is a non-positive integer', () => {
    // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z²/(c(c+1))
    const [b, c, z] = [1.5, 2.5, 0.7];
    expect(
      rel(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1))),
    ).toBeLessThan(1e-14);
  });

  // Reference values from mpmath.hyp2f1 at 30 digits; the first and last are Pareto/NBD-shaped
  // (c = a + 1, c - a - b < 0), the second is the BG/NBD conditional-expectation shape.
  const mp: [number, number, number, number, number][] = [
    [26.7595, 1.6061, 27.7595, 0.95, 66.63296822156173],
    [2.2426, 4.4262, 4.2192, 52 / (4.4137 + 38.86 + 52), 6.487897183515377],
    [0.5, 0.3, 0.7, -3.5, 0.7130114511046721],
    [1.2, 2.3, 4.5, 0.3, 1.2303834716639857],
    [200.6, 1.6, 201.6, 0.999, 11530.554451167505],
  ];
  it.each(mp)('2F1(%f, %f; %f; %f) to 1e-12 relative', (a, b, c, z, want) => {
    expect(rel(hyp2f1(a, b, c, z), want)).toBeLessThan(1e-12);
    expect(Math.abs(logHyp2f1(a, b, c, z) - Math.log(want))).toBeLessThan(1e-12);
  });

  it('returns a logarithm where the value itself would overflow', () => {
    // 2F1(a, b; b; z) = (1-z)^{-a}; with a = 2000, z = 0.9 the value is 10^2000.
    expect(rel(logHyp2f1(2000, 3, 3, 0.9), 2000 * Math.log(10))).toBeLessThan(1e-12);
  });

  it('is NaN, not a wrong number, outside z < 1', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
  });
});
