/**
 * A full analytics run in a dedicated worker of the offscreen document: it opens the
 * extension's database itself, reads, fits, writes the figures and the run's state, and
 * answers where the time went. It says it is still working every few seconds, since those
 * messages are what keeps the service worker, which waits for the answer, alive; and it
 * gives way while sidebars are being answered (lib/jobs/give-way.ts).
 */
import { openDb } from '@/lib/db/open';
import { runFullAnalytics } from '@/lib/jobs/full-run';
import { createGiveWay, FOREGROUND_CHANNEL } from '@/lib/jobs/give-way';
import { WORKING_EVERY_MS, type RunReply, type RunRequest } from '@/lib/jobs/offscreen-runner';

const db = openDb();
/**
 * Small read pages: this thread has nobody to answer, but a sidebar's read of the database
 * waits behind the page read in flight. Writes go to the figure store nobody reads
 * (analytics-rows.ts), so their size is the worker's choice.
 */
const PAGES = { read: 500, write: 200 };
const reply = (message: RunReply) => postMessage(message);

onmessage = async (event: MessageEvent<RunRequest>) => {
  if (event.data.type !== 'fullRun') return;
  const giveWay = createGiveWay();
  const foreground = new BroadcastChannel(FOREGROUND_CHANNEL);
  foreground.onmessage = () => giveWay.onForeground();
  const working = setInterval(() => reply({ type: 'working' }), WORKING_EVERY_MS);
  try {
    const phases = await runFullAnalytics(db, {
      now: Date.now,
      pause: giveWay.pause,
      ranIn: 'offscreen',
      pages: PAGES,
    });
    reply({ type: 'done', phases: { ...phases, gaveWayMs: giveWay.heldMs() } });
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    clearInterval(working);
    foreground.close();
  }
};
