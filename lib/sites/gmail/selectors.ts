/**
 * Gmail's markup, by what each selector finds. Class names are obfuscated and change every
 * few months (InboxSDK issues #1080, #1261), so each is an ordered list of fallbacks, each
 * checked against the dated fixtures in test/fixtures/gmail/. Single-element lookups take
 * the first selector that finds something; lists take the union of all of them.
 */

/** The open conversation: its messages are searched inside it. */
export const thread = [
  '[role="main"] .a98.iY', // conversation view since 2020, also inside the split-view pane
  '[role="main"] table.Bs > tbody > tr', // older layout; the HTML parser adds the tbody
  'table.Bs > tr', // older layout built by script, where no tbody is implied
];

/** The subject heading; it also carries the thread id when the URL does not. */
export const subject = [
  'h2.hP[data-legacy-thread-id]',
  'h2.hP[data-thread-perm-id]', // newer builds carry only the "thread-f:…" form
  'h2.hP',
];

/** One element per message of the thread, expanded or collapsed. */
export const message = [
  '.adn[data-message-id]',
  '.adn[data-legacy-message-id]', // older layout: only the legacy hex id
];
/** Any message element, id or not: a header belongs to the nearest one around it. */
export const messageBoundary = ['.adn'];

/** The sender in a message header. */
export const sender = [
  'span.gD[email]', // the name in bold, with email and name attributes
  'td.gF span[email]', // older layout: the sender cell
  '.go [email]', // the "<address>" beside the name, when the name span changes class
];

/** Recipients in a message header: the collapsed "to me, Dana" line and the details table. */
export const recipients = ['.hb span[email]', 'span.g2[email]'];

/**
 * The expanded details ("from:", "to:", "cc:", "bcc:" rows): the only place Gmail says which
 * kind of recipient an address is. Present once the "show details" arrow was opened.
 */
export const detailsTable = ['.ajA', 'table.ajC'];
/** The label cell of a details row ("to:", "cc:", localised). */
export const detailsLabel = ['td.gG', 'td:first-child'];
/** The collapsed recipients line ("to me, Dana"): first names only, roles not shown. */
export const collapsedRecipients = ['.hb'];

/** The sent date, in full, in the title attribute of the short time shown. */
export const date = ['span.g3[title]', '.g3[title]'];

/**
 * Message bodies and quoted text: whatever they contain is the sender's content, so no
 * address is ever read from inside them (a hostile email can carry a fake `span[email]`).
 */
export const untrusted = [
  'div.a3s',
  '.a3s',
  '.ii.gt', // the body's wrapper
  '.gmail_quote', // quoted earlier messages, wherever Gmail puts them
  'blockquote',
  '.iA.g6', // a collapsed message's snippet: body text too
];

/**
 * A message's text, read only when the team stores bodies with logged emails; never searched
 * for addresses. Quoted earlier messages inside it are left out.
 */
export const body = ['div.a3s', '.ii.gt'];
export const quoted = ['.gmail_quote', 'blockquote'];

/** The account button in the Google bar, labelled "Google Account: Name (address)". */
export const account = ['header a[aria-label*="@"]', '#gb a[aria-label*="@"]'];
/** Where the account button must not be: inside the mail itself. */
export const accountMustBeOutside = ['[role="main"]', '.adn', ...untrusted];

/** Changes to any of these mean the open thread changed: re-extract. */
export const observeTargets: readonly string[] = [...thread, ...subject, ...message];
