import { describe, expect, it } from 'vitest';
import { TABLES, type TableName } from '../lib/model';
import { formatHlc } from '../lib/sync/hlc';
import { newRowProblem } from './fields';
import type { FieldMap } from './storage/schema';
import { wholeRow } from './test-support';

const hlc = formatHlc({ wall: 1_000, counter: 0 }, 'a');
const NOW = 1_700_000_000_000;

function row(table: TableName, values: Record<string, unknown>, deleted = false) {
  const fields: FieldMap = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value, hlc }]),
  );
  return { table, id: 'r1', teamId: 't1', deleted, fields };
}

describe('a new row', () => {
  it('passes when whole, on every table, live or deleted', () => {
    for (const table of TABLES) {
      expect(newRowProblem(row(table, wholeRow(table, NOW))), table).toBeNull();
      expect(newRowProblem(row(table, wholeRow(table, NOW), true)), table).toBeNull();
    }
  });

  it('names the fields it lacks and the fields it has', () => {
    expect(newRowProblem(row('customers', { emails: ['a@b.test'] }))).toBe(
      'A new customers row needs kind, name, domains, phones, address, acquisition, tags, ' +
        'customFields, consent, createdAt, updatedAt: it has only emails.',
    );
    const { stage: _s, currency: _c, ...deal } = wholeRow('deals', NOW);
    expect(newRowProblem(row('deals', deal))).toBe(
      'A new deals row needs stage, currency: it has only customerId, name, value, createdAt, updatedAt.',
    );
    expect(newRowProblem(row('orders', {}, true))).toMatch(
      /^A new orders row needs customerId, at, amount, currency, status, createdAt, updatedAt: it has no fields\.$/,
    );
  });

  it('counts a field sent as null (removed) as missing', () => {
    expect(newRowProblem(row('deals', { ...wholeRow('deals', NOW), name: null }))).toBe(
      'A new deals row needs name: it has only customerId, stage, value, currency, createdAt, updatedAt.',
    );
  });

  it("holds the server's columns to the model too: an id too long for any client", () => {
    expect(newRowProblem({ ...row('deals', wholeRow('deals', NOW)), id: 'x'.repeat(65) })).toMatch(
      /^In a new deals row, the field "id" is not valid: /,
    );
  });
});
