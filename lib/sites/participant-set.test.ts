import { describe, expect, it } from 'vitest';
import { ParticipantSet, type SeenAddress } from './participant-set';

const seen = (over: Partial<SeenAddress>): SeenAddress => ({
  email: 'dana@acme.co.il',
  name: '',
  role: 'to',
  roleKnown: false,
  nameQuality: 2,
  ...over,
});

describe('ParticipantSet', () => {
  it('normalises addresses, drops invalid ones and keeps first-appearance order', () => {
    const set = new ParticipantSet();
    expect(set.add(seen({ email: ' Dana@ACME.co.il ' }))).toBe('dana@acme.co.il');
    expect(set.add(seen({ email: '"<script>"@x' }))).toBeNull();
    expect(set.add(seen({ email: null }))).toBeNull();
    set.add(seen({ email: 'noa@acme.co.il' }));
    set.add(seen({ email: 'DANA@acme.co.il' }));
    expect(set.list().map((p) => p.email)).toEqual(['dana@acme.co.il', 'noa@acme.co.il']);
  });

  it('lets a stated role beat a guessed one, and the stronger stated role win', () => {
    const set = new ParticipantSet();
    set.add(seen({ role: 'to', roleKnown: false }));
    set.add(seen({ role: 'cc', roleKnown: true }));
    expect(set.list()[0]!.role).toBe('cc');
    set.add(seen({ role: 'to', roleKnown: false }));
    expect(set.list()[0]!.role).toBe('cc');
    set.add(seen({ role: 'from', roleKnown: true }));
    expect(set.list()[0]!.role).toBe('from');
    set.add(seen({ role: 'bcc', roleKnown: true }));
    expect(set.list()[0]!.role).toBe('from');
  });

  it('keeps the better-placed name, and never an address as a name', () => {
    const set = new ParticipantSet();
    set.add(seen({ name: 'me', nameQuality: 1 }));
    set.add(seen({ name: '', nameQuality: 2 }));
    expect(set.list()[0]!.name).toBe('me');
    set.add(seen({ name: '  Dana\n Levi ', nameQuality: 2 }));
    set.add(seen({ name: 'Dana', nameQuality: 1 }));
    expect(set.list()[0]!.name).toBe('Dana Levi');
    set.add(seen({ email: 'x@acme.co.il', name: 'X@Acme.co.il' }));
    expect(set.list()[1]!.name).toBe('');
  });

  it('bounds names and the number of participants to what the model accepts', () => {
    const set = new ParticipantSet();
    for (let i = 0; i < 600; i++)
      set.add(seen({ email: `p${i}@acme.co.il`, name: 'n'.repeat(300) }));
    expect(set.list()).toHaveLength(500);
    expect(set.list()[0]!.name).toHaveLength(200);
  });

  it('hands out copies', () => {
    const set = new ParticipantSet();
    set.add(seen({}));
    set.list()[0]!.role = 'bcc';
    expect(set.list()[0]!.role).toBe('to');
  });
});
