import type { KesherDB, MetaKey, MetaRow } from './schema';

type MetaValue<K extends MetaKey> = Extract<MetaRow, { key: K }>['value'];

export async function readMeta<K extends MetaKey>(
  db: KesherDB,
  key: K,
): Promise<MetaValue<K> | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValue<K> | undefined;
}

export function metaRow<K extends MetaKey>(key: K, value: MetaValue<K>): MetaRow {
  return { key, value } as MetaRow;
}

/**
 * A new client id: 64 random bits in hex. Ids only need to be unique among one team's
 * clients, and every HLC ends with one, so short beats a full UUID.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
