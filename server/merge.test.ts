import { describe, expect, it } from 'vitest';
import { DEAL_STAGES } from '../lib/model';
import { formatHlc } from '../lib/sync/hlc';
import { newRowProblem } from './fields';
import { applyMutation, opClock, wireFields, type RowState } from './merge';
import { Mutation, storableText, valueProblem } from './protocol';

const at = (wall: number, client = 'a') => formatHlc({ wall, counter: 0 }, client);
const ctx = { teamId: 't1', userId: 'u1', now: 1_000_000 };

function mutation(op: 'upsert' | 'delete' | 'restore', fields: Record<string, [unknown, number]>) {
  return Mutation.parse({
    mutationId: '000000000000001',
    table: 'deals',
    id: 'd1',
    op,
    fields: Object.fromEntries(
      Object.entries(fields).map(([k, [value, wall]]) => [k, { value, hlc: at(wall) }]),
    ),
  });
}

function apply(row: RowState | undefined, ...mutations: ReturnType<typeof mutation>[]) {
  let current = row;
  let changed = false;
  for (const m of mutations) {
    const result = applyMutation(current, m, ctx);
    current = result.row;
    changed ||= result.changed;
  }
  return { row: current!, changed };
}

describe('merge', () => {
  it('keeps, per field, the value with the later clock whatever the arrival order', () => {
    const a = mutation('upsert', { name: ['A', 20], notes: ['a', 10] });
    const b = mutation('upsert', { name: ['B', 10], notes: ['b', 20], stage: ['lead', 5] });
    const ab = apply(undefined, a, b).row;
    const ba = apply(undefined, b, a).row;
    expect(ab.fields).toEqual(ba.fields);
    expect(Object.fromEntries(Object.entries(ab.fields).map(([k, f]) => [k, f.value]))).toEqual({
      name: 'A',
      notes: 'b',
      stage: 'lead',
    });
  });

  it('treats the same clock again as the same write: no change', () => {
    const first = apply(undefined, mutation('upsert', { name: ['A', 10] })).row;
    const again = applyMutation(first, mutation('upsert', { name: ['Z', 10] }), ctx);
    expect(again.changed).toBe(false);
    expect(again.row.fields.name!.value).toBe('A');
  });

  it('never lets an edit undelete; delete and restore order by their clocks', () => {
    const created = apply(undefined, mutation('upsert', { name: ['A', 10] })).row;
    const deleted = apply(created, mutation('delete', { deleted: [true, 20] })).row;
    const edited = apply(
      deleted,
      mutation('upsert', { name: ['B', 99], deleted: [false, 99] }),
    ).row;
    expect(edited.deleted).toBe(true);
    expect(edited.fields.name!.value).toBe('B');
    expect(edited.fields.deleted).toBeUndefined();
    expect(apply(edited, mutation('restore', { deleted: [false, 15] })).row.deleted).toBe(true);
    const restored = apply(edited, mutation('restore', { deleted: [false, 30] })).row;
    expect(restored.deleted).toBe(false);
    expect(wireFields(restored).deleted).toEqual({ value: false, hlc: at(30) });
  });

  it('dates a delete by its own clock, else its latest field, else its arrival', () => {
    expect(opClock(mutation('delete', { deleted: [true, 5], updatedAt: [1, 9] }), 0)).toBe(at(5));
    expect(opClock(mutation('delete', { updatedAt: [1, 9], notes: ['x', 7] }), 0)).toBe(at(9));
    expect(opClock(mutation('delete', {}), 123)).toBe(
      formatHlc({ wall: 123, counter: 0 }, 'server'),
    );
  });

  it('ignores id and teamId in fields: the server owns them', () => {
    const row = apply(undefined, mutation('upsert', { teamId: ['t2', 10], name: ['A', 10] })).row;
    expect(row.teamId).toBe('t1');
    expect(Object.keys(row.fields)).toEqual(['name']);
  });
});

describe('convergence', () => {
  const WHOLE_DEAL = {
    customerId: 'cu',
    name: 'Deal',
    stage: 'lead',
    value: 0,
    currency: 'EUR',
    createdAt: 0,
    updatedAt: 0,
  };
  /** Model-valid values, so every state the mutations reach is a whole deal. */
  const VALUES: Record<string, (i: number) => unknown> = {
    name: (i) => `name${i}`,
    stage: (i) => DEAL_STAGES[i % DEAL_STAGES.length],
    value: (i) => i * 10,
    notes: (i) => (i % 3 === 0 ? null : `notes${i}`),
  };

  /** Seeded xorshift32: a failing case can be replayed from its seed. */
  function random(seed: number): () => number {
    let x = seed >>> 0 || 1;
    return () => {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x / 2 ** 32;
    };
  }

  it('reaches the same row whatever order the mutations of several clients arrive in', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const mutations = Array.from({ length: 2 + Math.floor(rnd() * 8) }, (_, i) => {
        const op = pick(['upsert', 'upsert', 'delete', 'restore'] as const);
        // Distinct clocks, as HLCs are (the client id breaks ties between clients).
        const hlc = formatHlc({ wall: Math.floor(rnd() * 50), counter: i }, pick(['a', 'b', 'c']));
        const fields: Record<string, { value: unknown; hlc: string }> = {};
        for (const name of ['name', 'stage', 'value', 'notes']) {
          if (op === 'upsert' && rnd() < 0.6) fields[name] = { value: VALUES[name]!(i), hlc };
        }
        if (op !== 'upsert') fields.deleted = { value: op === 'delete', hlc };
        return Mutation.parse({
          mutationId: '000000000000001',
          table: 'deals',
          id: 'd',
          op,
          fields,
        });
      });
      // The row is created whole (the server creates no other kind); the rest edit it.
      const first = formatHlc({ wall: 0, counter: 0 }, 'a');
      const create = Mutation.parse({
        mutationId: '000000000000001',
        table: 'deals',
        id: 'd',
        op: 'upsert',
        fields: Object.fromEntries(
          Object.entries({ ...WHOLE_DEAL, name: 'first' }).map(([k, value]) => [
            k,
            { value, hlc: first },
          ]),
        ),
      });
      expect(newRowProblem(applyMutation(undefined, create, ctx).row)).toBeNull();
      const shuffled = [...mutations].sort(() => rnd() - 0.5);
      const inOrder = apply(undefined, create, ...mutations).row;
      const reordered = apply(undefined, create, ...shuffled).row;
      expect(reordered.fields, `seed ${seed}`).toEqual(inOrder.fields);
      expect(newRowProblem(reordered), `seed ${seed}`).toBeNull();
      expect([reordered.deleted, reordered.deletedHlc], `seed ${seed}`).toEqual([
        inOrder.deleted,
        inOrder.deletedHlc,
      ]);
    }
  });
});

describe('field values', () => {
  const nest = (depth: number): unknown => (depth === 0 ? 1 : [nest(depth - 1)]);
  it('allow 16 levels of nesting and refuse 17', () => {
    expect(valueProblem(nest(16), 16)).toBeNull();
    expect(valueProblem(nest(17), 16)).toMatch(/16 levels/);
    expect(valueProblem({ a: { b: 'x' } }, 2)).toBeNull();
  });

  it('refuse text PostgreSQL cannot store', () => {
    expect(storableText('שלום 👋')).toBe(true);
    expect(storableText('a\u0000b')).toBe(false);
    expect(storableText('\ud800')).toBe(false);
    expect(valueProblem({ ['k\u0000']: 1 }, 16)).toMatch(/NUL/);
  });
});
