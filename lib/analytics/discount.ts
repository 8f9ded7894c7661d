/**
 * Converting an annual discount rate to the data's own time unit. The models count time in
 * whatever unit the summaries use (weeks by default), so the rate must follow that unit:
 * applying a per-day or per-month rate to weekly periods silently changes the horizon and
 * the discounting (the lifetimes documentation's 12-"month" CLV on weekly CDNOW data is in
 * fact 360 weeks, for instance).
 */

/** Average days in a year, so 52.18 weeks or 12 months of 30.44 days. */
export const DAYS_PER_YEAR = 365.25;

/**
 * Per-period rate equivalent to `annualRate` compounded annually:
 * (1 + annual)^(period length in years) − 1. With a period of a year it is the annual rate.
 */
export function periodDiscountRate(
  annualRate: number,
  periodLength: number,
  unitsPerYear: number,
): number {
  if (!(annualRate > -1) || !Number.isFinite(annualRate)) {
    throw new RangeError(`annual discount rate must be finite and above -100%, got ${annualRate}`);
  }
  if (!(periodLength > 0) || !(unitsPerYear > 0)) {
    throw new RangeError('period length and units per year must be positive');
  }
  return Math.expm1((periodLength / unitsPerYear) * Math.log1p(annualRate));
}
