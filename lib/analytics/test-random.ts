/**
 * Seeded random numbers for the analytics tests' simulations: the same seed gives the same
 * draws on every run, so a simulation check cannot flake.
 */

/** Mulberry32: a tiny 32-bit generator, uniform on [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleNormal(rand: () => number): number {
  // Box–Muller; 1 - u keeps the log argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * Gamma(shape, 1) by Marsaglia & Tsang (2000); shapes below 1 use the boost
 * Gamma(k) = Gamma(k + 1) · U^(1/k).
 */
export function sampleGamma(rand: () => number, shape: number): number {
  if (shape < 1) return sampleGamma(rand, shape + 1) * (1 - rand()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = sampleNormal(rand);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rand();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleBeta(rand: () => number, a: number, b: number): number {
  const x = sampleGamma(rand, a);
  return x / (x + sampleGamma(rand, b));
}
