/** Customer-lifetime-value analytics: RFM summaries, BG/NBD, Pareto/NBD and Gamma-Gamma. */
export * from './fit-result';
export * from './summary';
export * as bgNbd from './bgnbd';
export * as paretoNbd from './pareto-nbd';
export * as gammaGamma from './gamma-gamma';
export { minimize, type MinimizeOptions, type MinimizeResult } from './optimize';
