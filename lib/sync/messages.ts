import { SyncTransportError } from './transport-error';

/** The sentences the popup and the options page show for a failure (English, like the server's). */

export const UNAUTHORIZED =
  'The server no longer accepts this token (revoked or replaced): connect again with a new token.';

export function messageOf(error: unknown): string {
  if (error instanceof SyncTransportError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `Sync failed: ${text}`.slice(0, 500);
}

/** What the options page shows when a connection attempt fails. */
export function connectFailure(error: unknown, url: string): string {
  if (!(error instanceof SyncTransportError)) return messageOf(error);
  switch (error.kind) {
    case 'http':
      if (error.status === 401) {
        return 'The server does not accept this token: it is wrong or has been revoked.';
      }
      if (error.status === 404) return `No Kesher sync server answers at ${url}.`;
      return `The server at ${url} refused: ${error.message}`;
    case 'network':
      return `Could not reach ${url}: check the address and your connection.`;
    case 'timeout':
      return `The server at ${url} did not answer in time.`;
    case 'invalid-response':
      return `The server at ${url} does not answer like a Kesher sync server.`;
    case 'aborted':
      return 'The connection attempt was cancelled.';
  }
}
