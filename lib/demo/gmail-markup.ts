/**
 * Builds Gmail-shaped pages for the demo mailbox and the benchmarks: the same obfuscated
 * classes and nesting as the dated fixtures in test/fixtures/gmail, so the real adapter reads
 * them. Every string is escaped: these pages are ours, but names and subjects are data.
 */

export interface MailPerson {
  name: string;
  email: string;
}

export interface MailMessage {
  id: string;
  from: MailPerson;
  to: MailPerson[];
  cc?: MailPerson[];
  at: number;
  body: string;
}

export interface MailThread {
  threadId: string;
  subject: string;
  messages: MailMessage[];
}

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const STYLE = `

      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 Roboto, 'Segoe UI', Arial, sans-serif; color: #1f1f1f; background: #f6f8fc; }
      header#gb { position: fixed; inset: 0 0 auto 0; height: 64px; display: flex; align-items: center; gap: 16px; padding: 8px 16px; background: #f6f8fc; z-index: 2; }
      .gb_Fc { width: 220px; font-size: 22px; color: #444746; text-decoration: none; }
      .gb_Sd { flex: 1; max-width: 720px; }
      .gb_Sd input { width: 100%; height: 48px; border: 0; border-radius: 24px; background: #e9eef6; padding: 0 20px; font-size: 16px; }
      .gb_Ie { margin-inline-start: auto; display: flex; gap: 8px; align-items: center; }
      .gb_A { display: inline-flex; width: 32px; height: 32px; border-radius: 50%; background: #0b57d0; color: #fff; align-items: center; justify-content: center; font-weight: 500; text-decoration: none; }
      .aeN { position: fixed; top: 64px; bottom: 0; inset-inline-start: 0; width: 256px; padding: 8px 8px 0 0; }
      .T-I-KE { display: inline-block; margin: 0 0 16px 8px; padding: 18px 24px; border-radius: 16px; background: #c2e7ff; font-weight: 500; cursor: pointer; }
      .TK a { display: block; height: 32px; line-height: 32px; padding-inline-start: 26px; border-radius: 0 16px 16px 0; color: #1f1f1f; text-decoration: none; }
      [dir='rtl'] .TK a { border-radius: 16px 0 0 16px; }
      .TK a.nZ { background: #d3e3fd; font-weight: 700; }
      .bkK { margin: 64px 16px 16px 0; margin-inline-start: 256px; background: #fff; border-radius: 16px; min-height: calc(100vh - 80px); overflow: hidden; }
      .G-atb { display: flex; gap: 4px; align-items: center; height: 48px; padding: 0 16px; border-bottom: 1px solid #eceff1; }
      .G-atb [role='button'] { display: inline-flex; width: 40px; height: 40px; border-radius: 50%; align-items: center; justify-content: center; color: #444746; cursor: pointer; }
      .G-atb [role='button']:hover { background: #f1f3f4; }
      .ha { padding: 20px 24px 8px 72px; }
      h2.hP { font-size: 22px; font-weight: 400; margin: 0; }
      .h7 { border-bottom: 1px solid #f1f3f4; }
      .adn { display: flex; gap: 16px; padding: 12px 24px; }
      .aju .ajn { display: inline-flex; width: 40px; height: 40px; border-radius: 50%; background: #e8def8; align-items: center; justify-content: center; font-weight: 500; }
      .gs { flex: 1; min-width: 0; }
      table.cf { border-collapse: collapse; width: 100%; }
      table.cf td { padding: 0; vertical-align: top; }
      h3.iw { margin: 0; font-size: 14px; font-weight: 400; }
      .gD, .zF { font-weight: 700; }
      .go, .g3, .hb, .gI { color: #5e5e5e; font-size: 12px; }
      .gH { text-align: end; white-space: nowrap; }
      .acX [role='button'] { display: inline-block; padding: 0 8px; cursor: pointer; }
      .ajy { display: inline-block; padding: 0 4px; cursor: pointer; }
      .ajA { margin: 8px 0; padding: 8px 12px; border: 1px solid #dadce0; border-radius: 8px; background: #fff; max-width: 560px; }
      .ajA td.gG { padding-inline-end: 12px; text-align: end; }
      .a3s { padding-top: 12px; }
      .gmail_quote { margin-top: 12px; padding-inline-start: 12px; border-inline-start: 1px solid #ccc; color: #5e5e5e; }
      .kv .gs { display: flex; gap: 12px; }
      .iA.g6 { color: #5e5e5e; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      [dir='rtl'] .ha { padding: 20px 72px 8px 24px; }
      .zA td { padding: 10px 12px; border-bottom: 1px solid #f1f3f4; cursor: pointer; }
  .zA:hover { box-shadow: inset 1px 0 #dadce0, inset -1px 0 #dadce0, 0 1px 2px rgba(60,64,67,.3); }
  .zA a { color: inherit; text-decoration: none; display: block; }
  .zE .bqe, .zE .zF { font-weight: 700; }
  table.F { width: 100%; border-collapse: collapse; }
  .y2 { color: #5e5e5e; }
`;

function person(p: MailPerson, cls: 'gD' | 'g2'): string {
  return `<span email="${esc(p.email)}" name="${esc(p.name)}" data-hovercard-id="${esc(p.email)}" class="${cls}">${esc(p.name)}</span>`;
}

function when(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(at);
}

function messageMarkup(m: MailMessage, locale: string): string {
  const detailRow = (label: string, people: MailPerson[]) =>
    people.length
      ? `<tr class="ajv"><td class="gG"><span class="gI">${label}</span></td><td class="gL"><span class="gI">${people
          .map((p) => `${person(p, 'g2')} &lt;${esc(p.email)}&gt;`)
          .join(', ')}</span></td></tr>`
      : '';
  return `
  <div class="h7 ie nH oy8Mbf" role="listitem" aria-expanded="true" tabindex="-1"><div class="Bk"><div class="G3 G2">
    <div class="adn ads" data-message-id="#msg-f:${esc(m.id)}" data-legacy-message-id="${esc(m.id)}">
      <div class="aju"><span class="ajn" aria-hidden="true">${esc(m.from.name.slice(0, 1))}</span></div>
      <div class="gs">
        <div class="gE iv gt"><table cellpadding="0" class="cf gJ" role="presentation"><tbody>
          <tr class="acZ">
            <td class="gF gK"><h3 class="iw"><span class="qu">${person(m.from, 'gD')} <span class="go">&lt;${esc(m.from.email)}&gt;</span></span></h3></td>
            <td class="gH bAk"><div class="gK"><span class="g3" title="${esc(when(m.at, locale))}">${esc(when(m.at, locale))}</span></div></td>
            <td class="gH acX bAm"><div class="T-I J-J5-Ji aaq" role="button" tabindex="0" aria-label="Reply" data-tooltip="Reply">↩</div></td>
          </tr>
          <tr class="acZ xD"><td colspan="3">
            <div class="iw ajw"><span class="hb">to ${m.to.map((p) => person(p, 'g2')).join(', ')}</span></div>
            <div class="ajA SK" role="dialog" aria-label="Message details"><table class="ajC" cellpadding="0" role="presentation"><tbody>
              ${detailRow('from:', [m.from])}${detailRow('to:', m.to)}${detailRow('cc:', m.cc ?? [])}
            </tbody></table></div>
          </td></tr>
        </tbody></table></div>
        <div class="ii gt"><div class="a3s aiL"><div dir="auto">${esc(m.body).replace(/\n/g, '<br />')}</div></div></div>
      </div>
    </div>
  </div></div></div>`;
}

export function threadMarkup(thread: MailThread, locale = 'en-GB'): string {
  return `
  <div class="G-atb" role="toolbar" gh="mtb">
    <div class="T-I J-J5-Ji lS ar7" role="button" tabindex="0" aria-label="Back to Inbox" data-tooltip="Back to Inbox" onclick="location.hash='#inbox'">←</div>
    <div class="T-I J-J5-Ji lS ar7" role="button" tabindex="0" aria-label="Archive" data-tooltip="Archive">▣</div>
    <div class="T-I J-J5-Ji lS ar7" role="button" tabindex="0" aria-label="Delete" data-tooltip="Delete">✕</div>
    <div class="T-I J-J5-Ji lS ar7" role="button" tabindex="0" aria-label="More" data-tooltip="More">⋮</div>
  </div>
  <div class="nH a98 iY">
    <div class="nH V8djrc byY"><div class="ha"><h2 class="hP" data-legacy-thread-id="${esc(thread.threadId)}" tabindex="-1">${esc(thread.subject)}</h2></div></div>
    <div class="nH if" role="list">${thread.messages.map((m) => messageMarkup(m, locale)).join('')}</div>
  </div>`;
}

export function inboxMarkup(threads: MailThread[], locale = 'en-GB'): string {
  const rows = threads
    .map((t) => {
      const last = t.messages[t.messages.length - 1]!;
      return `<tr class="zA zE" role="row" data-legacy-thread-id="${esc(t.threadId)}" data-testid="demo-thread-row">
        <td class="yX xY"><a href="#inbox/${esc(t.threadId)}"><span class="zF" email="${esc(last.from.email)}" name="${esc(last.from.name)}">${esc(last.from.name)}</span></a></td>
        <td class="xY a4W"><a href="#inbox/${esc(t.threadId)}"><span class="bqe">${esc(t.subject)}</span><span class="y2"> - ${esc(last.body.slice(0, 60))}</span></a></td>
        <td class="xW xY"><span title="${esc(when(last.at, locale))}">${esc(new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(last.at))}</span></td>
      </tr>`;
    })
    .join('');
  return `
  <div class="G-atb" role="toolbar" gh="mtb">
    <div class="T-I J-J5-Ji lS ar7" role="button" tabindex="0" aria-label="Refresh" data-tooltip="Refresh">↻</div>
    <div class="T-I J-J5-Ji lS ar7" role="button" tabindex="0" aria-label="More" data-tooltip="More">⋮</div>
  </div>
  <div class="aeF"><div class="ae4 UI" gh="tl"><table cellpadding="0" class="F cf zt" role="grid"><tbody>${rows}</tbody></table></div></div>`;
}

export interface MailboxOptions {
  account: MailPerson;
  threads: MailThread[];
  lang?: string;
  dir?: 'ltr' | 'rtl';
  locale?: string;
}

/**
 * A one-page mailbox: the inbox at #inbox, a thread at #inbox/<threadId>, switched by a small
 * script on hashchange without a reload, as Gmail does. `window.__showThread(markup)` lets a
 * benchmark put any thread on screen.
 */
export function mailboxPage(options: MailboxOptions): string {
  const locale = options.locale ?? 'en-GB';
  const views: Record<string, string> = { inbox: inboxMarkup(options.threads, locale) };
  for (const t of options.threads) views[t.threadId] = threadMarkup(t, locale);
  const subjects = Object.fromEntries(options.threads.map((t) => [t.threadId, t.subject]));
  return `<!DOCTYPE html>
<html lang="${options.lang ?? 'en'}" dir="${options.dir ?? 'ltr'}">
<head><meta charset="utf-8" /><title>Inbox - ${esc(options.account.email)} - Gmail</title><style>${STYLE}</style></head>
<body>
  <header id="gb" class="gb_Ia" role="banner">
    <a class="gb_Fc" href="#inbox" aria-label="Gmail">Gmail</a>
    <form class="gb_Sd" role="search" aria-label="Search mail"><input class="gb_se" type="text" aria-label="Search mail" placeholder="Search mail" /></form>
    <div class="gb_Ie">
      <a class="gb_d" role="button" href="#" aria-label="Google apps">⋮⋮</a>
      <a class="gb_A gb_Ya" role="button" href="#" aria-label="Google Account: ${esc(options.account.name)}&#10;(${esc(options.account.email)})">${esc(options.account.name.slice(0, 1))}</a>
    </div>
  </header>
  <div class="aeN WR" role="navigation" aria-label="Main menu">
    <div class="T-I T-I-KE L3" role="button" tabindex="0" aria-label="Compose">✎ Compose</div>
    <div class="TK"><a class="J-Ke n0 nZ" href="#inbox">Inbox</a><a class="J-Ke n0" href="#sent">Sent</a></div>
  </div>
  <div class="nH bkK" role="main" id="kesher-demo-main"></div>
  <script>
    const views = ${JSON.stringify(views).replace(/</g, '\\u003c')};
    const subjects = ${JSON.stringify(subjects).replace(/</g, '\\u003c')};
    const main = document.getElementById('kesher-demo-main');
    function show() {
      const id = (location.hash.match(/^#inbox\\/([^/?]+)/) || [])[1];
      main.innerHTML = id && views[id] ? views[id] : views.inbox;
      document.title = (id && subjects[id] ? subjects[id] : 'Inbox') + ' - ${esc(options.account.email)} - Gmail';
    }
    window.__showThread = (markup) => { main.innerHTML = markup; };
    window.addEventListener('hashchange', show);
    show();
  </script>
</body>
</html>`;
}
