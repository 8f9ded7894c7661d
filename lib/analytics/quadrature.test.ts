import { describe, expect, it } from 'vitest';
import { logIntegrate } from './quadrature';

describe('logIntegrate', () => {
  it('integrates smooth functions to ~1e-13', () => {
    // ∫_0^π sin = 2
    const logSin = (w: number) => Math.log(Math.sin(w));
    expect(Math.abs(logIntegrate(logSin, 0.0, Math.PI, 0) - Math.log(2))).toBeLessThan(1e-12);
  });

  it('handles sharp peaks whose values underflow', () => {
    // ∫_0^10 e^{-500 w - 1000} dw = e^{-1000} (1 - e^{-5000}) / 500
    const logF = (w: number) => -500 * w - 1000;
    expect(Math.abs(logIntegrate(logF, 0, 10, -1000) - (-1000 - Math.log(500)))).toBeLessThan(
      1e-12,
    );
  });

  it('is -Infinity on an empty interval', () => {
    expect(logIntegrate(() => 0, 1, 1, 0)).toBe(-Infinity);
  });
});
