/**
 * Waits for a new task of the event loop, so that messages queued meanwhile (a sidebar asking
 * for a customer file) are answered before long work goes on.
 *
 * Not setTimeout(0): browsers clamp timeouts nested five deep to at least 4 ms, so a recompute
 * paced in slices of a few milliseconds spent a third of its time waiting out the clamp. A
 * MessageChannel message is a task without it, in service workers and pages alike.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
