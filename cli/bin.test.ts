import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** The real launcher, as `npx kesher` runs it: a separate Node process through tsx. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test/fixtures/gmail');
const ID = 'FMfcgzQcqHdWLvNtsBbkKPjRmXzGsfTw';

async function kesher(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/kesher.js'), ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// Each case starts Node, tsx and (for pages) jsdom: slow on a busy machine.
describe('bin/kesher.js', { timeout: 60_000 }, () => {
  it('identifies a saved thread as JSON', async () => {
    const url = `https://mail.google.com/mail/u/0/#inbox/${ID}`;
    const { code, stdout } = await kesher(
      'identify',
      join(FIXTURES, 'gmail-2026-11-23-simple-thread.html'),
      '--url',
      url,
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      site: 'gmail',
      url,
      threadId: ID,
      subject: 'Quote for 40 oak chairs',
      participants: [
        { email: 'dana.levi@acme-tools.co.il', name: 'Dana Levi', role: 'from' },
        { email: 'agent@kesher-demo.com', name: 'Noa Agent', role: 'from' },
      ],
      messageIds: ['#msg-f:1849638448497889280', '#msg-f:1849638448530634183'],
    });
  });

  it('exits 1 with a message for a missing file, an unhandled URL and a list page', async () => {
    const missing = await kesher(
      'identify',
      join(FIXTURES, 'nope.html'),
      '--url',
      'https://mail.google.com/mail/u/0/',
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const badUrl = await kesher(
      'identify',
      join(FIXTURES, 'gmail-2026-11-23-simple-thread.html'),
      '--url',
      'https://example.com/',
    );
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('no site adapter handles');
    const list = await kesher(
      'identify',
      join(FIXTURES, 'gmail-2026-11-23-inbox-list.html'),
      '--url',
      'https://mail.google.com/mail/u/0/#inbox',
    );
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('no thread found on this page');
  });

  it('exits 2 for an unknown command and 0 for --help', async () => {
    const unknown = await kesher('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const help = await kesher('identify', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: kesher identify');
  });
});
