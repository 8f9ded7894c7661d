import { describe, expect, it } from 'vitest';
import { parseAgentEmail, parseNeverEntry } from './entries';

describe('never-list entries', () => {
  it('reads addresses and domains in the lower-case form the lists keep', () => {
    expect(parseNeverEntry(' Bob@Example.COM ')).toEqual({
      kind: 'address',
      value: 'bob@example.com',
    });
    expect(parseNeverEntry('Acme.CO.IL')).toEqual({ kind: 'domain', value: 'acme.co.il' });
    expect(parseNeverEntry('@inbox.lv')).toEqual({ kind: 'domain', value: 'inbox.lv' });
  });

  it.each(['', 'acme', 'two words.com', 'a@b@c.com', '@', 'http://acme.com/x', '10.0.0.1'])(
    'refuses "%s"',
    (raw) => {
      expect(parseNeverEntry(raw)).toBeNull();
    },
  );
});

describe('own addresses', () => {
  it('lower-cases a plausible address and refuses anything else', () => {
    expect(parseAgentEmail('Dana.Levi@Kesher.App')).toBe('dana.levi@kesher.app');
    expect(parseAgentEmail('dana@')).toBeNull();
    expect(parseAgentEmail('dana levi@kesher.app')).toBeNull();
  });
});
