import { parseArgs } from 'node:util';
import { normalizeEmail } from '../lib/identity/email';
import type { Participant } from '../lib/model';
import { adapterFor, SITE_ADAPTERS } from '../lib/sites';
import type { Command } from './command';
import { formatIdentifyReport, type IdentifyReport } from './format-table';
import { CliError, processIo, type Io } from './io';
import { parsePage, readSavedPage } from './read-page';

const USAGE = `Usage: kesher identify <saved-page.html> --url <page-url> [--json]

Shows what Kesher's site adapters read from a saved page: the thread, its subject, the
participants from the message headers and the message ids. For debugging a site change
and for support.

Options:
  --url <page-url>  the address the page was saved from, e.g.
                    https://mail.google.com/mail/u/0/#inbox/FMfcgz...
  --json            print {site, url, threadId, subject, participants, messageIds}
  -h, --help        show this help

Sites: ${SITE_ADAPTERS.map((a) => a.site).join(', ')}`;

function parse(argv: string[]): { file: string; url: string; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { url: { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    throw new CliError(`expected one saved page, got ${positionals.length}\n\n${USAGE}`, 2);
  }
  if (!values.url)
    throw new CliError(`--url is required: the address the page was saved from\n\n${USAGE}`, 2);
  return { file: positionals[0]!, url: values.url, json: values.json };
}

/** Lower-case and once each: what the background will see after its own normalisation. */
function normalisedParticipants(participants: readonly Participant[]): Participant[] {
  const byEmail = new Map<string, Participant>();
  for (const p of participants) {
    const email = normalizeEmail(p.email);
    if (email && !byEmail.has(email)) byEmail.set(email, { email, name: p.name, role: p.role });
  }
  return [...byEmail.values()];
}

async function identify(argv: string[], io: Io): Promise<number> {
  const { file, url, json } = parse(argv);
  if (!URL.canParse(url)) throw new CliError(`--url is not a URL: ${url}`);
  const adapter = adapterFor(url);
  if (!adapter) {
    const sites = SITE_ADAPTERS.map((a) => a.site).join(', ');
    throw new CliError(`no site adapter handles ${url} (supported: ${sites})`);
  }
  const html = await readSavedPage(file);
  const page = await parsePage(html, url);
  try {
    const context = adapter.extract(page.document, url);
    if (!context) throw new CliError(`no thread found on this page (${file})`);
    const report: IdentifyReport = {
      site: context.site,
      url: context.url,
      threadId: context.threadId ?? null,
      subject: context.subject,
      participants: normalisedParticipants(context.participants),
      messageIds: context.messageIds,
    };
    io.out(json ? JSON.stringify(report, null, 2) : formatIdentifyReport(report, context.account));
    return 0;
  } finally {
    page.close();
  }
}

export const identifyCommand: Command = {
  summary: 'show the thread and participants the site adapters read from a saved page',
  usage: USAGE,
  async run(argv, io = processIo) {
    try {
      return await identify(argv, io);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`kesher identify: ${error.message}`);
      return error.exitCode;
    }
  },
};
