/**
 * The offscreen document (lib/jobs/offscreen-runner.ts): relays the service worker's request
 * for a full analytics run to a dedicated worker, and the worker's answers back. The document
 * itself only relays: extension APIs (the port) exist here, not in the worker.
 */
import { browser } from '#imports';
import { OFFSCREEN_PORT, type RunReply, type RunRequest } from '@/lib/jobs/offscreen-runner';

const port = browser.runtime.connect({ name: OFFSCREEN_PORT });
const worker = new Worker(new URL('./analytics.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (event: MessageEvent<RunReply>) => port.postMessage(event.data);
worker.onerror = (event) =>
  port.postMessage({ type: 'failed', message: event.message || 'The analytics worker failed' });
port.onMessage.addListener((request: RunRequest) => worker.postMessage(request));
