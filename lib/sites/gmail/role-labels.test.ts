import { describe, expect, it } from 'vitest';
import { roleFromLabel } from './role-labels';

describe('roleFromLabel', () => {
  it.each([
    ['from:', 'from'],
    [' To: ', 'to'],
    ['cc:', 'cc'],
    ['BCC :', 'bcc'],
    ['מאת:', 'from'],
    ['\u200fאל:', 'to'],
    ['עותק:', 'cc'],
    ['עותק מוסתר:', 'bcc'],
    ['no:', 'from'],
    ['kam:', 'to'],
    ['kopija:', 'cc'],
  ])('%j → %s', (label, role) => {
    expect(roleFromLabel(label)).toBe(role);
  });

  it.each(['reply-to:', 'date:', 'mailed-by:', 'an:', '', 'constructor', '__proto__'])(
    '%j is no role',
    (label) => {
      expect(roleFromLabel(label)).toBeUndefined();
    },
  );
});
