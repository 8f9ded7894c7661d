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

const settings = {
  id: 'team',
  teamId: 'local',
  createdAt: 0,
  updatedAt: 0,
  deleted: false,
  ...DEFAULT_SETTINGS,
};

const fileOf = (customerId: string) =>
  ({ customer: { id: customerId, name: `Customer ${customerId}` } }) as unknown as CustomerFile;

/** A background that answers from a table, and can hold answers back to test races. */
function fakeBackground(
  matchesFor: (ctx: PageContext) => ParticipantMatch[],
  team: { logBodies?: boolean } = {},
) {
  const calls: Array<{ name: string; data: unknown }> = [];
  const held: Array<() => void> = [];
  let hold = false;
  const send: Send = async (name, data) => {
    calls.push({ name, data });
    const answer = (value: unknown) => ({ ok: true, value }) as never;
    switch (name as keyof ProtocolMap) {
      case 'openThread': {
        const input = data as { context: PageContext; selectedEmail?: string };
        if (hold) await new Promise<void>((resolve) => held.push(resolve));
        const matches = matchesFor(input.context);
        const selected =
          matches.find((m) => m.participant.email === input.selectedEmail) ?? matches[0];
        const customerId = selected?.match?.customerId;
        return answer({
          matches,
          selectedEmail: selected?.participant.email ?? null,
          file: customerId ? fileOf(customerId) : null,
          loggedMessageIds: [],
          settings: {
            currency: settings.currency,
            customFieldDefs: [],
            logBodies: !!team.logBodies,
          },
        });
      }
      case 'getSettings':
        return answer({ settings });
      case 'getCustomerFile': {
        const { customerId } = data as { customerId: string };
        return answer({ file: fileOf(customerId), loggedMessageIds: [] });
      }
      case 'logEmail':
        if ((data as { participantEmail: string }).participantEmail === 'ok@b.c') {
          return answer({ logged: 1, alreadyLogged: 0 });
        }
        return {
          ok: false,
          error: { code: 'never-log', message: 'a@b.c is on the never-log list' },
        } as never;
      default:
        return answer({});
    }
  };
  return {
    send,
    calls,
    holdMatches: (on: boolean) => (hold = on),
    release: () => held.splice(0).forEach((r) => r()),
    /** Answers the newest request first, so the older answer arrives last. */
    releaseNewestFirst: async () => {
      for (const resolve of held.splice(0).reverse()) {
        resolve();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
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

  it('shows "loading" only when the answer is slow', async () => {
    const bg = fakeBackground(() => [match('a@x.com', 'c1')]);
    const controller = new SidebarController(bg.send);
    const seen: string[] = [];
    controller.subscribe((s) => seen.push(s.status));
    await controller.setContext(context('t1', ['a@x.com']));
    expect(seen).not.toContain('loading');

    bg.holdMatches(true);
    const opening = controller.setContext(context('t2', ['a@x.com']));
    await new Promise((r) => setTimeout(r, 250));
    expect(controller.current.status).toBe('loading');
    bg.release();
    await opening;
    expect(controller.current.status).toBe('ready');
  });

  it('shows an unknown sender as a ready state without a file', async () => {
    const bg = fakeBackground(() => [match('new@x.com')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['new@x.com']));
    expect(controller.current.status).toBe('ready');
    expect(controller.current.file).toBeNull();
    expect(bg.calls.map((c) => c.name)).toEqual(['openThread']);
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
    await new Promise((r) => setTimeout(r, 0));
    await bg.releaseNewestFirst();
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

  it('marks the thread logged once the background confirms the write', async () => {
    const bg = fakeBackground(() => [match('ok@b.c', 'c1')]);
    const controller = new SidebarController(bg.send);
    await controller.setContext(context('t1', ['ok@b.c']));
    expect(controller.current.loggedMessageIds).toEqual([]);
    await controller.logEmail();
    expect(controller.current.loggedMessageIds).toEqual(['m-t1']);
  });

  it('sends message bodies with a log only when the team keeps them', async () => {
    for (const logBodies of [false, true]) {
      const bg = fakeBackground(() => [match('ok@b.c', 'c1')], { logBodies });
      let reads = 0;
      const controller = new SidebarController(bg.send, () => {
        reads++;
        return { 'm-t1': 'The text' };
      });
      await controller.setContext(context('t1', ['ok@b.c']));
      await controller.logEmail();
      const sent = bg.calls.find((c) => c.name === 'logEmail')!.data as {
        context: PageContext;
      };
      expect(sent.context.messages[0]!.body).toBe(logBodies ? 'The text' : undefined);
      expect(reads).toBe(logBodies ? 1 : 0);
    }
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
