/**
 * Every way a call to the sync server can fail, as one error type the engine can sort:
 * - `network`: no answer at all (offline, DNS, refused connection, CORS);
 * - `timeout`: no answer in time (a hung server must not wedge the engine);
 * - `aborted`: the engine cancelled the call (disconnect);
 * - `http`: the server answered with an error status (its sentence and code kept);
 * - `invalid-response`: the server answered 2xx with something that is not the protocol.
 */
export type TransportErrorKind = 'network' | 'timeout' | 'aborted' | 'http' | 'invalid-response';

export class SyncTransportError extends Error {
  readonly kind: TransportErrorKind;
  /** HTTP status, for `http`. */
  readonly status?: number;
  /** The server's `code` ("unauthorized", "cursor_expired", …), for `http`. */
  readonly code?: string;
  /** How long the server asked us to wait (ms), from `Retry-After`. */
  readonly retryAfterMs?: number;

  constructor(
    kind: TransportErrorKind,
    message: string,
    extra: { status?: number; code?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'SyncTransportError';
    this.kind = kind;
    this.status = extra.status;
    this.code = extra.code;
    this.retryAfterMs = extra.retryAfterMs;
  }
}

export function isTransportError(error: unknown, status?: number): error is SyncTransportError {
  return error instanceof SyncTransportError && (status === undefined || error.status === status);
}

/**
 * `Retry-After` in ms: delay-seconds or an HTTP date (RFC 9110); undefined when absent or
 * unreadable. Bounded to a day, so a broken header cannot park the engine for good.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), 24 * 3_600_000);
}
