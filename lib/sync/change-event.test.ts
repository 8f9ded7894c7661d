import { describe, expect, it } from 'vitest';
import { toChangeEvent } from './change-event';

describe('toChangeEvent', () => {
  it('names each table and customer once; settings name no customer', () => {
    expect(
      toChangeEvent([
        { table: 'interactions', id: 'i1', customerId: 'c2' },
        { table: 'interactions', id: 'i1', customerId: 'c1' },
        { table: 'customers', id: 'c1', customerId: 'c1' },
        { table: 'settings', id: 'team' },
      ]),
    ).toEqual({ tables: ['interactions', 'customers', 'settings'], customerIds: ['c2', 'c1'] });
  });
});
