/**
 * Profitability class. The rule:
 *  - profitable:   margin to date − cost to serve > 0;
 *  - potential:    not yet profitable, but predicted future CLV (margin) would cover the gap,
 *                  i.e. margin to date − cost to serve + predicted CLV > 0;
 *  - loss-making:  neither (or no CLV prediction is available to say otherwise).
 * Predicted CLV is taken as already net of future service costs' absence: it is the margin
 * the models forecast, so "potential" is optimistic by the future cost to serve.
 */

export type ProfitabilityClass = 'profitable' | 'potential' | 'loss-making';

export interface ProfitabilityInput {
  marginToDate: number;
  costToServe: number;
  /** Predicted future margin (CLV); omitted when no model could produce one. */
  predictedClv?: number;
}

export interface Profitability {
  class: ProfitabilityClass;
  /** margin to date − cost to serve */
  net: number;
  reason: string;
}

const money = (v: number) => (Math.round(v * 100) / 100).toString();

export function classifyProfitability(input: ProfitabilityInput): Profitability {
  const { marginToDate, costToServe, predictedClv } = input;
  if (!Number.isFinite(marginToDate) || !Number.isFinite(costToServe)) {
    throw new RangeError('margin to date and cost to serve must be finite');
  }
  const net = marginToDate - costToServe;
  if (net > 0) {
    return {
      class: 'profitable',
      net,
      reason: `profitable: margin ${money(marginToDate)} − cost to serve ${money(costToServe)} = ${money(net)}`,
    };
  }
  const clv = predictedClv !== undefined && Number.isFinite(predictedClv) ? predictedClv : null;
  if (clv !== null && net + clv > 0) {
    return {
      class: 'potential',
      net,
      reason: `potential: ${money(net)} to date, but predicted CLV ${money(clv)} covers it`,
    };
  }
  const why =
    clv === null
      ? 'no CLV prediction to offset it'
      : `predicted CLV ${money(clv)} does not cover it`;
  return { class: 'loss-making', net, reason: `loss-making: ${money(net)} to date, ${why}` };
}
