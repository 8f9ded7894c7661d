import type { AuthUser } from './context';
import { LIMITS, type PushBody, type PushResponse } from './protocol';
import { applyPushes, type PushRequest } from './push';
import { clientKey } from './push-clients';
import type { Storage } from './storage/open';

/**
 * Group commit. Pushes of one team are serialized by the team's row lock for the whole of
 * their transaction (several round trips), so one team's push rate is bounded by how many
 * such transactions commit in a second, and every push waiting for the lock holds a pooled
 * connection the pulls then lack. Instead, this process runs at most one push transaction
 * per team at a time; pushes of the team that arrive meanwhile wait here and are applied
 * together in the next one, each answered with its own response (server/push.ts applies
 * them one after another, as if each had its own transaction). An idle team's push starts at
 * once: nothing waits to fill a group.
 *
 * A group holds at most one push per client (a client's later push waits for the next
 * group, keeping its order) and at most LIMITS.maxMutations mutations (any one push fits).
 * When a group's transaction fails, its pushes are tried again each in its own, so one push
 * that cannot commit never fails the others. Other server processes on the same database
 * are still ordered by the row lock.
 */

interface Waiting {
  request: PushRequest;
  resolve(answer: PushResponse): void;
  reject(error: unknown): void;
}

export class PushQueue {
  /** Per team with a transaction in flight: the pushes waiting for the next one. */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    private readonly storage: Storage,
    private readonly maxMutations: number = LIMITS.maxMutations,
  ) {}

  push(user: AuthUser, body: PushBody, now: number): Promise<PushResponse> {
    return new Promise((resolve, reject) => {
      const entry = { request: { user, body, now }, resolve, reject };
      const queue = this.waiting.get(user.teamId);
      if (queue) {
        queue.push(entry);
        return;
      }
      this.waiting.set(user.teamId, [entry]);
      void this.drain(user.teamId);
    });
  }

  private async drain(teamId: string): Promise<void> {
    const queue = this.waiting.get(teamId)!;
    while (queue.length > 0) await this.commit(teamId, takeGroup(queue, this.maxMutations));
    this.waiting.delete(teamId);
  }

  private async commit(teamId: string, group: readonly Waiting[]): Promise<void> {
    let answers: PushResponse[];
    try {
      answers = await this.storage.db.transaction().execute((trx) =>
        applyPushes(
          trx,
          teamId,
          group.map((w) => w.request),
        ),
      );
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const w of group) await this.commit(teamId, [w]);
      return;
    }
    group.forEach((w, i) => w.resolve(answers[i]!));
  }
}

/**
 * Removes from `queue` and returns the next group: pushes in arrival order, skipping (for
 * the next group) a client's second push and any push that would take the group over
 * `maxMutations`, and with it the client's later pushes. The first push always goes.
 */
export function takeGroup<T extends { request: PushRequest }>(
  queue: T[],
  maxMutations: number,
): T[] {
  const group: T[] = [];
  /** Clients with a push in the group or left waiting: their later pushes wait too. */
  const seen = new Set<string>();
  let mutations = 0;
  for (let i = 0; i < queue.length;) {
    const { user, body } = queue[i]!.request;
    const key = clientKey({ userId: user.id, clientId: body.clientId });
    const fits = group.length === 0 || mutations + body.mutations.length <= maxMutations;
    const first = !seen.has(key);
    seen.add(key);
    if (fits && first) {
      group.push(...queue.splice(i, 1));
      mutations += body.mutations.length;
    } else {
      i++;
    }
  }
  return group;
}
