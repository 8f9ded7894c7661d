import type { Context } from 'hono';
import { HttpError, badRequest } from './http-error';

/**
 * Reads a JSON request body, never more than `maxBytes` of it: a Content-Length over the
 * bound is refused before reading, and a body without one (chunked) or with a false one is
 * cut off as soon as the bytes read pass the bound.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the body as JSON with "Content-Type: application/json".',
      { contentType: type || null },
    );
  }
  const declared = c.req.header('content-length');
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    throw tooLarge(maxBytes);
  }
  const bytes = await readLimited(c.req.raw.body, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw badRequest('The request body is empty; JSON was expected.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'malformed_json', 'The request body is not valid JSON.', {
      message: (error as Error).message,
    });
  }
}

async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'too_large', `The request body is over ${maxBytes} bytes.`, {
    maxBytes,
  });
}
