import { z } from 'zod';
import type * as Server from '../../server/protocol';
import { TableName } from '../model/common';
import { isHlc } from './hlc';

/**
 * The server's answers as the client checks them before acting on them. The server's own
 * schemas (server/protocol.ts) check requests and pull in server code, so the client keeps
 * these small ones; the type assertions at the end keep the two in step at compile time.
 * A hostile or broken server must not be able to put anything into the database that these
 * do not allow.
 */

const Hlc = z.string().refine(isHlc, { message: 'not a hybrid logical clock' });
/** As the server's: identifiers only, so "__proto__" can never become a field. */
const FieldName = z.string().regex(/^(?!__)[A-Za-z_][A-Za-z0-9_]{0,99}$/);
export const MutationId = z.string().regex(/^\d{15}$/);

export const WireField = z.object({ value: z.unknown(), hlc: Hlc });
export type WireField = z.infer<typeof WireField>;

export const RemoteChange = z.object({
  table: TableName,
  id: z.string().min(1).max(100),
  version: z.number().int().nonnegative(),
  deleted: z.boolean(),
  fields: z.record(FieldName, WireField),
});
export type RemoteChange = z.infer<typeof RemoteChange>;

export const PullPage = z.object({
  changes: z.array(RemoteChange),
  nextCursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullPage = z.infer<typeof PullPage>;

export const RejectionCode = z.enum([
  'forbidden',
  'not_author',
  'email_taken',
  'clock_skew',
  'id_taken',
  'invalid',
  'not_found',
]);

export const WireRejection = z.object({
  mutationId: MutationId,
  reason: z.string().max(2_000),
  code: RejectionCode,
  table: TableName,
  id: z.string().min(1).max(100),
  conflictWith: z.string().min(1).max(100).optional(),
});
export type WireRejection = z.infer<typeof WireRejection>;

export const PushAnswer = z.object({
  lastMutationId: MutationId,
  rejected: z.array(WireRejection),
});
export type PushAnswer = z.infer<typeof PushAnswer>;

export const MeAnswer = z.object({
  team: z.object({ id: z.string().min(1).max(100), name: z.string().max(200) }),
  user: z.object({
    id: z.string().min(1).max(100),
    email: z.string().max(320),
    role: z.enum(['agent', 'manager', 'admin']),
  }),
});
export type MeAnswer = z.infer<typeof MeAnswer>;

/** One mutation as pushed: an outbox entry without its local bookkeeping. */
export interface WireMutation {
  mutationId: string;
  table: TableName;
  id: string;
  op: 'upsert' | 'delete' | 'restore';
  fields: Record<string, { value: unknown; hlc: string }>;
}

export interface PushRequest {
  clientId: string;
  mutations: WireMutation[];
}

/** The server's bounds on a push (server/protocol.ts LIMITS), restated: no server import. */
export const PUSH_LIMITS = { maxMutations: 1_000, maxBodyBytes: 1_000_000 } as const;

// Compile-time only: each side must accept what the other sends.
type Assert<T extends true> = T;
export type _WireMatchesServer = [
  Assert<Server.PullResponse extends PullPage ? true : false>,
  Assert<Server.PushResponse extends PushAnswer ? true : false>,
  Assert<Server.Change extends RemoteChange ? true : false>,
  Assert<PushRequest extends Server.PushBody ? true : false>,
];
