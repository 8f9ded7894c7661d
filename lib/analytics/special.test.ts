import { describe, expect, it } from 'vitest';
import {
  digamma,
  digammaDifference,
  hyp2f1,
  hyp2f1Scaled,
  logBeta,
  logGamma,
  logGammaRatio,
  logHyp2f1,
} from './special';

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

describe('digamma', () => {
  // Reference values from mpmath.digamma at 30 digits, rounded to doubles.
  const cases: [number, number][] = [
    [1e-8, -100000000.57721564],
    [0.1, -10.423754940411076],
    [0.5, -1.9635100260214235],
    [1, -0.5772156649015329],
    [3.7, 1.1671535393615113],
    [9.999, 2.2516474172057355],
    [10, 2.251752589066721],
    [25.3, 3.210911380182536],
    [100, 4.600161852738087],
    [1234.5678, 7.118071173589571],
    [1e6, 13.815510057964191],
  ];
  it.each(cases)('ψ(%f) to 1e-14 absolute or relative', (x, want) => {
    expect(Math.abs(digamma(x) - want)).toBeLessThan(1e-14 * Math.max(1, Math.abs(want)));
  });

  it('is the derivative of logGamma and satisfies ψ(x+1) = ψ(x) + 1/x', () => {
    for (const x of [0.01, 0.3, 1.5, 8.9, 9.5, 10, 25.3, 400]) {
      const h = 1e-5 * x;
      const slope = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(Math.abs(digamma(x) - slope)).toBeLessThan(1e-7 * Math.max(1, Math.abs(slope)));
      const scale = Math.max(1, Math.abs(digamma(x)), 1 / x);
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(4e-16 * scale);
    }
  });

  it('is NaN off its domain', () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2.5)).toBeNaN();
    expect(digamma(Number.NaN)).toBeNaN();
  });
});

describe('logGammaRatio and digammaDifference', () => {
  // ln Γ(x+u) − ln Γ(x) and ψ(x+u) − ψ(x) from mpmath at 40 digits.
  const cases: [number, number, number, number][] = [
    [0.5, 2.5, 0.12078223763524522, 2.886294361119891],
    [12.5, 3, 7.802566979179168, 0.2230395913154534],
    [15, 1e6, 12815686.610689798, 11.141178396198399],
    [375000, 1.25, 16.043352047857073, 3.3333322222237036e-6],
    [2.4e6, 80, 1175.2796602775827, 3.333278473433708e-5],
    [1e7, 3, 48.35428725287493, 2.99999970000005e-7],
    [1e12, 1, 27.631021115928547, 1e-12],
  ];
  it.each(cases)('x=%f, u=%f to 1e-14 (relative, or absolute below 1)', (x, u, lr, pr) => {
    expect(Math.abs(logGammaRatio(x, u) - lr)).toBeLessThan(1e-14 * Math.max(1, Math.abs(lr)));
    expect(rel(digammaDifference(x, u), pr)).toBeLessThan(1e-14);
  });

  it('keeps the digits the plain difference loses at large x', () => {
    // The plain difference is off by ~1e-10 here, and by ~1e-3 at x = 1e12.
    expect(rel(logGamma(1e7 + 3) - logGamma(1e7), 48.35428725287493)).toBeGreaterThan(1e-12);
    expect(rel(digamma(1e12 + 1) - digamma(1e12), 1e-12)).toBeGreaterThan(1e-6);
  });

  it('is 0 for u = 0, on both sides of the series threshold', () => {
    for (const x of [0.3, 9.99, 10, 1e9]) {
      expect(logGammaRatio(x, 0)).toBe(0);
      expect(digammaDifference(x, 0)).toBe(0);
    }
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

  it('hyp2f1Scaled is exp(factor) · 2F1, with or without the caller’s ln(1 − z)', () => {
    for (const [a, b, c, z] of mp) {
      const want = Math.exp(-0.7) * hyp2f1(a, b, c, z);
      expect(rel(hyp2f1Scaled(a, b, c, z, -0.7), want)).toBeLessThan(1e-13);
      expect(rel(hyp2f1Scaled(a, b, c, z, -0.7, Math.log1p(-z)), want)).toBeLessThan(1e-13);
    }
  });

  it('is NaN, not a wrong number, outside z < 1', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
  });
});
