import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, siteFixtures } from '../lib/sites/test-fixtures';
import { runCli } from './run';
import { bufferIo } from './test-io';

const GMAIL = 'https://mail.google.com/mail/u/0/';
const fixturePath = (what: string) => join(FIXTURES_DIR, 'gmail', `gmail-2026-11-23-${what}.html`);

async function identify(...args: string[]) {
  const io = bufferIo();
  const code = await runCli(['identify', ...args], io);
  return { code, ...io };
}

describe('kesher identify', () => {
  // Loading jsdom the first time is slow on a busy machine.
  it.each(
    siteFixtures('gmail')
      .filter((f) => f.expected)
      .map((f) => [f.what, f] as const),
  )(
    '%s: prints exactly the documented keys, as the adapter read them',
    { timeout: 30_000 },
    async (what, fx) => {
      const url = `${GMAIL}#inbox/${fx.expected!.threadId}`;
      const { code, stdout, stderr } = await identify(fixturePath(what), '--url', url, '--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const out = JSON.parse(stdout) as Record<string, unknown>;
      expect(Object.keys(out)).toEqual([
        'site',
        'url',
        'threadId',
        'subject',
        'participants',
        'messageIds',
      ]);
      expect(out).toEqual({ ...fx.expected, url });
    },
  );

  it('prints null, not nothing, for a thread without an id', async () => {
    const { stdout } = await identify(
      fixturePath('broken-markup'),
      '--url',
      `${GMAIL}#inbox`,
      '--json',
    );
    expect(JSON.parse(stdout)).toMatchObject({ threadId: null, subject: '' });
  });

  it('prints a readable table without --json, with page text made terminal-safe', async () => {
    const { code, stdout } = await identify(fixturePath('to-cc-thread'), '--url', `${GMAIL}#inbox`);
    expect(code).toBe(0);
    expect(stdout).toContain('Subject    Re: Delivery schedule for the Haifa branch');
    expect(stdout).toMatch(/^cc\s+ilze\.berzina@inbox\.lv\s+Ilze Bērziņa$/m);
    expect(stdout).toMatch(/^bcc\s+crm-archive@kesher-demo\.com$/m);
  });

  it('refuses a list page', async () => {
    const { code, stdout, stderr } = await identify(
      fixturePath('inbox-list'),
      '--url',
      `${GMAIL}#inbox`,
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no thread found on this page');
  });

  it('refuses URLs no adapter handles', async () => {
    const file = fixturePath('simple-thread');
    const other = await identify(file, '--url', 'https://example.com/mail');
    expect(other).toMatchObject({ code: 1, stdout: '' });
    expect(other.stderr).toContain(
      'no site adapter handles https://example.com/mail (supported: gmail)',
    );
    const garbage = await identify(file, '--url', 'not a url');
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toContain('--url is not a URL');
  });

  it('answers usage errors with exit 2 and the usage', async () => {
    for (const args of [
      [fixturePath('simple-thread')],
      ['--url', GMAIL],
      ['a.html', 'b.html', '--url', GMAIL],
      [fixturePath('simple-thread'), '--url', GMAIL, '--bogus'],
    ]) {
      const { code, stderr } = await identify(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('Usage: kesher identify');
    }
  });

  describe('bad files', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kesher-identify-'));
      await writeFile(join(dir, 'empty.html'), '');
      await writeFile(join(dir, 'blank.html'), ' \n\t\n');
      await writeFile(join(dir, 'notes.txt'), 'just some notes about dana@acme-tools.co.il\n');
      await writeFile(
        join(dir, 'page.mhtml'),
        'From: <Saved by Blink>\nMIME-Version: 1.0\n\n<html></html>',
      );
      await writeFile(
        join(dir, 'image.html'),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x3c, 0x68]),
      );
      await writeFile(join(dir, 'huge.html'), '<!DOCTYPE html><html>');
      await truncate(join(dir, 'huge.html'), 50 * 1024 * 1024 + 1);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each([
      ['missing.html', 'no such file'],
      ['.', 'is a directory'],
      ['empty.html', 'is empty'],
      ['blank.html', 'is empty'],
      ['notes.txt', 'does not look like an HTML page'],
      ['page.mhtml', 'MHTML'],
      ['image.html', 'is binary'],
      ['huge.html', 'over 50 MB'],
    ])('%s: %s', async (name, message) => {
      const { code, stdout, stderr } = await identify(join(dir, name), '--url', `${GMAIL}#inbox`);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
    });
  });
});
