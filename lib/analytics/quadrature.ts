/**
 * Adaptive Gauss–Legendre quadrature in log space, for integrals of sharply peaked positive
 * functions whose values under- or overflow doubles (Pareto/NBD's A₀ where its 2F1 series
 * converges too slowly).
 */

interface Rule {
  nodes: number[];
  weights: number[];
}

/**
 * n-point Gauss–Legendre rule on [-1, 1]: nodes are the roots of Pₙ, found by Newton's method
 * from the Chebyshev-like guesses cos(π(i - ¼)/(n + ½)); weights 2 / ((1 - x²) Pₙ'(x)²).
 */
function gaussLegendre(n: number): Rule {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iter = 0; iter < 100; iter++) {
      // Pₙ(x) and Pₙ₋₁(x) by the three-term recurrence.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(20);
const MAX_DEPTH = 40;

/** ∫ exp(logF(w) - shift) dw over [a, b] with the fixed rule. */
function panel(logF: (w: number) => number, a: number, b: number, shift: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < RULE.nodes.length; i++) {
    sum += RULE.weights[i]! * Math.exp(logF(mid + half * RULE.nodes[i]!) - shift);
  }
  return sum * half;
}

/**
 * ln ∫_a^b exp(logF(w)) dw, to about relTol relative, for a continuous logF.
 * `shift` should be near max logF on [a, b] (it keeps the summed values in range).
 * Panels are halved until each agrees with its two halves to relTol of the whole integral.
 */
export function logIntegrate(
  logF: (w: number) => number,
  a: number,
  b: number,
  shift: number,
  relTol = 1e-13,
): number {
  if (!(b > a)) return -Infinity;
  const whole = panel(logF, a, b, shift);
  // A coarse estimate of the total fixes the absolute tolerance for every panel.
  const coarse = panel(logF, a, (a + b) / 2, shift) + panel(logF, (a + b) / 2, b, shift);
  const target = relTol * Math.max(Math.abs(coarse), Math.abs(whole), Number.MIN_VALUE);
  const refine = (lo: number, hi: number, estimate: number, depth: number): number => {
    const mid = (lo + hi) / 2;
    const left = panel(logF, lo, mid, shift);
    const right = panel(logF, mid, hi, shift);
    const both = left + right;
    if (depth >= MAX_DEPTH || Math.abs(both - estimate) <= target) return both;
    return refine(lo, mid, left, depth + 1) + refine(mid, hi, right, depth + 1);
  };
  const total = refine(a, b, whole, 0);
  return total > 0 ? shift + Math.log(total) : -Infinity;
}
