import type { BrowserContext, Page } from '@playwright/test';
import { mailboxPage, threadMarkup } from '../../lib/demo/gmail-markup';
import { GMAIL_URL, serveGmail } from '../e2e/helpers';
import { allowNamedFunctions, benchCustomer } from './seed-indexeddb';

/** The agent whose mailbox the benches open threads in. */
export const BENCH_ACCOUNT = { name: 'Bench Agent', email: 'agent@bench-agent.example' };

/** An empty demo mailbox at a Gmail URL, with the content script loaded on it. */
export async function openBenchMailbox(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await serveGmail(context, mailboxPage({ account: BENCH_ACCOUNT, threads: [] }));
  await page.goto(`${GMAIL_URL}#inbox`);
  await allowNamedFunctions(page);
  return page;
}

/**
 * Thread opened (its DOM put on the page, as Gmail does) → the sidebar shows bench customer
 * i's name: the milliseconds an agent waits for the customer file.
 */
export async function timeThreadOpen(page: Page, i: number): Promise<number> {
  const c = benchCustomer(i);
  const markup = threadMarkup({
    threadId: `bench-${i}`,
    subject: `Order question ${i}`,
    messages: [
      {
        id: `bench-open-${i}`,
        from: { name: c.name, email: c.email },
        to: [BENCH_ACCOUNT],
        at: Date.now(),
        body: 'Hello',
      },
    ],
  });
  return page.evaluate(
    ({ markup, name }) =>
      new Promise<number>((resolve, reject) => {
        const root = () => document.querySelector('kesher-sidebar')?.shadowRoot;
        const shows = () =>
          root()?.querySelector('[data-testid="customer-name"]')?.textContent === name;
        const t0 = performance.now();
        (window as unknown as { __showThread(m: string): void }).__showThread(markup);
        const check = () => {
          if (shows()) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 10_000)
            reject(new Error(`sidebar never showed ${name}`));
          else requestAnimationFrame(check);
        };
        const observer = new MutationObserver(() => {
          if (shows()) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        const r = root();
        if (r) observer.observe(r, { subtree: true, childList: true, characterData: true });
        check();
      }),
    { markup, name: c.name },
  );
}
