import { CHANGES_PORT, type ChangeEvent } from '../messaging/ports';

interface PortLike {
  onMessage: { addListener(cb: (message: ChangeEvent) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
  disconnect(): void;
}

/**
 * Subscribes to the background's change events. The service worker may be stopped at any
 * time, which drops the port: reconnect, and refresh once since events may have been missed.
 */
export function subscribeToChanges(
  connect: (name: string) => PortLike,
  onChange: (event: ChangeEvent) => void,
  signal: AbortSignal,
): void {
  let retryMs = 250;
  const open = (afterDrop: boolean) => {
    if (signal.aborted) return;
    let port: PortLike;
    try {
      port = connect(CHANGES_PORT);
    } catch {
      return; // The extension was reloaded or removed: this content script is orphaned.
    }
    port.onMessage.addListener((event) => {
      retryMs = 250;
      onChange(event);
    });
    port.onDisconnect.addListener(() => {
      if (signal.aborted) return;
      setTimeout(() => open(true), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    });
    signal.addEventListener('abort', () => port.disconnect(), { once: true });
    if (afterDrop) onChange({ tables: [], customerIds: [] });
  };
  open(false);
}
