import { expect, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const GMAIL_URL = 'https://mail.google.com/mail/u/0/';

export function fixture(name: string): string {
  return readFileSync(path.resolve('test/fixtures/gmail', `gmail-2026-11-23-${name}.html`), 'utf8');
}

/**
 * Serves `html` for every mail.google.com request, so the content script runs on it as on the
 * real site. Anything else the page asks for is refused: tests never touch the network.
 */
export async function serveGmail(
  context: BrowserContext,
  html: string | (() => string),
): Promise<void> {
  await context.unroute('https://mail.google.com/**').catch(() => {});
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: typeof html === 'string' ? html : html(),
    }),
  );
}

export async function blockNetwork(context: BrowserContext): Promise<void> {
  // 127.0.0.1 stays open: the sync tests' team server runs there.
  await context.route(/^https?:\/\/(?!mail\.google\.com\/|127\.0\.0\.1[:/])/, (route) =>
    route.abort(),
  );
}

/** Calls the background as an extension page does (the messenger's wire format). */
export async function callBackground<T = unknown>(
  context: BrowserContext,
  extensionId: string,
  type: string,
  data: unknown,
): Promise<T> {
  let page = context.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!page) {
    page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
  }
  const answer = await page.evaluate(
    async ([type, data]) =>
      (await (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() })) as {
        res?: { ok: boolean; value?: unknown; error?: { message: string } };
        err?: unknown;
      },
    [type, data] as const,
  );
  if (!answer?.res) throw new Error(`No answer to ${type}: ${JSON.stringify(answer)}`);
  if (!answer.res.ok) throw new Error(`${type} refused: ${answer.res.error?.message}`);
  return answer.res.value as T;
}

export function sidebar(page: Page) {
  return page.locator('kesher-sidebar');
}

export async function openThread(page: Page, threadId: string): Promise<void> {
  await page.goto(`${GMAIL_URL}#inbox/${threadId}`);
  await expect(page.getByTestId('kesher-dock')).toBeVisible();
}
