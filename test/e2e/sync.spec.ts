import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithExtension, type LaunchedExtension } from './extension';
import { blockNetwork, callBackground, fixture, GMAIL_URL, serveGmail } from './helpers';
import { addUser, createTeam } from '../../server/admin';
import { startServer, type RunningServer } from '../../server/start';
import type { SyncStatus } from '../../lib/sync/types';

const SIMPLE = 'FMfcgzQcqHdWLvNtsBbkKPjRmXzGsfTw';

let server: RunningServer;
let dataDir: string;
let tokens: { dana: string; maya: string };
let browsers: LaunchedExtension[] = [];
let logs: string[] = [];

// One team server (PGlite in a temporary directory) for the file, two browsers per test.
test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kesher-e2e-server-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    storage: { kind: 'pglite', dataDir },
    log: () => {},
    rateLimit: false,
  });
});
test.afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function launch(name: string): Promise<LaunchedExtension> {
  const ext = await launchWithExtension();
  ext.context.on('page', (page) =>
    page.on('pageerror', (e) => logs.push(`${name} page: ${e.message}`)),
  );
  ext.worker.on('console', (m) => logs.push(`${name} worker ${m.type()}: ${m.text()}`));
  await blockNetwork(ext.context);
  await serveGmail(ext.context, fixture('simple-thread'));
  browsers.push(ext);
  return ext;
}

/** Connects through the options page, as an agent would with the token their admin gave. */
async function connect(ext: LaunchedExtension, token: string): Promise<Page> {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.getByTestId('sync-url').fill(`http://127.0.0.1:${server.port}`);
  await options.getByTestId('sync-token').fill(token);
  await options.getByTestId('sync-connect').click();
  await expect(options.getByTestId('sync-status')).toContainText('Acme Support');
  return options;
}

// A team of its own per test: each starts from an empty server.
let teams = 0;
test.beforeEach(async () => {
  browsers = [];
  logs = [];
  const now = Date.now();
  const team = await createTeam(server.storage, 'Acme Support', now);
  const add = async (name: string) =>
    (
      await addUser(
        server.storage,
        { teamId: team.id, email: `${name}${++teams}@acme.test`, role: 'agent' },
        now,
      )
    ).token;
  tokens = { dana: await add('dana'), maya: await add('maya') };
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from this pattern; none needed
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    // What each background thought of its sync, and what it said: the first thing to read.
    for (const [i, b] of browsers.entries()) {
      const status = await callBackground(b.context, b.extensionId, 'getSyncStatus', null).catch(
        (e: unknown) => String(e),
      );
      const stats = await callBackground(b.context, b.extensionId, 'getStats', null).catch(
        (e: unknown) => String(e),
      );
      logs.push(`browser ${i}: ${JSON.stringify(status)} ${JSON.stringify(stats)}`);
    }
    console.log(logs.join('\n'));
  }
  for (const b of browsers) await b.close();
});

test('two agents of one team: a customer and a log made in one browser show in the other', async () => {
  const a = await launch('A');
  const b = await launch('B');
  const optionsA = await connect(a, tokens.dana);
  await connect(b, tokens.maya);

  // Browser A: an unknown sender becomes a customer, and the thread is logged.
  const mailA = await a.context.newPage();
  await mailA.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await mailA.getByTestId('create-submit').click();
  await expect(mailA.getByTestId('customer-name')).toHaveText('Acme Tools');
  await mailA.getByTestId('log-email').click();
  await expect(mailA.getByTestId('timeline-item')).toHaveCount(2);
  // Pushed shortly after the writes (debounced): A syncs by itself and has nothing pending.
  const wroteAt = Date.now();
  await expect
    .poll(
      async () => {
        const s = await callBackground<SyncStatus>(a.context, a.extensionId, 'getSyncStatus', null);
        return s.pending === 0 && (s.lastSyncAt ?? 0) > wroteAt;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await optionsA.reload();
  await expect(optionsA.getByTestId('sync-pending')).toHaveText(/: 0$/);

  // Browser B: opening the same thread syncs, and the file arrives with its history.
  const mailB = await b.context.newPage();
  await mailB.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await expect(mailB.getByTestId('customer-name')).toHaveText('Acme Tools', { timeout: 20_000 });
  await expect(mailB.getByTestId('timeline-item')).toHaveCount(2);
  await expect(mailB.getByTestId('log-email')).toHaveClass(/done/);

  // A quick note in B reaches A's open sidebar without a reload.
  await mailB.getByTestId('quick-log-open').click();
  await mailB.getByTestId('quick-log-subject').fill('Called back about the delivery');
  await mailB.getByTestId('quick-log-submit').click();
  await expect(mailB.getByTestId('timeline-item')).toHaveCount(3);
  await callBackground(b.context, b.extensionId, 'syncNow', null);
  await callBackground(a.context, a.extensionId, 'syncNow', null);
  await expect(mailA.getByTestId('timeline-item')).toHaveCount(3, { timeout: 20_000 });
  await expect(mailA.getByTestId('timeline')).toContainText('Called back about the delivery');

  const stats = await Promise.all(
    [a, b].map((x) =>
      callBackground<{ customers: number; interactions: number }>(
        x.context,
        x.extensionId,
        'getStats',
        null,
      ),
    ),
  );
  expect(stats[0]).toMatchObject({ customers: 1, interactions: 3 });
  expect(stats[1]).toMatchObject({ customers: 1, interactions: 3 });
});

test('the same customer made in two browsers: the server refuses the second, which merges it', async () => {
  const a = await launch('A');
  const b = await launch('B');
  await connect(a, tokens.dana);

  // A makes the customer and logs the thread; it reaches the server.
  const mailA = await a.context.newPage();
  await mailA.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  // A person customer: the address is the customer's own, which the server keeps unique.
  await mailA.getByTestId('create-kind-person').click();
  await mailA.getByTestId('create-submit').click();
  await mailA.getByTestId('log-email').click();
  await expect(mailA.getByTestId('timeline-item')).toHaveCount(2);
  const s = await callBackground<SyncStatus>(a.context, a.extensionId, 'syncNow', null);
  expect(s.pending).toBe(0);

  // B, still local-only, makes the same customer (same address) and notes a call.
  const mailB = await b.context.newPage();
  await mailB.goto(`${GMAIL_URL}#inbox/${SIMPLE}`);
  await mailB.getByTestId('create-kind-person').click();
  await mailB.getByTestId('create-submit').click();
  await mailB.getByTestId('quick-log-open').click();
  await mailB.getByTestId('quick-log-subject').fill('Called about the invoice');
  await mailB.getByTestId('quick-log-submit').click();
  await expect(mailB.getByTestId('timeline-item')).toHaveCount(1);

  // Connecting uploads B's data; the server refuses the second customer with the address,
  // and Settings says so and offers the merge.
  const optionsB = await connect(b, tokens.maya);
  const refusal = optionsB.getByTestId('sync-refusal');
  await expect(refusal).toHaveCount(1, { timeout: 20_000 });
  await expect(refusal.getByTestId('sync-refusal-reason')).toContainText(
    'dana.levi@acme-tools.co.il',
  );
  await refusal.getByTestId('sync-merge').click();
  await expect(optionsB.getByTestId('sync-refusal')).toHaveCount(0);

  // One customer in both browsers, with A's emails and B's call.
  await callBackground(b.context, b.extensionId, 'syncNow', null);
  await callBackground(a.context, a.extensionId, 'syncNow', null);
  for (const mail of [mailA, mailB]) {
    await expect(mail.getByTestId('timeline-item')).toHaveCount(3, { timeout: 20_000 });
    await expect(mail.getByTestId('timeline')).toContainText('Called about the invoice');
  }
  // B's sidebar shows the team's customer (A's: this thread's emails, which only A logged,
  // are on it), and B's own was retired into it.
  await expect(mailB.getByTestId('log-email')).toHaveClass(/done/);
  const counts = await Promise.all(
    [a, b].map((x) =>
      callBackground<{ interactions: number }>(x.context, x.extensionId, 'getStats', null),
    ),
  );
  expect(counts.map((c) => c.interactions)).toEqual([3, 3]);
});
