import type { StoreStats } from '../../lib/messaging/protocol';
import type { AnalyticsSummary } from '../../lib/model';
import type { SyncStatus } from '../../lib/sync/types';

/** What seeding the demo dataset loaded. */
export interface SeedCounts {
  customers: number;
  interactions: number;
}

/**
 * Everything the popup can ask for. The entrypoint wires these to messages; a rejected promise
 * is shown to the user with its message.
 */
export interface PopupActions {
  loadStats(): Promise<StoreStats>;
  seedDemo(): Promise<SeedCounts>;
  loadAnalytics(): Promise<AnalyticsSummary | null>;
  /** Recomputes every customer's figures and answers the new summary. */
  recomputeAnalytics(): Promise<AnalyticsSummary | null>;
  /** Team sync, for the popup's one line about it. */
  loadSyncStatus(): Promise<SyncStatus>;
  openOptions(): void;
}
