import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('errorText', () => {
  it('lists every refused field of an invalid input', () => {
    expect(
      errorText({
        code: 'invalid-input',
        message: 'Invalid request: currency: a three-letter ISO 4217 currency code',
        details: [
          { path: 'currency', message: 'a three-letter ISO 4217 currency code' },
          { path: 'clvHorizonMonths', message: 'Too big' },
        ],
      }),
    ).toBe('currency: a three-letter ISO 4217 currency code; clvHorizonMonths: Too big');
  });

  it('keeps the message when there is one issue or the details are not field issues', () => {
    const message = 'Invalid request: currency: a three-letter ISO 4217 currency code';
    expect(
      errorText({ code: 'invalid-input', message, details: [{ path: 'currency', message: 'x' }] }),
    ).toBe(message);
    expect(
      errorText({ code: 'internal', message: 'boom', details: [{ path: 'a', message: 'b' }, {}] }),
    ).toBe('boom');
  });
});
