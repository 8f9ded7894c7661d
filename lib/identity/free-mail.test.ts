import { describe, expect, it } from 'vitest';
import { isFreeMail } from './free-mail';

describe('isFreeMail', () => {
  it.each([
    'gmail.com',
    'googlemail.com',
    'outlook.com',
    'hotmail.com',
    'hotmail.co.uk',
    'hotmail.fr',
    'live.com',
    'msn.com',
    'yahoo.com',
    'yahoo.co.jp',
    'ymail.com',
    'icloud.com',
    'me.com',
    'mac.com',
    'aol.com',
    'proton.me',
    'protonmail.com',
    'gmx.de',
    'gmx.net',
    'gmx.at',
    'web.de',
    'mail.ru',
    'yandex.ru',
    'yandex.com',
    'zoho.com',
    'tutanota.com',
    'fastmail.com',
    'hey.com',
    'walla.co.il',
    'walla.com',
    '012.net.il',
    'netvision.net.il',
    'bezeqint.net',
    'zahav.net.il',
    'smile.net.il',
    'inter.net.il',
    'inbox.lv',
    'one.lv',
    'apollo.lv',
    'tvnet.lv',
    'mail.lv',
    'e-apollo.lv',
    'navigator.lv',
  ])('%s is free-mail', (domain) => {
    expect(isFreeMail(domain)).toBe(true);
  });

  it('accepts hosts, subdomains, addresses and any case', () => {
    expect(isFreeMail('GMAIL.COM')).toBe(true);
    expect(isFreeMail('mail.walla.co.il')).toBe(true);
    expect(isFreeMail('dana@Inbox.LV')).toBe(true);
  });

  it.each([
    'acme.co.il',
    'latvijas-koks.lv',
    'google.com',
    'mygmail.com',
    'gmail.com.evil.io',
    'co.il',
  ])('%s is not free-mail', (domain) => {
    expect(isFreeMail(domain)).toBe(false);
  });

  it('does not invent local Gmail domains', () => {
    expect(isFreeMail('gmail.co.il')).toBe(false);
  });

  it('adds the team’s own list', () => {
    expect(isFreeMail('partner-isp.lv')).toBe(false);
    expect(isFreeMail('partner-isp.lv', ['Partner-ISP.lv'])).toBe(true);
    expect(isFreeMail('mx.partner-isp.lv', ['partner-isp.lv'])).toBe(true);
    expect(isFreeMail('acme.co.il', ['not a domain', ''])).toBe(false);
  });

  it('refuses garbage without throwing', () => {
    expect(isFreeMail('')).toBe(false);
    expect(isFreeMail('x'.repeat(100_000))).toBe(false);
    expect(isFreeMail('10.0.0.1')).toBe(false);
  });
});
