import type { SyncConnection } from '../../lib/sync/types';
import { formatRelative } from '../format';
import type { Translate } from '../types';

// Sentences about sync shared by the options page and the popup.

const MINUTE_MS = 60_000;

/** "2 minutes ago"; "just now" under a minute, where Intl would say "this minute". */
export function syncedAgo(t: Translate, at: number, now: number, locale: string): string {
  return now - at < MINUTE_MS ? t('options_sync_just_now') : formatRelative(at, now, locale);
}

/** "Next try in 5 minutes." or, under a minute away, "Trying again in a moment." */
export function retryText(t: Translate, retryAt: number, now: number, locale: string): string {
  return retryAt - now < MINUTE_MS
    ? t('options_sync_retry_soon')
    : t('options_sync_retry', formatRelative(retryAt, now, locale));
}

const ROLE_KEYS: Record<SyncConnection['role'], string> = {
  agent: 'options_sync_role_agent',
  manager: 'options_sync_role_manager',
  admin: 'options_sync_role_admin',
};

export function roleText(t: Translate, role: SyncConnection['role']): string {
  return t(ROLE_KEYS[role]);
}

/** The team's name, or the server's host when the server did not say one. */
export function teamText(connection: SyncConnection): string {
  if (connection.teamName) return connection.teamName;
  try {
    return new URL(connection.url).host || connection.url;
  } catch {
    return connection.url;
  }
}
