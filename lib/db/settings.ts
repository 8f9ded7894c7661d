import type { z } from 'zod';
import type { NeverListInput } from '../messaging/protocol';
import { DEFAULT_SETTINGS, SETTINGS_ID, type Settings, type SettingsFields } from '../model';
import type { KesherDB } from './schema';
import { writeInTx, writeScope, type WriteOptions } from './write';

/**
 * The team's settings: one row, id SETTINGS_ID. Reading never writes: with no row stored the
 * defaults are answered, and the row is created by the first update.
 */
export async function getSettings(db: KesherDB): Promise<Settings> {
  const stored = await db.settings.get(SETTINGS_ID);
  // Defaults under the stored row: a setting added in a later version has a value before
  // anyone saves it.
  return {
    id: SETTINGS_ID,
    teamId: 'local',
    createdAt: 0,
    updatedAt: 0,
    deleted: false,
    ...structuredClone(DEFAULT_SETTINGS),
    ...stored,
  };
}

export async function updateSettings(
  db: KesherDB,
  patch: Partial<SettingsFields>,
  opts: WriteOptions = {},
): Promise<Settings> {
  return db.transaction('rw', writeScope(['settings']), () => updateSettingsInTx(db, patch, opts));
}

async function updateSettingsInTx(
  db: KesherDB,
  patch: Partial<SettingsFields>,
  opts: WriteOptions,
): Promise<Settings> {
  const current = await getSettings(db);
  const { id: _id, teamId: _t, createdAt: _c, updatedAt: _u, deleted: _d, ...fields } = current;
  const [row] = await writeInTx(
    db,
    [{ table: 'settings', id: SETTINGS_ID, op: 'upsert', fields: { ...fields, ...patch } }],
    opts,
  );
  return row!;
}

export type NeverListEntry = z.output<typeof NeverListInput>;

/**
 * Adds an address or a domain to the never-show or never-log list. Values compare lower-cased
 * and trimmed; adding one already there writes nothing.
 */
export async function addToNeverList(
  db: KesherDB,
  { list, kind, value }: NeverListEntry,
  opts: WriteOptions = {},
): Promise<Settings> {
  const normalised = value.trim().toLowerCase();
  const key = kind === 'address' ? 'addresses' : 'domains';
  return db.transaction('rw', writeScope(['settings']), async () => {
    const settings = await getSettings(db);
    if (settings[list][key].includes(normalised)) return settings;
    const next = { ...settings[list], [key]: [...settings[list][key], normalised] };
    return updateSettingsInTx(db, { [list]: next }, opts);
  });
}
