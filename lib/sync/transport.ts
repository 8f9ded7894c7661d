import type { z } from 'zod';
import type { TableName } from '../model/common';
import { SyncTransportError, parseRetryAfter } from './transport-error';
import { MeAnswer, PullPage, PushAnswer, RemoteChange, type PushRequest } from './wire';

/**
 * The sync server's four calls over an injected `fetch`: the background passes the browser's,
 * tests pass an in-process server's `app.fetch`. Every answer is checked (wire.ts) before it is
 * returned, so callers act only on well-formed data; every failure is a SyncTransportError.
 */

export type FetchLike = (request: Request) => Promise<Response> | Response;

export interface Transport {
  push(body: PushRequest): Promise<PushAnswer>;
  pull(cursor: number, limit: number): Promise<PullPage>;
  /** The server's full state of one row; null when the team has no such row. */
  row(table: TableName, id: string): Promise<RemoteChange | null>;
  me(): Promise<MeAnswer>;
}

export interface TransportOptions {
  /** Normalised base URL (server-url.ts), without a trailing slash. */
  url: string;
  token: string;
  fetch?: FetchLike;
  /** Per call, answer body included. */
  timeoutMs?: number;
  /** Cancels every call in flight and to come (the engine's disconnect). */
  signal?: AbortSignal;
  now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function httpTransport(opts: TransportOptions): Transport {
  // Called through a wrapper: the browser's fetch throws "Illegal invocation" when called as
  // a method of another object.
  const doFetch: FetchLike = opts.fetch ?? ((request) => globalThis.fetch(request));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = opts.now ?? Date.now;

  async function call<T>(
    path: string,
    schema: z.ZodType<T>,
    init: { method?: string; body?: string; absent?: (body: unknown) => boolean } = {},
  ): Promise<T | null> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    const failed = (cause: unknown): SyncTransportError => {
      if (opts.signal?.aborted) {
        return new SyncTransportError('aborted', 'The sync was cancelled.', { cause });
      }
      if (timeout.aborted) {
        return new SyncTransportError(
          'timeout',
          `The sync server did not answer within ${Math.round(timeoutMs / 1000)} s.`,
          { cause },
        );
      }
      const why = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
      return new SyncTransportError(
        'network',
        `Could not reach the sync server at ${opts.url}${why}.`,
        { cause },
      );
    };

    const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      const request = new Request(`${opts.url}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body,
        signal,
        // A pull answer from a cache would be a stale page: always ask the server.
        cache: 'no-store',
      });
      // Raced against the signal too: an injected fetch may ignore it.
      response = await untilAborted(Promise.resolve(doFetch(request)), signal);
      text = await untilAborted(response.text(), signal);
    } catch (error) {
      throw failed(error);
    }

    const json = parseJson(text);
    if (!response.ok) {
      if (response.status === 404 && init.absent?.(json)) return null;
      throw httpError(response, json, now());
    }
    if (json === undefined) throw invalid(path, 'not JSON');
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(path, `${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  return {
    async push(body) {
      const answer = await call('/v1/sync/push', PushAnswer, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return answer!;
    },
    async pull(cursor, limit) {
      return (await call(`/v1/sync/pull?cursor=${cursor}&limit=${limit}`, PullPage))!;
    },
    async row(table, id) {
      const path = `/v1/rows/${encodeURIComponent(table)}/${encodeURIComponent(id)}`;
      // Only the rows route's own 404 means "no such row": a 404 from a wrong address or a
      // proxy must not make the engine drop a local row.
      const change = await call(path, RemoteChange, {
        absent: (body) => {
          const details = (body as { code?: unknown; details?: Record<string, unknown> } | null)
            ?.details;
          return details?.table === table && details.id === id;
        },
      });
      if (change && (change.table !== table || change.id !== id)) {
        throw invalid(path, `asked for ${table} ${id}, got ${change.table} ${change.id}`);
      }
      return change;
    },
    async me() {
      return (await call('/v1/me', MeAnswer))!;
    },
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The server's `{error, code}` when it sent them; a plain sentence when it did not. */
function httpError(response: Response, json: unknown, now: number): SyncTransportError {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const sentence = typeof body.error === 'string' ? body.error.slice(0, 500) : undefined;
  const code = typeof body.code === 'string' ? body.code.slice(0, 100) : undefined;
  return new SyncTransportError(
    'http',
    sentence ?? `The sync server answered ${response.status} ${response.statusText}`.trim() + '.',
    {
      status: response.status,
      code,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
    },
  );
}

function invalid(path: string, what: string): SyncTransportError {
  return new SyncTransportError(
    'invalid-response',
    `The sync server's answer to ${path.split('?')[0]} is not valid (${what}); nothing was applied.`,
  );
}
