import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['050-123-4567', 'IL', '+972501234567'],
    ['+972 50-123-4567', 'LV', '+972501234567'],
    ['03-123-4567', 'IL', '+97231234567'],
    ['2612 3456', 'LV', '+37126123456'],
    ['+371 2612 3456', 'IL', '+37126123456'],
    ['(202) 555-0100', 'US', '+12025550100'],
    ['2612 3456', 'lv', '+37126123456'],
  ])('%j in %s → %s', (raw, region, expected) => {
    expect(normalizePhone(raw, region)).toBe(expected);
  });

  it.each([
    ['', 'IL'],
    ['12345', 'IL'],
    ['050-123-456', 'IL'],
    ['9999 9999', 'LV'],
    ['not a phone', 'IL'],
    ['050-123-4567', 'ZZ'],
    ['1'.repeat(1_000), 'IL'],
    ['+972 50-123-4567<script>alert(1)</script>'.repeat(5), 'IL'],
  ])('refuses %j in %s', (raw, region) => {
    expect(normalizePhone(raw, region)).toBeNull();
  });

  it('reads a number with a country code even when the region is unknown', () => {
    expect(normalizePhone('+972501234567', 'ZZ')).toBe('+972501234567');
  });
});
