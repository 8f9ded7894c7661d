import { getDomainWithoutSuffix } from 'tldts';
import { registrableDomain } from './domain';
import { normalizeHost } from './host';

/**
 * Mailbox providers and ISPs whose domain says nothing about the sender's employer: a
 * gmail.com address must never match the "company" that happens to own gmail.com.
 * Only domains known to hand out personal mailboxes belong here; the team adds its own in
 * settings (`freeMailDomains`).
 */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // International
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'live.co.uk',
  'live.fr',
  'live.it',
  'live.nl',
  'live.de',
  'live.ca',
  'live.com.au',
  'msn.com',
  'passport.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aim.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'web.de',
  't-online.de',
  'freenet.de',
  'posteo.de',
  'mailbox.org',
  'mail.com',
  'email.com',
  'zoho.com',
  'zohomail.com',
  'tutanota.com',
  'tutanota.de',
  'tutamail.com',
  'tuta.io',
  'tuta.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'hushmail.com',
  'lycos.com',
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'yandex.ru',
  'yandex.com',
  'ya.ru',
  'rambler.ru',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'libero.it',
  'virgilio.it',
  'tiscali.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'ntlworld.com',
  'talktalk.net',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'bigpond.com',
  'optusnet.com.au',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'rediffmail.com',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  // Israel
  'walla.co.il',
  'walla.com',
  '012.net.il',
  '013.net',
  'netvision.net.il',
  'bezeqint.net',
  'zahav.net.il',
  'smile.net.il',
  'inter.net.il',
  'barak.net.il',
  'actcom.co.il',
  // Latvia
  'inbox.lv',
  'one.lv',
  'apollo.lv',
  'e-apollo.lv',
  'tvnet.lv',
  'mail.lv',
  'navigator.lv',
]);

/**
 * Brands that run the same free service under many national suffixes (hotmail.co.uk,
 * yahoo.co.jp, gmx.at): matched on the label left of the public suffix instead of listed.
 */
const FREE_MAIL_BRANDS: ReadonlySet<string> = new Set(['hotmail', 'yahoo', 'gmx']);

/**
 * True when `domain` (a domain, host or whole address) belongs to a free-mail provider,
 * built in or in `extra`. Subdomains count: mail.walla.co.il is walla.co.il.
 */
export function isFreeMail(domain: string, extra: readonly string[] = []): boolean {
  const host = normalizeHost(domain.slice(domain.lastIndexOf('@') + 1));
  if (host === null) return false;
  const registrable = registrableDomain(host);
  const candidates = registrable && registrable !== host ? [host, registrable] : [host];
  if (candidates.some((d) => FREE_MAIL_DOMAINS.has(d))) return true;
  if (registrable && FREE_MAIL_BRANDS.has(getDomainWithoutSuffix(registrable) ?? '')) return true;
  if (extra.length === 0) return false;
  const extras = new Set(extra.map((d) => normalizeHost(d)).filter((d) => d !== null));
  return candidates.some((d) => extras.has(d));
}
