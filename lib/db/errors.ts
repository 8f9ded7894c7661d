import type { z } from 'zod';

/**
 * What lib/db throws on purpose. Each `code` is one of lib/messaging/protocol.ts ErrorCode, so
 * the messaging layer can pass it to the UI as is; `details` is what the UI may show.
 */

export class ValidationError extends Error {
  readonly code = 'invalid-input';
  readonly issues: z.core.$ZodIssue[];
  readonly details: Array<{ path: string; message: string }>;

  constructor(table: string, issues: z.core.$ZodIssue[]) {
    const details = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const first = details[0];
    super(`Invalid ${table} row${first ? `: ${first.path || 'row'}: ${first.message}` : ''}`);
    this.name = 'ValidationError';
    this.issues = issues;
    this.details = details;
  }
}

export class NotFoundError extends Error {
  readonly code = 'not-found';
  readonly details: { table: string; id: string };

  constructor(table: string, id: string) {
    super(`No ${table} row "${id}"`);
    // Not "NotFoundError": Dexie rewraps an error thrown in a transaction whose name is one of
    // IndexedDB's own (NotFoundError is), and the wrapper would lose `code`.
    this.name = 'KesherNotFoundError';
    this.details = { table, id };
  }
}

export class ConflictError extends Error {
  readonly code = 'conflict';
  readonly existingId: string;
  readonly details: { existingId: string };

  constructor(message: string, existingId: string) {
    super(message);
    this.name = 'ConflictError';
    this.existingId = existingId;
    this.details = { existingId };
  }
}

export class ForbiddenError extends Error {
  readonly code = 'forbidden';

  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
