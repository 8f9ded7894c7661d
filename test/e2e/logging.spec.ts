import { expect, test } from '@playwright/test';
import { launchWithExtension, type LaunchedExtension } from './extension';
import { blockNetwork, callBackground, fixture, GMAIL_URL, serveGmail } from './helpers';

const SIMPLE = 'FMfcgzQcqHdWLvNtsBbkKPjRmXzGsfTw';

let ext: LaunchedExtension;
test.beforeEach(async () => {
  ext = await launchWithExtension();
  await blockNetwork(ext.context);
  await serveGmail(ext.context, fixture('simple-thread'));
  await callBackground(ext.context, ext.extensionId, 'createCustomer', {
    kind: 'company',
    personName: 'Dana Levi',
    email: 'dana.levi@acme-tools.co.il',
    companyName: 'Acme Tools',
  });
});
test.afterEach(async () => {
  await ext.close();
});

test('a call logged from the sidebar lands on the timeline with its duration and outcome', async () => {
  const page = await ext.context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  await expect(page.getByTestId('timeline-empty')).toBeVisible();

  await page.getByTestId('quick-log-open').click();
  await page.getByTestId('quick-log-channel').selectOption('phone');
  await page.getByTestId('quick-log-subject').fill('Asked about delivery dates');
  await page.getByTestId('quick-log-minutes').fill('12');
  await page.getByTestId('quick-log-outcome').fill('Quote by Friday');
  await page.getByTestId('quick-log-submit').click();

  const item = page.getByTestId('timeline-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Asked about delivery dates');
  await expect(item).toContainText('12');
  await expect(item).toContainText('Quote by Friday');
  // Filtering by another channel hides it; by phone shows it.
  await page.getByTestId('channel-filter-email').click();
  await expect(page.getByTestId('timeline-item')).toHaveCount(0);
  await page.getByTestId('channel-filter-phone').click();
  await expect(page.getByTestId('timeline-item')).toHaveCount(1);
});

test('a log in one tab shows in the sidebar open in another', async () => {
  const first = await ext.context.newPage();
  const second = await ext.context.newPage();
  await first.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await second.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(second.getByTestId('customer-name')).toHaveText('Acme Tools');
  await expect(second.getByTestId('log-email')).not.toHaveClass(/done/);

  await first.getByTestId('log-email').click();
  await expect(first.getByTestId('log-email')).toHaveClass(/done/);
  // The other tab hears about the change through its port and re-renders.
  await expect(second.getByTestId('log-email')).toHaveClass(/done/);
  await expect(second.getByTestId('timeline-item')).toHaveCount(2);
});

test('with auto-logging turned on in Settings, opening a known customer’s thread logs it once', async () => {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.getByTestId('options-autolog-email').check();
  await expect(options.getByTestId('options-autolog-email')).toBeChecked();
  await options.reload();
  await expect(options.getByTestId('options-autolog-email')).toBeChecked();

  const page = await ext.context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('log-email')).toHaveClass(/done/);
  await expect(page.getByTestId('timeline-item')).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  const stats = await callBackground<{ interactions: number }>(
    ext.context,
    ext.extensionId,
    'getStats',
    null,
  );
  expect(stats.interactions).toBe(2);
});

test('never log: the sidebar refuses to log an address on the list', async () => {
  await callBackground(ext.context, ext.extensionId, 'addToNeverList', {
    list: 'neverLog',
    kind: 'domain',
    value: 'acme-tools.co.il',
  });
  const page = await ext.context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  await expect(page.getByTestId('log-email-never')).toBeVisible();
  await expect(page.getByTestId('log-email')).toHaveCount(0);
});

test('the service worker stopped between clicks: the sidebar reconnects and logging still works', async () => {
  const page = await ext.context.newPage();
  const other = await ext.context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await other.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  await expect(other.getByTestId('customer-name')).toHaveText('Acme Tools');

  // Chrome stops idle service workers whenever it likes; do it now, as it would.
  const cdp = await ext.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) =>
      t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ext.extensionId}/`),
  );
  expect(worker).toBeDefined();
  await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
  await expect
    .poll(async () =>
      (await cdp.send('Target.getTargets')).targetInfos.some(
        (t) => t.targetId === worker!.targetId,
      ),
    )
    .toBe(false);

  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('log-email')).toHaveClass(/done/);
  // The other tab's port dropped with the worker; it reconnected and heard about the log.
  await expect(other.getByTestId('log-email')).toHaveClass(/done/);
  const stats = await callBackground<{ interactions: number; pendingChanges: number }>(
    ext.context,
    ext.extensionId,
    'getStats',
    null,
  );
  expect(stats.interactions).toBe(2);
});

test('with bodies turned on in Settings, a logged email keeps its text (quotes left out)', async () => {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.getByTestId('options-log-bodies').check();
  await expect(options.getByTestId('options-log-bodies')).toBeChecked();

  const page = await ext.context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('log-email')).toHaveClass(/done/);

  const { matches } = await callBackground<{
    matches: Array<{ match: { customerId: string } | null }>;
  }>(ext.context, ext.extensionId, 'matchContext', {
    site: 'gmail',
    url: `${GMAIL_URL}#inbox/${SIMPLE}`,
    subject: 's',
    participants: [{ email: 'dana.levi@acme-tools.co.il', name: 'Dana', role: 'from' }],
    messageIds: [],
    messages: [],
  });
  const { file } = await callBackground<{ file: { interactions: Array<{ body?: string }> } }>(
    ext.context,
    ext.extensionId,
    'getCustomerFile',
    { customerId: matches[0]!.match!.customerId },
  );
  const bodies = file.interactions.map((i) => i.body ?? '');
  expect(bodies.some((b) => b.includes('Could you send a quote for 40 oak chairs'))).toBe(true);
  expect(bodies.some((b) => b.includes('wrote:'))).toBe(false);
});

test('the service worker killed while logging a 100-message thread: all or nothing, then all once', async () => {
  await serveGmail(ext.context, fixture('long-thread'));
  const page = await ext.context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/FMfcgzQcqRtWxYzBcDfGhJkLmNpQrStV`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');

  const cdp = await ext.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) =>
      t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ext.extensionId}/`),
  )!;
  // Click, and kill the worker while the write is under way.
  await page.getByTestId('log-email').click();
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });

  const stats = await callBackground<{ interactions: number; pendingChanges: number }>(
    ext.context,
    ext.extensionId,
    'getStats',
    null,
  );
  test.info().annotations.push({ type: 'after kill', description: String(stats.interactions) });
  // One transaction: the rows and their outbox entries are all there or none of them is.
  expect([0, 100]).toContain(stats.interactions);
  expect(stats.pendingChanges - stats.interactions).toBe(2); // the customer and its contact

  await page.reload();
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  if (stats.interactions === 0) await page.getByTestId('log-email').click();
  await expect(page.getByTestId('log-email')).toHaveClass(/done/);
  const after = await callBackground<{ interactions: number }>(
    ext.context,
    ext.extensionId,
    'getStats',
    null,
  );
  expect(after.interactions).toBe(100);
});
