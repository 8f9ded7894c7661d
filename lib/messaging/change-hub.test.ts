import { describe, expect, it } from 'vitest';
import { createChangeHub, type ChangePort } from './change-hub';
import { CHANGES_PORT, type ChangeEvent } from './ports';

function port(name: string, senderId: string) {
  const received: ChangeEvent[] = [];
  const onDisconnect: Array<() => void> = [];
  let disconnected = false;
  const p: ChangePort & { disconnect(): void } = {
    name,
    sender: { id: senderId },
    postMessage: (m) => received.push(m),
    onDisconnect: { addListener: (cb) => onDisconnect.push(cb) },
    disconnect: () => (disconnected = true),
  };
  return {
    p,
    received,
    drop: () => onDisconnect.forEach((cb) => cb()),
    isDisconnected: () => disconnected,
  };
}

describe('change hub', () => {
  it('tells every open sidebar, and forgets closed ones', () => {
    const hub = createChangeHub('ext');
    const a = port(CHANGES_PORT, 'ext');
    const b = port(CHANGES_PORT, 'ext');
    expect(hub.accept(a.p)).toBe(true);
    expect(hub.accept(b.p)).toBe(true);
    hub.notify({ tables: ['interactions'], customerIds: ['c1'] });
    a.drop();
    hub.notify({ tables: ['customers'], customerIds: ['c2'] });
    expect(a.received).toHaveLength(1);
    expect(b.received.map((e) => e.customerIds[0])).toEqual(['c1', 'c2']);
    expect(hub.size).toBe(1);
  });

  it('refuses ports of other extensions and other names', () => {
    const hub = createChangeHub('ext');
    const foreign = port(CHANGES_PORT, 'evil');
    const other = port('something-else', 'ext');
    expect(hub.accept(foreign.p)).toBe(false);
    expect(hub.accept(other.p)).toBe(false);
    expect(foreign.isDisconnected()).toBe(true);
    hub.notify({ tables: ['customers'], customerIds: [] });
    expect(foreign.received).toHaveLength(0);
  });
});
