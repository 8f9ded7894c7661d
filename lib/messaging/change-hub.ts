import { CHANGES_PORT, type ChangeEvent } from './ports';

/** The part of a runtime.Port the hub uses; a plain object in tests. */
export interface ChangePort {
  name: string;
  sender?: { id?: string };
  postMessage(message: ChangeEvent): void;
  onDisconnect: { addListener(cb: () => void): void };
}

/**
 * Keeps the open sidebars' ports and tells each of them what changed. Ports from other
 * extensions or pages are refused (the sender id must be ours).
 */
export function createChangeHub(extensionId: string) {
  const ports = new Set<ChangePort>();
  return {
    accept(port: ChangePort & { disconnect?: () => void }): boolean {
      if (port.name !== CHANGES_PORT || port.sender?.id !== extensionId) {
        port.disconnect?.();
        return false;
      }
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      return true;
    },
    notify(event: ChangeEvent): void {
      for (const port of ports) {
        try {
          port.postMessage(event);
        } catch {
          // The tab went away between its disconnect and our post: forget it.
          ports.delete(port);
        }
      }
    },
    get size(): number {
      return ports.size;
    },
  };
}
