import type { z } from 'zod';
import type { NeverListInput, UpdateSettingsInput } from '../../lib/messaging/protocol';
import type { SettingsFields } from '../../lib/model';
import type { RefusalResolution, SyncStatus } from '../../lib/sync/types';

/** Only the fields that changed; nested objects (autoLog, neverLog…) go whole. */
export type SettingsPatch = z.input<typeof UpdateSettingsInput>;
export type NeverListName = NeverListInput['list'];
export type NeverEntryKind = NeverListInput['kind'];

/**
 * Everything the options page can ask for. The entrypoint wires team settings to messages and
 * the agent's addresses to this browser's storage; a rejected promise is shown to the user with
 * its message. Writes answer the state after the write.
 */
export interface OptionsActions {
  loadSettings(): Promise<SettingsFields>;
  saveSettings(patch: SettingsPatch): Promise<SettingsFields>;
  addToNeverList(entry: NeverListInput): Promise<SettingsFields>;
  loadAgentEmails(): Promise<string[]>;
  addAgentEmail(email: string): Promise<string[]>;
  removeAgentEmail(email: string): Promise<string[]>;
  /** Calls `listener` when settings or addresses change elsewhere; answers the unsubscribe. */
  subscribe?(listener: () => void): () => void;
  sync: SyncActions;
}

/**
 * Team sync, as the background's engine offers it; every call answers the status after it.
 * A rejected `connect` carries the sentence to show (wrong token, server unreachable).
 */
export interface SyncActions {
  status(): Promise<SyncStatus>;
  /** The URL and token as typed, trimmed. */
  connect(url: string, token: string): Promise<SyncStatus>;
  disconnect(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  resolve(mutationId: string, resolution: RefusalResolution): Promise<SyncStatus>;
}
