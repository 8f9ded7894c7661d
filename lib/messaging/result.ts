import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode, type KesherError, type Result } from './protocol';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: { code, message, details } };
}

/** Turns what a handler threw into a typed error: lib/db errors carry a known `code`. */
export function toKesherError(error: unknown): KesherError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) {
      const details = 'details' in error ? (error as { details: unknown }).details : undefined;
      return { code: code as ErrorCode, message: String(error.message), details };
    }
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Validates `data`, runs the handler, and answers a Result whatever happens. */
export function validated<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>) => Promise<T>,
): (data: unknown) => Promise<Result<T>> {
  return async (data) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      return fail(
        'invalid-input',
        `Invalid request: ${details[0]?.path || 'input'}: ${details[0]?.message}`,
        details,
      );
    }
    try {
      return ok(await handler(parsed.data));
    } catch (error) {
      const kesherError = toKesherError(error);
      if (kesherError.code === 'internal') console.error('[kesher] handler failed', error);
      return { ok: false, error: kesherError };
    }
  };
}
