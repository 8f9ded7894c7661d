/**
 * A sync action the user asked for could not be done (a bad address or token, an unreachable
 * server, a refusal no longer listed): the message is the sentence to show. `code` is the
 * messaging protocol's, so the options page gets it as is and the background does not log it
 * as a fault of its own.
 */
export class SyncError extends Error {
  readonly code = 'sync-failed';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncError';
  }
}
