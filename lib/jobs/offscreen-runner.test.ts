import { describe, expect, it, vi } from 'vitest';
import type { FullRunPhases } from './full-run';
import {
  createOffscreenRunner,
  OFFSCREEN_PORT,
  type RunReply,
  type RunRequest,
  type RunnerPort,
} from './offscreen-runner';

const URL = 'chrome-extension://kesher/offscreen.html';
const PHASES: FullRunPhases = {
  readMs: 1,
  computeMs: 2,
  writeMs: 3,
  orders: 4,
  interactions: 5,
  ranIn: 'offscreen',
};

/** A port as runtime.onConnect hands it over, driven by the test as the document would be. */
function documentPort(sender = { id: 'kesher', url: URL }) {
  const replies: Array<(m: RunReply) => void> = [];
  const disconnects: Array<() => void> = [];
  const requests: RunRequest[] = [];
  let disconnected = false;
  const port: RunnerPort & { disconnect(): void } = {
    name: OFFSCREEN_PORT,
    sender,
    postMessage: (m) => requests.push(m),
    onMessage: { addListener: (cb) => replies.push(cb) },
    onDisconnect: { addListener: (cb) => disconnects.push(cb) },
    disconnect: () => (disconnected = true),
  };
  return {
    port,
    requests,
    reply: (m: RunReply) => replies.forEach((cb) => cb(m)),
    drop: () => disconnects.forEach((cb) => cb()),
    wasDisconnected: () => disconnected,
  };
}

/** chrome.offscreen as far as the runner uses it; a created document connects its port. */
function setup(opts: { createFails?: boolean } = {}) {
  const calls: string[] = [];
  const doc = documentPort();
  let fallbackRuns = 0;
  const runner = createOffscreenRunner({
    url: URL,
    extensionId: 'kesher',
    offscreen: {
      createDocument: async (p) => {
        calls.push(`create ${p.url}`);
        if (opts.createFails) throw new Error('Offscreen documents are not supported');
        // The document loads, then connects.
        setTimeout(() => runner.accept(doc.port), 0);
      },
      closeDocument: async () => {
        calls.push('close');
      },
    },
    fallback: async () => {
      fallbackRuns++;
      return { ...PHASES, ranIn: 'worker' };
    },
  });
  return { runner, calls, doc, fallbackRuns: () => fallbackRuns };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('createOffscreenRunner', () => {
  it('asks the document for one run, answers its figures and closes it', async () => {
    const { runner, calls, doc } = setup();
    const run = runner.run();
    await tick();
    expect(doc.requests).toEqual([{ type: 'fullRun' }]);
    doc.reply({ type: 'working' });
    doc.reply({ type: 'done', phases: PHASES });
    await expect(run).resolves.toEqual(PHASES);
    // A document left by an earlier worker is closed first; ours after its run.
    expect(calls).toEqual(['close', `create ${URL}`, 'close']);
  });

  it('closes a stale document only before the first run of this worker', async () => {
    const { runner, calls, doc } = setup();
    for (let n = 0; n < 2; n++) {
      const run = runner.run();
      await tick();
      doc.reply({ type: 'done', phases: PHASES });
      await run;
    }
    expect(calls).toEqual(['close', `create ${URL}`, 'close', `create ${URL}`, 'close']);
  });

  it('fails the run with the document’s reason, and closes it', async () => {
    const { runner, calls, doc } = setup();
    const run = runner.run();
    await tick();
    doc.reply({ type: 'failed', message: 'QuotaExceededError' });
    await expect(run).rejects.toThrow('QuotaExceededError');
    expect(calls.at(-1)).toBe('close');
  });

  it('fails the run when the document goes away mid-run', async () => {
    const { runner, doc } = setup();
    const run = runner.run();
    await tick();
    doc.drop();
    await expect(run).rejects.toThrow(/closed before its run ended/);
  });

  it('runs in the worker when no document can be made', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { runner, fallbackRuns } = setup({ createFails: true });
    await expect(runner.run()).resolves.toMatchObject({ ranIn: 'worker' });
    expect(fallbackRuns()).toBe(1);
    expect(String(warn.mock.calls[0])).toMatch(/analytics run in the worker/);
    warn.mockRestore();
  });

  it('turns away ports that are not the awaited document’s', async () => {
    const { runner } = setup();
    // Not its name: left to the other listeners.
    expect(runner.accept({ ...documentPort().port, name: 'kesher-changes' })).toBe(false);
    // Its name, but nobody waits for a document, or another page or extension sent it.
    for (const stranger of [
      documentPort(),
      documentPort({ id: 'kesher', url: 'chrome-extension://kesher/popup.html' }),
      documentPort({ id: 'other', url: URL }),
    ]) {
      expect(runner.accept(stranger.port)).toBe(true);
      expect(stranger.wasDisconnected()).toBe(true);
    }
  });
});
