import { expect, test } from '@playwright/test';
import { launchWithExtension, type LaunchedExtension } from './extension';
import { blockNetwork, callBackground, GMAIL_URL, serveGmail } from './helpers';
import { mailboxPage } from '../../lib/demo/gmail-markup';
import { demoThreads } from '../../lib/demo/threads';
import { AGENT } from '../../lib/demo/cast';
import { seedRaw } from '../bench/seed-indexeddb';
import { openBenchMailbox, timeThreadOpen } from '../bench/thread-open';

let ext: LaunchedExtension;
let logs: string[] = [];

test.beforeEach(async () => {
  ext = await launchWithExtension();
  logs = [];
  ext.context.on('page', (page) => page.on('pageerror', (e) => logs.push(`page: ${e.message}`)));
  ext.worker.on('console', (m) => logs.push(`worker ${m.type()}: ${m.text()}`));
  await blockNetwork(ext.context);
  await serveGmail(ext.context, mailboxPage({ account: AGENT, threads: demoThreads(Date.now()) }));
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from this pattern; none needed
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(logs.join('\n'));
  await ext.close();
});

test('demo data gets figures; a sale logged in the sidebar moves them', async () => {
  const { context, extensionId } = ext;
  // Through the popup, as a manager would: load the demo, then read the value summary.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByTestId('popup-seed-demo').click();
  await popup.getByTestId('popup-seed-result').waitFor({ timeout: 60_000 });
  // The background recomputes by itself after the load, and the open popup shows its figures
  // when they come: those of a run that began after the load (a run already under way when
  // the demo arrived, the start-up one, ends without its orders).
  await expect(popup.getByTestId('popup-segment').first()).toBeVisible({ timeout: 60_000 });
  const { summary } = await callBackground<{ summary: { customers: number } | null }>(
    context,
    extensionId,
    'getAnalyticsSummary',
    null,
  );
  expect(summary?.customers).toBe(120);
  const counted = await popup.getByTestId('popup-segment').allTextContents();
  expect(counted.length).toBeGreaterThan(2);

  const mail = await context.newPage();
  await mail.goto(`${GMAIL_URL}#inbox/dana-return`);
  await expect(mail.getByTestId('customer-name')).toBeVisible();
  const panel = mail.getByTestId('analytics');
  await expect(panel).toBeVisible();
  await expect(mail.getByTestId('badge-rfm')).toBeVisible();
  await expect(mail.getByTestId('badge-abc')).toHaveText(/^[ABC]/);
  const revenueBefore = await mail.getByTestId('clv-to-date').textContent();

  // Log a sale from the sidebar: the figures follow without a reload.
  await mail.getByTestId('log-sale').click();
  const form = mail.getByTestId('sale-form');
  await form.getByRole('spinbutton').first().fill('2500');
  await mail.getByTestId('sale-submit').click();
  await expect(mail.getByTestId('sale-confirm')).toBeVisible();
  await expect(mail.getByTestId('clv-to-date')).not.toHaveText(revenueBefore ?? '', {
    timeout: 10_000,
  });
  await expect(mail.getByTestId('badge-rfm')).toContainText(/today/i);
});

test('a full recompute runs in an offscreen document, which closes after it', async () => {
  const { context, extensionId, worker } = ext;
  const call = <T>(type: string) => callBackground<T>(context, extensionId, type, null);
  await call('seedDemo');
  const offscreenDocuments = () =>
    worker.evaluate(async () => {
      const chrome = (
        globalThis as unknown as {
          chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } };
        }
      ).chrome;
      return (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
    });
  const recompute = call<{
    summary: { customers: number } | null;
    phases: { ranIn: string; orders: number } | null;
  }>('recomputeAnalytics');
  // While it runs, the document is there and the worker still answers.
  await expect.poll(offscreenDocuments, { timeout: 10_000 }).toBe(1);
  const { summary, phases } = await recompute;
  expect(phases).toMatchObject({ ranIn: 'offscreen' });
  // Every demo order was read there (the demo has no merged or deleted customers).
  const stats = await call<{ orders: number }>('getStats');
  expect(phases!.orders).toBe(stats.orders);
  expect(summary?.customers).toBe(120);
  expect(await offscreenDocuments()).toBe(0);
  // The figures the document wrote are the ones the worker serves.
  const stored = await call<{ summary: { customers: number; computedAt: number } | null }>(
    'getAnalyticsSummary',
  );
  expect(stored.summary).toEqual(summary);
});

test('a full recompute stands still while a sidebar opens threads', async () => {
  const { context, extensionId } = ext;
  await callBackground(context, extensionId, 'getStats', null);
  const extPage = context.pages().find((p) => p.url().startsWith('chrome-extension://'))!;
  // Enough rows that the run lasts while threads open: 2,000 customers, 20,000 interactions.
  await seedRaw(extPage, { customers: 2_000, interactionsPerCustomer: 10 });
  const mail = await openBenchMailbox(context);
  let running = true;
  const recompute = callBackground<{ phases: { ranIn: string; gaveWayMs?: number } }>(
    context,
    extensionId,
    'recomputeAnalytics',
    null,
  ).finally(() => (running = false));
  let openedDuring = 0;
  for (let i = 0; running && i < 200; i++) {
    await timeThreadOpen(mail, (i * 131) % 2_000);
    if (running) openedDuring++;
    await mail.waitForTimeout(150);
  }
  const { phases } = await recompute;
  expect(phases.ranIn).toBe('offscreen');
  // Each opening was announced to the run, which gave way to it.
  expect(openedDuring).toBeGreaterThan(0);
  expect(phases.gaveWayMs).toBeGreaterThan(0);
});
