import { describe, expect, it } from 'vitest';
import { Customer, DEFAULT_SETTINGS, Interaction, PageContext, SettingsFields } from './index';

const base = {
  id: '0190f1c2-0000-7000-8000-000000000001',
  teamId: 'local',
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
};

describe('model', () => {
  it('accepts a complete customer and refuses a malformed phone', () => {
    const customer = {
      ...base,
      kind: 'company',
      name: 'Acme',
      domains: ['acme.co.il'],
      emails: ['info@acme.co.il'],
      phones: ['+972501234567'],
      address: { city: 'Haifa', country: 'IL' },
      acquisition: { channel: 'referral' },
      tags: ['vip'],
      customFields: { vat: '123' },
      consent: {},
    };
    expect(Customer.parse(customer).name).toBe('Acme');
    expect(Customer.safeParse({ ...customer, phones: ['050-1234567'] }).success).toBe(false);
  });

  it('keeps CSAT and NPS scores on their own scales', () => {
    const i = { ...base, customerId: base.id, channel: 'phone', direction: 'inbound', at: 5 };
    expect(Interaction.safeParse({ ...i, satisfaction: { scale: 'csat', score: 5 } }).success).toBe(
      true,
    );
    expect(Interaction.safeParse({ ...i, satisfaction: { scale: 'csat', score: 9 } }).success).toBe(
      false,
    );
    expect(Interaction.safeParse({ ...i, satisfaction: { scale: 'nps', score: 9 } }).success).toBe(
      true,
    );
  });

  it('refuses a javascript: source URL', () => {
    const i = { ...base, customerId: base.id, channel: 'email', direction: 'inbound', at: 5 };
    expect(Interaction.safeParse({ ...i, sourceUrl: 'javascript:alert(1)' }).success).toBe(false);
  });

  it('ships default settings that satisfy their own schema', () => {
    expect(SettingsFields.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('bounds what a page may send', () => {
    const ctx = {
      site: 'gmail',
      url: 'https://mail.google.com/',
      subject: 's',
      participants: [],
      messageIds: [],
      messages: [],
    };
    expect(PageContext.safeParse(ctx).success).toBe(true);
    expect(PageContext.safeParse({ ...ctx, subject: 'x'.repeat(5_000) }).success).toBe(false);
  });
});
