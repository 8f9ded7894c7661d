/**
 * One shape for the three purchase-count models, so CLV and model selection need not know
 * which of BG/NBD, Pareto/NBD or MBG/NBD produced the forecast.
 */
import * as bgNbd from './bgnbd';
import * as mbgNbd from './mbgnbd';
import * as paretoNbd from './pareto-nbd';

export type TransactionModelName = 'bg-nbd' | 'pareto-nbd' | 'mbg-nbd';

export interface TransactionModel {
  name: TransactionModelName;
  /** E[purchases in the next t time units | x, t_x, T]; equals purchasesIfAlive × P(alive). */
  expectedPurchases(t: number, x: number, t_x: number, T: number): number;
  /** E[purchases in the next t | alive at T, x, T]: independent of t_x. */
  purchasesIfAlive(t: number, x: number, T: number): number;
  /** P(the customer is still active at T | x, t_x, T). */
  probabilityAlive(x: number, t_x: number, T: number): number;
  /** E[repeat purchases in the first t time units] of a customer just acquired. */
  expectedNewCustomer(t: number): number;
}

export function bgNbdModel(params: bgNbd.BgNbdParams): TransactionModel {
  return {
    name: 'bg-nbd',
    expectedPurchases: (t, x, t_x, T) => bgNbd.expectedPurchases(params, t, x, t_x, T),
    purchasesIfAlive: (t, x, T) => bgNbd.expectedPurchasesIfAlive(params, t, x, T),
    probabilityAlive: (x, t_x, T) => bgNbd.probabilityAlive(params, x, t_x, T),
    expectedNewCustomer: (t) => bgNbd.expectedNewCustomer(params, t),
  };
}

export function paretoNbdModel(params: paretoNbd.ParetoNbdParams): TransactionModel {
  return {
    name: 'pareto-nbd',
    expectedPurchases: (t, x, t_x, T) => paretoNbd.expectedPurchases(params, t, x, t_x, T),
    purchasesIfAlive: (t, x, T) => paretoNbd.expectedPurchasesIfAlive(params, t, x, T),
    probabilityAlive: (x, t_x, T) => paretoNbd.probabilityAlive(params, x, t_x, T),
    expectedNewCustomer: (t) => paretoNbd.expectedNewCustomer(params, t),
  };
}

export function mbgNbdModel(params: mbgNbd.MbgNbdParams): TransactionModel {
  return {
    name: 'mbg-nbd',
    expectedPurchases: (t, x, t_x, T) => mbgNbd.expectedPurchases(params, t, x, t_x, T),
    purchasesIfAlive: (t, x, T) => mbgNbd.expectedPurchasesIfAlive(params, t, x, T),
    probabilityAlive: (x, t_x, T) => mbgNbd.probabilityAlive(params, x, t_x, T),
    expectedNewCustomer: (t) => mbgNbd.expectedNewCustomer(params, t),
  };
}
