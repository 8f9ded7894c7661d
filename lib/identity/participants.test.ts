import { describe, expect, it } from 'vitest';
import type { Participant } from '../model';
import { cleanName, prepareParticipants } from './participants';

const none = { addresses: [], domains: [] };
const emails = (list: { participant: Participant }[]) => list.map((p) => p.participant.email);

describe('prepareParticipants', () => {
  it('normalises addresses and drops invalid ones', () => {
    const out = prepareParticipants(
      [
        { email: 'MAILTO:Dana@Acme.co.il', name: 'Dana', role: 'from' },
        { email: '"<script>"@x', name: 'x', role: 'to' },
        { email: 'x'.repeat(300), name: '', role: 'to' },
      ],
      { agentEmails: [], neverShow: none },
    );
    expect(emails(out)).toEqual(['dana@acme.co.il']);
  });

  it('dedupes by address, keeping the strongest role and a non-empty name', () => {
    const out = prepareParticipants(
      [
        { email: 'dana@acme.co.il', name: '', role: 'cc' },
        { email: 'noa@acme.co.il', name: 'Noa', role: 'to' },
        { email: 'DANA@acme.co.il', name: 'Dana Levi', role: 'bcc' },
        { email: 'dana@acme.co.il', name: 'D.', role: 'from' },
      ],
      { agentEmails: [], neverShow: none },
    );
    expect(out).toEqual([
      { participant: { email: 'dana@acme.co.il', name: 'Dana Levi', role: 'from' }, order: 0 },
      { participant: { email: 'noa@acme.co.il', name: 'Noa', role: 'to' }, order: 1 },
    ]);
  });

  it('excludes the agent, by account and by configured addresses', () => {
    const out = prepareParticipants(
      [
        { email: 'agent@kesher-demo.com', name: 'me', role: 'from' },
        { email: 'Agent.Two@Kesher-Demo.com', name: '', role: 'cc' },
        { email: 'dana@acme.co.il', name: '', role: 'to' },
      ],
      {
        agentEmails: ['agent.two@kesher-demo.com'],
        account: 'AGENT@kesher-demo.com',
        neverShow: none,
      },
    );
    expect(emails(out)).toEqual(['dana@acme.co.il']);
  });

  it('drops never-show addresses and domains (registrable domain and subdomains)', () => {
    const out = prepareParticipants(
      [
        { email: 'noreply@notify.vendor.lv', name: '', role: 'from' },
        { email: 'billing@bank.co.il', name: '', role: 'to' },
        { email: 'dana@acme.co.il', name: '', role: 'to' },
      ],
      { agentEmails: [], neverShow: { addresses: ['billing@bank.co.il'], domains: ['vendor.lv'] } },
    );
    expect(emails(out)).toEqual(['dana@acme.co.il']);
  });
});

describe('cleanName', () => {
  it('keeps Hebrew and Latvian names as text', () => {
    expect(cleanName('  דנה   לוי ', 'd@x.co.il')).toBe('דנה לוי');
    expect(cleanName('Ilze Bērziņa', 'i@x.lv')).toBe('Ilze Bērziņa');
  });

  it('keeps markup as inert text but strips control and bidi-override characters', () => {
    expect(cleanName('<img src=x onerror=alert(1)>', 'a@b.com')).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(cleanName('Dana\u202eiloveL\u0000\u001b[31m', 'a@b.com')).toBe('DanailoveL [31m');
  });

  it('bounds length and treats a bare address as no name', () => {
    expect(cleanName('x'.repeat(1_000), 'a@b.com')).toHaveLength(200);
    expect(cleanName('Dana@Acme.co.il', 'dana@acme.co.il')).toBe('');
  });
});
