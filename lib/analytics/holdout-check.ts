/**
 * The aggregate holdout check of Fader, Hardie & Lee (2005, figure "cumulative repeat
 * transactions"): each customer of the cohort is forecast from their own first purchase with
 * the unconditional E[X(t)], and the forecasts are summed. It tests the model as a sales
 * forecast for the whole cohort, independently of each customer's calibration history.
 */
import type { RfmPoint } from './summary';
import type { TransactionModel } from './transaction-model';

/**
 * Expected repeat purchases of the cohort between the calibration end and `holdoutLength`
 * later: Σ E[X(T + holdout)] − E[X(T)], T being each customer's age at the calibration end.
 */
export function cohortHoldoutForecast(
  model: TransactionModel,
  summaries: readonly Pick<RfmPoint, 'T'>[],
  holdoutLength: number,
): number {
  let total = 0;
  for (const { T } of summaries) {
    total += model.expectedNewCustomer(T + holdoutLength) - model.expectedNewCustomer(T);
  }
  return total;
}
