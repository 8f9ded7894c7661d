import { z } from 'zod';
import { TABLES, type TableName } from '../lib/model/common';
import { isHlc } from '../lib/sync/hlc';

/**
 * The wire format of the sync protocol (shared/design/ARCHITECTURE.md, "Sync protocol"), as
 * zod schemas: what a request must look like to be read at all. A body that fails here is a
 * 400 for the whole request; what is well-formed but refused (a role, a rule, a clock) is a
 * per-mutation rejection instead (server/push-apply.ts).
 */

export const LIMITS = {
  /** "1 MB": taken as 1,000,000 bytes, the stricter reading, so a client sizing its batches
   * under 1 MB by either reading is always accepted. */
  maxBodyBytes: 1_000_000,
  maxMutations: 1_000,
  maxFieldsPerMutation: 200,
  /** Nesting of a field value: a scalar is 0, `{a: 1}` is 1, `{a: [1]}` is 2. */
  maxValueDepth: 16,
  maxIdLength: 100,
  /** A clock this far ahead of the server's is refused: it would outvote every later edit. */
  maxClockSkewMs: 5 * 60_000,
  pullDefaultLimit: 1_000,
  pullMaxLimit: 5_000,
} as const;

export const MUTATION_ID = /^\d{15}$/;
/** Before a client's first mutation: every real mutation id sorts above it. */
export const NO_MUTATION = '000000000000000';

const MutationId = z
  .string()
  .regex(MUTATION_ID, 'a mutation id is a 15-digit zero-padded decimal string');
export const ClientId = z
  .string()
  .regex(/^[0-9A-Za-z_]{1,64}$/, 'a client id is 1 to 64 letters, digits or underscores');
const Hlc = z.string().refine(isHlc, {
  message: 'a clock is "<15-digit wall ms>-<5-digit counter>-<clientId>"',
});
/** Model field names are identifiers; "__proto__" and friends are never field names. */
const FieldName = z
  .string()
  .regex(/^(?!__)[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'a field name is an identifier');

export const FieldChange = z
  .strictObject({ value: z.unknown(), hlc: Hlc })
  .superRefine((f, ctx) => {
    const problem = valueProblem(f.value, LIMITS.maxValueDepth);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type FieldChange = z.infer<typeof FieldChange>;

const Fields = z
  .record(FieldName, FieldChange)
  .refine((fields) => Object.keys(fields).length <= LIMITS.maxFieldsPerMutation, {
    message: `at most ${LIMITS.maxFieldsPerMutation} fields per mutation`,
  });

export const OPS = ['upsert', 'delete', 'restore'] as const;
export type Op = (typeof OPS)[number];

export const Mutation = z
  .strictObject({
    mutationId: MutationId,
    table: z.enum(TABLES),
    id: z
      .string()
      .min(1)
      .max(LIMITS.maxIdLength)
      .refine(storableText, { message: 'an id is text without NUL or lone surrogates' }),
    op: z.enum(OPS),
    fields: Fields,
  })
  .superRefine((m, ctx) => {
    // The deleted flag is the op's business; a delete that says "deleted: false" contradicts itself.
    const flag = m.fields.deleted;
    if (m.op !== 'upsert' && flag && flag.value !== (m.op === 'delete')) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields', 'deleted', 'value'],
        message: `a ${m.op} carries deleted: ${m.op === 'delete'}`,
      });
    }
  });
export type Mutation = z.infer<typeof Mutation> & { table: TableName };

export const PushBody = z
  .strictObject({
    clientId: ClientId,
    mutations: z.array(Mutation).max(LIMITS.maxMutations),
  })
  .superRefine((body, ctx) => {
    // Ascending ids are what make "skip at or below lastMutationId" mean "already answered".
    for (let i = 1; i < body.mutations.length; i++) {
      if (body.mutations[i]!.mutationId <= body.mutations[i - 1]!.mutationId) {
        ctx.addIssue({
          code: 'custom',
          path: ['mutations', i, 'mutationId'],
          message: 'mutation ids must be strictly increasing within a push',
        });
        return;
      }
    }
  });
export type PushBody = z.infer<typeof PushBody>;

export const PullQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'cursor is a version: a non-negative integer')
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, `limit is an integer from 1 to ${LIMITS.pullMaxLimit}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= LIMITS.pullMaxLimit, {
      message: `limit is an integer from 1 to ${LIMITS.pullMaxLimit}`,
    })
    .optional(),
});

export interface Rejection {
  mutationId: string;
  /** A sentence the UI can show as is. */
  reason: string;
  code: RejectionCode;
  table: TableName;
  id: string;
  /** For `email_taken`: the live customer that already has the address (offer a merge). */
  conflictWith?: string;
}

/**
 * `id_taken` (an id another team already used) is no longer sent: rows are keyed by team, so
 * another team's ids are never in the way. Clients may still list it among the codes they read.
 */
export type RejectionCode =
  'forbidden' | 'not_author' | 'email_taken' | 'clock_skew' | 'invalid' | 'not_found';

export interface PushResponse {
  lastMutationId: string;
  rejected: Rejection[];
}

export interface Change {
  table: TableName;
  id: string;
  version: number;
  deleted: boolean;
  fields: Record<string, FieldChange>;
}

export interface PullResponse {
  changes: Change[];
  nextCursor: number;
  hasMore: boolean;
}

/**
 * Why a field value cannot be stored, or null. Too deep (more than `maxDepth` levels of
 * arrays and objects), or text PostgreSQL cannot hold in jsonb (NUL, lone surrogates, which
 * JSON escapes can carry). Iterative: a hostile value can be far deeper than the call stack.
 */
export function valueProblem(value: unknown, maxDepth: number): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!storableText(v)) return 'text may not contain NUL characters or lone surrogates';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > maxDepth) return `a field value may nest at most ${maxDepth} levels deep`;
    if (Array.isArray(v)) {
      for (const child of v) stack.push([child, depth + 1]);
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      if (!storableText(key)) return 'keys may not contain NUL characters or lone surrogates';
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

// NUL is exactly what this looks for.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL can store: no NUL, no unpaired UTF-16 surrogate. */
export function storableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
