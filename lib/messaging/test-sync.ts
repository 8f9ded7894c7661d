import { vi } from 'vitest';
import type { RefusedChange, SyncService, SyncStatus } from '../sync/types';

/**
 * TEST ONLY: a recording, in-memory stand-in for the background's sync engine, so the handler
 * tests can check what reaches the service without a server. It imports vitest and must never
 * be wired into the extension; the real engine is lib/sync. Every method is a `vi.fn`, so a
 * test can see its calls or make it fail (`sync.connect.mockRejectedValueOnce(...)`).
 */

export const TEST_SYNC_NOW = 1_700_000_000_000;

export function recordingSync(initial: Partial<SyncStatus> = {}) {
  let state: SyncStatus = { connection: null, phase: 'idle', pending: 0, refused: [], ...initial };
  const answer = () => structuredClone(state);

  const service = {
    status: vi.fn(async () => answer()),
    connect: vi.fn(async (url: string, _token: string) => {
      state = {
        ...state,
        connection: {
          url,
          email: 'agent@shop.co.il',
          role: 'agent',
          teamName: 'Test team',
          connectedAt: TEST_SYNC_NOW,
        },
      };
      return answer();
    }),
    disconnect: vi.fn(async () => {
      state = { ...state, connection: null, phase: 'idle', error: undefined };
      return answer();
    }),
    syncNow: vi.fn(async () => {
      if (state.connection) state = { ...state, lastSyncAt: TEST_SYNC_NOW, error: undefined };
      return answer();
    }),
    resolve: vi.fn(async (mutationId: string, resolution: 'merge' | 'dismiss') => {
      const refused = state.refused.find((r) => r.mutationId === mutationId);
      if (!refused) {
        throw Object.assign(new Error(`No refused change ${mutationId}`), { code: 'not-found' });
      }
      if (resolution === 'merge' && refused.code !== 'email_taken') {
        throw Object.assign(new Error('Only an address taken by another customer can merge'), {
          code: 'invalid-input',
        });
      }
      state = { ...state, refused: state.refused.filter((r) => r !== refused) };
      return answer();
    }),
  } satisfies SyncService;

  /** What the service holds now, for assertions (without recording a `status` call). */
  return Object.assign(service, { current: answer });
}

export type RecordingSync = ReturnType<typeof recordingSync>;

/** A refused change as the engine keeps it; `email_taken` unless overridden. */
export function refusal(overrides: Partial<RefusedChange> = {}): RefusedChange {
  return {
    mutationId: '000000000000007',
    code: 'email_taken',
    reason: 'Another customer of the team already has dana@gmail.com.',
    table: 'customers',
    id: '0190f1c2-0000-7000-8000-000000000001',
    conflictWith: '0190f1c2-0000-7000-8000-000000000002',
    label: 'Dana Levi',
    conflictLabel: 'Dana Levi (Acme)',
    at: TEST_SYNC_NOW,
    ...overrides,
  };
}
