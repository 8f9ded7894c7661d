/**
 * A deterministic purchase history of any size for the analytics bench, drawn the way the
 * BG/NBD story goes: each customer buys at their own Poisson rate (gamma across customers)
 * and may drop out after any purchase (beta across customers); spend per order is gamma.
 * Self-contained (no imports, no closures over module state) so that the bench can also run
 * it inside the browser with page.evaluate.
 */
export interface SyntheticSize {
  customers: number;
  /** Orders to aim at in total; the rates are scaled to it. */
  orders: number;
  /** End of the observed period, epoch ms. */
  end: number;
  seed?: number;
}

export interface SyntheticOrder {
  customerId: string;
  at: number;
  amount: number;
}

export function syntheticOrders(size: SyntheticSize): SyntheticOrder[] {
  let state = (size.seed ?? 20261123) >>> 0;
  // mulberry32: small, fast and good enough to shape a benchmark.
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const exponential = (rate: number) => -Math.log(1 - random()) / rate;
  // Gamma(k, 1) for k ≥ 1 by Marsaglia–Tsang; k < 1 via the boost k + 1.
  const gamma = (k: number): number => {
    if (k < 1) return gamma(k + 1) * random() ** (1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        const u1 = random();
        const u2 = random();
        x = Math.sqrt(-2 * Math.log(u1 || 1e-12)) * Math.cos(2 * Math.PI * u2);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      if (Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const DAY = 86_400_000;
  const spanDays = 3 * 365;
  const start = size.end - spanDays * DAY;
  // Mean repeat rate per day so that the expected total is close to the target.
  const perCustomer = size.orders / size.customers;
  const meanRate = Math.max(0.0005, (perCustomer * 2.6) / spanDays);
  const orders: SyntheticOrder[] = [];
  for (let i = 0; i < size.customers; i++) {
    const customerId = `bench-c-${String(i).padStart(7, '0')}`;
    const rate = (gamma(0.8) / 0.8) * meanRate;
    const dropout = Math.min(0.9, gamma(1) / (gamma(1) + gamma(12)));
    let t = start + random() * spanDays * 0.6 * DAY;
    const scale = 20 + gamma(2) * 30;
    for (;;) {
      orders.push({
        customerId,
        at: Math.floor(t),
        amount: Math.round(gamma(3) * scale * 100) / 100,
      });
      if (random() < dropout) break;
      t += exponential(rate) * DAY;
      if (t > size.end) break;
    }
  }
  return orders;
}
