/**
 * `npm run demo`: Chromium with the extension, the demo dataset and a demo mailbox served at
 * a Gmail URL, so a newcomer sees the product with one command and no Google account.
 *   npm run demo                              opens a browser window (needs a display)
 *   npm run demo -- --screenshot DIR          headless; writes screenshots to DIR
 *   npm run demo -- --no-build                reuse .output/chrome-mv3
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../test/e2e/extension';
import { blockNetwork, GMAIL_URL, serveGmail } from '../test/e2e/helpers';
import { mailboxPage } from '../lib/demo/gmail-markup';
import { demoThreads } from '../lib/demo/threads';
import { AGENT } from '../lib/demo/cast';

const { values } = parseArgs({
  options: {
    screenshot: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run demo [-- --screenshot DIR] [-- --no-build]');
  process.exit(0);
}
const headless = values.screenshot !== undefined;
if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'No display to open a browser window on. Run: npm run demo -- --screenshot demo-shots',
  );
  process.exit(2);
}
if (!values['no-build'] && spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' }).status !== 0) {
  console.error('The extension build failed.');
  process.exit(1);
}

async function seed(page: Page): Promise<void> {
  // Through the popup, as a person would: "Load demo data".
  await page.getByTestId('popup-seed-demo').click();
  await page.getByTestId('popup-seed-result').waitFor({ timeout: 60_000 });
  // The background computes segments and values after the load; the popup shows them when done.
  await page.getByTestId('popup-segment').first().waitFor({ timeout: 60_000 });
}

async function run(locale: string, dir: string | undefined): Promise<void> {
  const ext = await launchWithExtension({ headless, locale });
  try {
    await blockNetwork(ext.context);
    const rtl = locale.startsWith('he');
    await serveGmail(
      ext.context,
      mailboxPage({
        account: AGENT,
        threads: demoThreads(Date.now()),
        lang: rtl ? 'he' : 'en',
        dir: rtl ? 'rtl' : 'ltr',
        locale: rtl ? 'he-IL' : 'en-GB',
      }),
    );
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 360, height: 480 });
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await seed(popup);
    const mail = await ext.context.newPage();
    await mail.goto(`${GMAIL_URL}#inbox`);
    if (!dir) {
      await mail.bringToFront();
      console.log('The demo is open. Click a thread in the inbox. Close the browser to end.');
      await new Promise<void>((resolve) => ext.context.on('close', () => resolve()));
      return;
    }
    const shot = async (page: Page, name: string) => {
      const file = path.join(dir, `${locale}-${name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    };
    await shot(popup, 'popup');
    await mail.bringToFront();
    for (const [thread, name, ready] of [
      ['galil-quote', 'company-thread', 'customer-name'],
      ['baltic-delivery', 'latvian-thread', 'customer-name'],
      ['dana-return', 'person-thread', 'customer-name'],
      ['negev-intro', 'unknown-sender', 'unknown-sender'],
    ] as const) {
      await mail.evaluate((id) => (location.hash = `#inbox/${id}`), thread);
      await mail.getByTestId(ready).first().waitFor();
      await mail.waitForTimeout(300); // let the timeline finish painting
      await shot(mail, name);
    }
  } finally {
    if (dir) await ext.close();
  }
}

const dir = values.screenshot ? path.resolve(values.screenshot) : undefined;
if (dir) mkdirSync(dir, { recursive: true });
await run('en-US', dir);
if (dir) await run('he', dir);
