import { expect, test, type Page } from '@playwright/test';
import { launchWithExtension, type LaunchedExtension } from './extension';
import { blockNetwork, callBackground, fixture, GMAIL_URL, serveGmail } from './helpers';
import { mailboxPage } from '../../lib/demo/gmail-markup';

const SIMPLE = 'FMfcgzQcqHdWLvNtsBbkKPjRmXzGsfTw';
const HOSTILE = 'FMfcgzQcqMpQrStUvWxYzAbCdEfGhJkL';

/** Never on top of Gmail's own controls: every button of the page lies outside the sidebar. */
async function expectNothingUnder(page: Page): Promise<void> {
  const box = (await page.getByTestId('kesher-dock').boundingBox())!;
  const controls = await page
    .locator('[role="button"], [role="search"] input, a[aria-label]')
    .all();
  expect(controls.length).toBeGreaterThan(5);
  for (const control of controls) {
    const c = await control.boundingBox();
    if (!c || c.width === 0) continue;
    const overlaps =
      c.x < box.x + box.width &&
      c.x + c.width > box.x &&
      c.y < box.y + box.height &&
      c.y + c.height > box.y;
    expect(overlaps, `${await control.getAttribute('aria-label')} is under the sidebar`).toBe(
      false,
    );
  }
}

let ext: LaunchedExtension;
let logs: string[] = [];

test.beforeEach(async () => {
  ext = await launchWithExtension();
  logs = [];
  ext.context.on('page', (page) => {
    page.on('console', (m) => logs.push(`page ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`page error: ${e.message}`));
  });
  ext.worker.on('console', (m) => logs.push(`worker ${m.type()}: ${m.text()}`));
  await blockNetwork(ext.context);
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from this pattern; none needed
test.afterEach(async ({}, testInfo) => {
  // What the page and the background said, when a test failed: the first thing to read.
  if (testInfo.status !== testInfo.expectedStatus) console.log(logs.join('\n'));
  await ext.close();
});

test('an unknown sender becomes a customer, the email is logged once across reloads', async () => {
  const { context } = ext;
  await serveGmail(context, fixture('simple-thread'));
  const page = await context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);

  // A fresh install knows nobody: the sender is offered as a new company customer.
  const unknown = page.getByTestId('unknown-sender');
  await expect(unknown).toBeVisible();
  await expect(page.getByTestId('create-company-name')).toHaveValue('Acme Tools');
  await expect(page.getByTestId('create-email')).toHaveValue('dana.levi@acme-tools.co.il');
  // The signed-in agent is never offered as the customer.
  await expect(page.getByTestId('participant-agent@kesher-demo.com')).toHaveCount(0);

  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  await expect(page.getByTestId('contact-name').first()).toHaveText('Dana Levi');

  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('log-email')).toHaveClass(/done/);
  await expect(page.getByTestId('timeline-item')).toHaveCount(2); // one per message of the thread

  // A second click is impossible and a reload logs nothing twice.
  await page.reload();
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Tools');
  await expect(page.getByTestId('log-email')).toHaveClass(/done/);
  await expect(page.getByTestId('log-email')).toBeDisabled();
  await expect(page.getByTestId('timeline-item')).toHaveCount(2);
  const stats = await callBackground<{ interactions: number; customers: number }>(
    context,
    ext.extensionId,
    'getStats',
    null,
  );
  expect(stats).toMatchObject({ interactions: 2, customers: 1 });
});

test('moving to another thread updates the sidebar without a reload', async () => {
  const { context } = ext;
  const account = { name: 'Maya Agent', email: 'maya@kesher-demo.com' };
  const at = Date.parse('2026-11-20T10:00:00Z');
  const thread = (threadId: string, subject: string, from: { name: string; email: string }) => ({
    threadId,
    subject,
    messages: [{ id: `${threadId}-1`, from, to: [account], at, body: 'Hello' }],
  });
  await serveGmail(
    context,
    mailboxPage({
      account,
      threads: [
        thread('t1', 'First', { name: 'Oliver Grant', email: 'oliver@northwindgifts.co.uk' }),
        thread('t2', 'Second', { name: 'Līga Ozola', email: 'liga@baltkoks.lv' }),
      ],
    }),
  );
  const page = await context.newPage();
  await page.goto(`${GMAIL_URL}#inbox`);
  await expect(page.getByTestId('kesher-dock')).toHaveCount(0); // no thread, no sidebar

  await page.evaluate(() => (location.hash = '#inbox/t1'));
  await expect(page.getByTestId('create-email')).toHaveValue('oliver@northwindgifts.co.uk');
  await page.evaluate(() => (location.hash = '#inbox/t2'));
  await expect(page.getByTestId('create-email')).toHaveValue('liga@baltkoks.lv');
  await expect(page.getByTestId('create-company-name')).toHaveValue('Baltkoks');
  await page.evaluate(() => (location.hash = '#inbox'));
  await expect(page.getByTestId('kesher-dock')).toHaveCount(0);
});

test('a hostile thread shows no spoofed customer and renders markup as text', async () => {
  const { context, extensionId } = ext;
  // Customers exist for the addresses the hostile email plants in its body.
  for (const email of ['ceo@evil-corp.example', 'finance@evil-corp.example']) {
    await callBackground(context, extensionId, 'createCustomer', {
      kind: 'company',
      personName: 'Spoofed',
      email,
      companyName: `SPOOFED ${email}`,
    });
  }
  await serveGmail(context, fixture('hostile-thread'));
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${GMAIL_URL}#inbox/${HOSTILE}`);
  await expect(page.getByTestId('unknown-sender')).toBeVisible();
  await expect(page.getByTestId('create-email')).toHaveValue('dana.levi@acme-tools.co.il');
  await expect(page.getByText(/SPOOFED/)).toHaveCount(0);
  // The display name "<img src=x onerror=alert(1)>" is text in the form, never an element.
  await expect(page.getByTestId('create-person-name')).toHaveValue('<img src=x onerror=alert(1)>');
  const injected = await page.evaluate(
    () =>
      document.querySelector('kesher-sidebar')?.shadowRoot?.querySelectorAll('img, script, b')
        .length ?? -1,
  );
  expect(injected).toBe(0);
  expect(dialogs).toEqual([]);
});

test('the sidebar sits beside the mail, collapses with Alt+Shift+K and remembers it', async () => {
  const { context } = ext;
  await serveGmail(context, fixture('simple-thread'));
  const page = await context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('unknown-sender')).toBeVisible();

  await expectNothingUnder(page);

  await page.keyboard.press('Alt+Shift+K');
  await expect(page.getByTestId('sidebar-expand')).toBeVisible();
  await expect(page.getByTestId('unknown-sender')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('sidebar-expand')).toBeVisible();
  await page.getByTestId('sidebar-expand').click();
  await expect(page.getByTestId('unknown-sender')).toBeVisible();
});

test('Gmail’s side panel of apps keeps its place: the sidebar docks beside it', async () => {
  const { context } = ext;
  await serveGmail(context, fixture('side-panel'));
  const page = await context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('unknown-sender')).toBeVisible();
  await expectNothingUnder(page);
  const dock = (await page.getByTestId('kesher-dock').boundingBox())!;
  const panel = (await page.locator('[aria-label="Side panel"]').boundingBox())!;
  expect(dock.x + dock.width).toBeLessThanOrEqual(panel.x + 1);
});

test('a Hebrew mailbox gets the sidebar on its left, laid out right to left', async () => {
  const { context } = ext;
  await serveGmail(context, fixture('hebrew-rtl-thread'));
  const page = await context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/19ab52a4b6c8d000`);
  await expect(page.getByTestId('unknown-sender')).toBeVisible();
  await expectNothingUnder(page);
  const box = (await page.getByTestId('kesher-dock').boundingBox())!;
  expect(box.x).toBe(0);
  await expect(page.getByTestId('create-person-name')).toHaveValue('דנה לוי');
});

test('never show: the address disappears from the sidebar, on this thread and after a reload', async () => {
  const { context } = ext;
  await serveGmail(context, fixture('simple-thread'));
  const page = await context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('unknown-sender')).toBeVisible();
  await page.getByTestId('neverShow-address').click();
  await expect(page.getByTestId('status-nobody')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('status-nobody')).toBeVisible();
  await expect(page.getByTestId('unknown-sender')).toHaveCount(0);
});

test('the sidebar resizes from its inner edge and keeps its width', async () => {
  const { context } = ext;
  await serveGmail(context, fixture('simple-thread'));
  const page = await context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(page.getByTestId('unknown-sender')).toBeVisible();
  const dock = page.getByTestId('kesher-dock');
  const before = (await dock.boundingBox())!.width;

  // Docked right, dragging the inner (left) edge leftwards widens it.
  const handle = (await page.getByTestId('sidebar-resize').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x - 100, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await dock.boundingBox())!.width).toBeGreaterThan(before + 80);
  const widened = (await dock.boundingBox())!.width;

  // The page gave up the same room: its content ends where the sidebar starts.
  const mainRight = await page.evaluate(() => {
    const main = document.querySelector('[role="main"]')!.getBoundingClientRect();
    return main.right;
  });
  expect(mainRight).toBeLessThanOrEqual(1400 - widened + 1);

  await page.reload();
  await expect(page.getByTestId('unknown-sender')).toBeVisible();
  await expect
    .poll(async () => Math.round((await dock.boundingBox())!.width))
    .toBe(Math.round(widened));
});
