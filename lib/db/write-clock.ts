import { INITIAL_HLC_STATE, tickHlc, type HlcState } from '../sync/hlc';
import { metaRow, newClientId, readMeta } from './meta';
import type { KesherDB, MetaRow } from './schema';

const MUTATION_ID_DIGITS = 15;

/**
 * The clock and outbox counter for one write, read from `meta` when the write starts and
 * written back with its rows. Both live in the write's own transaction, so a write that
 * aborts leaves them as they were and one that commits never reuses a clock or a sequence.
 */
export class WriteClock {
  private changedMeta = false;

  private constructor(
    readonly clientId: string,
    private state: HlcState,
    private seq: number,
    private readonly freshClientId: boolean,
  ) {}

  /** Must run inside the write's read-write transaction (it reads `meta`). */
  static async load(db: KesherDB): Promise<WriteClock> {
    const [clientId, state, seq] = await Promise.all([
      readMeta(db, 'clientId'),
      readMeta(db, 'hlc'),
      readMeta(db, 'outboxSeq'),
    ]);
    return new WriteClock(
      clientId ?? newClientId(),
      state ?? INITIAL_HLC_STATE,
      seq ?? 0,
      clientId === undefined,
    );
  }

  /** The next clock: one per change, shared by every field that change sets. */
  tick(now: number): string {
    const next = tickHlc(this.state, now, this.clientId);
    this.state = next.state;
    this.changedMeta = true;
    return next.hlc;
  }

  /** The next outbox position and the mutation id the server will know it by. */
  nextMutation(): { seq: number; mutationId: string } {
    this.seq += 1;
    this.changedMeta = true;
    return { seq: this.seq, mutationId: String(this.seq).padStart(MUTATION_ID_DIGITS, '0') };
  }

  /** What to put into `meta` at the end of the write; nothing when nothing was issued. */
  metaRows(): MetaRow[] {
    if (!this.changedMeta) return [];
    const rows = [metaRow('hlc', this.state), metaRow('outboxSeq', this.seq)];
    if (this.freshClientId) rows.push(metaRow('clientId', this.clientId));
    return rows;
  }
}
