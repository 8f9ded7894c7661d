/**
 * The textbook retention-model CLV for data too thin to fit a purchase model: a customer who
 * is retained each period with probability r and yields margin m per period is worth
 * Σ_{k≥1} m r^k / (1+d)^k = m · r / (1 + d − r) (margin collected at the end of each period,
 * the first one only if retained).
 */
export function retentionClv(marginPerPeriod: number, retention: number, discount: number): number {
  if (!Number.isFinite(marginPerPeriod)) {
    throw new RangeError(`margin per period must be finite, got ${marginPerPeriod}`);
  }
  if (!(retention >= 0 && retention <= 1)) {
    throw new RangeError(`retention must lie in [0, 1], got ${retention}`);
  }
  if (!(discount >= 0) || !Number.isFinite(discount)) {
    throw new RangeError(`discount rate must be finite and ≥ 0, got ${discount}`);
  }
  // r = 1 with d = 0 is a customer who stays for ever at no discount: the sum diverges.
  if (retention === 1 && discount === 0) {
    throw new RangeError('retention 1 with no discounting gives an infinite value');
  }
  return (marginPerPeriod * retention) / (1 + discount - retention);
}
