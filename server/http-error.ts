import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/**
 * Every error answer has one shape: `{error, code, details}`. `error` is a sentence a person
 * can read, `code` is for programs, `details` says what exactly (validation issues, limits).
 */
export interface ErrorBody {
  error: string;
  code: string;
  details: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: unknown = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): ErrorBody {
    return { error: this.message, code: this.code, details: this.details };
  }
}

export function errorResponse(c: Context, error: HttpError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.body(), error.status);
}

/** The issues of a failed zod parse, as `details`: where, and what was expected. */
export function zodDetails(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.slice(0, 20).map((issue) => {
    // A bad record key ("Invalid key in record") carries the reason in nested issues.
    const nested = (issue as { issues?: Array<{ message: string }> }).issues;
    const why = nested?.length ? `: ${nested.map((n) => n.message).join('; ')}` : '';
    return { path: issue.path.map(String).join('.') || '(root)', message: issue.message + why };
  });
}

export function badRequest(message: string, details: unknown = {}): HttpError {
  return new HttpError(400, 'invalid_request', message, details);
}

export function invalidBody(error: z.ZodError): HttpError {
  return new HttpError(400, 'invalid_body', 'The request body is not valid.', zodDetails(error));
}

export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message: string, details: unknown = {}) =>
  new HttpError(404, 'not_found', message, details);
