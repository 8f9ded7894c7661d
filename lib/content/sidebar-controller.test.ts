import { describe, expect, it } from 'vitest';
import type { CustomerFile, PageContext, ParticipantMatch } from '../model';
import { DEFAULT_SETTINGS } from '../model';
import type { ProtocolMap } from '../messaging/protocol';
import { SidebarController, contextKey, type Send } from './sidebar-controller';

function context(threadId: string, emails: string[]): PageContext {
  return {
    site: 'gmail',
    url: `https://mail.google.com/mail/u/0/#inbox/${threadId}`,
    threadId,
    subject: `Subject ${threadId}`,
    participants: emails.map((email, i) => ({ email, name: email, role: i === 0 ? 'from' : 'to' })),
    messageIds: [`m-${threadId}`],
    messages: [{ id: `m-${threadId}`, from: emails[0] }],
  };
}

function match(email: string, customerId?: string): ParticipantMatch {
  return {
    participant: { email, name: email, role: 'from' },
    match: customerId
      ? { customerId, customerName: `Customer ${customerId}`, kind: 'person', by: 'email' }
      : null,
    suggestion: { kind: 'person', personName: email, email },
    neverLog: false,
  };
}

const settings = { id: 'team', teamId: 'local', createdAt: 0, updatedAt: 0, deleted: false, ...DEFAULT_SETTINGS };

/** A background that answers from a table, and can hold answers back to test races. */
function fakeBackground(matchesFor: (ctx: PageContext) => ParticipantMatch[]) {
  const calls: Array<{ name: string; data: unknown }> = [];
  const held: Array<() => void> = [];
  let hold = false;
  const send: Send = async (name, data) => {
    calls.push({ name, data });
    if (hold && name === 'matchContext') await new Promise<void>((resolve) => held.push(resolve));
    const answer = (value: unknown) => ({ ok: true, value }) as never;
    switch (name as keyof ProtocolMap) {
      case 'matchContext':
        return answer({ matches: matchesFor(data as PageContext) });
      case 'getSettings':
        return answer({ settings });
      case 'getCustomerFile': {
        const { customerId } = data as { customerId: string };
        const file = { customer: { id: customerId, name: `Customer ${customerId}` } } as unknown as CustomerFile;
        return answer({ file, loggedMessageIds: [] });
      }
      case 'logEmail':
        return { ok: false, error: { code: 'never-log', message: 'a@b.c is on the never-log list' } } as never;
      default:
        return answer({});
    }
  };
  return {
    send,
    calls,
    holdMatches: (on: boolean) => (hold = on),
    release: () => held.splice(0).forEach((r) => r()),
  };
}

describe('SidebarController', () => {
  it('matches the thread and loads the best match first', async () => {
    const bg = fakeBackground(() => [match('a@x.com', 'c1'), match('b@y.com')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['a@x.com', 'b@y.com']));
    expect(controller.current.status).toBe('ready');
    expect(controller.current.selectedEmail).toBe('a@x.com');
    expect(controller.current.file?.customer.id).toBe('c1');
  });

  it('shows an unknown sender as a ready state without a file', async () => {
    const bg = fakeBackground(() => [match('new@x.com')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['new@x.com']));
    expect(controller.current.status).toBe('ready');
    expect(controller.current.file).toBeNull();
    expect(bg.calls.some((c) => c.name === 'getCustomerFile')).toBe(false);
  });

  it('says nobody when every participant was dropped', async () => {
    const bg = fakeBackground(() => []);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['me@agent.com']));
    expect(controller.current.status).toBe('nobody');
  });

  it('ignores a re-read of the same thread', async () => {
    const bg = fakeBackground(() => [match('a@x.com', 'c1')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['a@x.com']));
    const before = bg.calls.length;
    await controller.setContext(context('t1', ['a@x.com']));
    expect(bg.calls.length).toBe(before);
  });

  it('drops a slow answer for a thread the agent already left', async () => {
    const bg = fakeBackground((ctx) =>
      ctx.threadId === 't1' ? [match('a@x.com', 'old')] : [match('b@y.com', 'new')],
    );
    const controller = new SidebarController(bg.send);
    bg.holdMatches(true);
    const first = controller.setContext(context('t1', ['a@x.com']));
    const second = controller.setContext(context('t2', ['b@y.com']));
    bg.release();
    await new Promise((r) => setTimeout(r, 0));
    bg.release();
    await Promise.all([first, second]);
    expect(controller.current.context?.threadId).toBe('t2');
    expect(controller.current.file?.customer.id).toBe('new');
  });

  it('keeps the selected participant across a refresh and switches on select', async () => {
    const bg = fakeBackground(() => [match('a@x.com', 'c1'), match('b@y.com', 'c2')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['a@x.com', 'b@y.com']));
    await controller.select('b@y.com');
    expect(controller.current.file?.customer.id).toBe('c2');
    await controller.onChange({ tables: ['interactions'], customerIds: ['c2'] });
    expect(controller.current.selectedEmail).toBe('b@y.com');
    await controller.select('not-on-thread@z.com');
    expect(controller.current.selectedEmail).toBe('b@y.com');
  });

  it('turns a refused log into an error with the background message', async () => {
    const bg = fakeBackground(() => [match('a@b.c', 'c1')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['a@b.c']));
    await expect(controller.logEmail()).rejects.toThrow('never-log list');
  });

  it('goes idle off a thread', async () => {
    const bg = fakeBackground(() => [match('a@x.com', 'c1')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['a@x.com']));
    await controller.setContext(null);
    expect(controller.current.status).toBe('idle');
    expect(contextKey(null)).toBe('');
  });
});
