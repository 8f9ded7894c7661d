import type { CustomFieldDef } from './types';

export type CustomFieldValue = string | number | boolean | null;
export type FieldType = CustomFieldDef['type'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The team's definitions, then any keys the customer carries that no definition names. */
export function fieldsToShow(
  defs: CustomFieldDef[],
  values: Record<string, CustomFieldValue>,
): CustomFieldDef[] {
  const known = new Set(defs.map((d) => d.key));
  const extra = Object.keys(values)
    .filter((key) => !known.has(key))
    .sort()
    .map((key): CustomFieldDef => ({ key, label: key, type: inferType(values[key] ?? null) }));
  return [...defs, ...extra];
}

function inferType(value: CustomFieldValue): FieldType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

/** The editor's text for a stored value. Dates are kept as "YYYY-MM-DD". */
export function toDraft(value: CustomFieldValue | undefined, type: FieldType): string {
  if (value === null || value === undefined) return '';
  if (type === 'date' && typeof value === 'number') {
    return new Date(value).toISOString().slice(0, 10);
  }
  return String(value);
}

export type Parsed = { ok: true; value: CustomFieldValue } | { ok: false };

/** The value to store for the editor's text; empty clears the field. */
export function parseDraft(draft: string, type: FieldType): Parsed {
  const text = draft.trim();
  if (text === '') return { ok: true, value: null };
  switch (type) {
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { ok: true, value: text === 'true' }
        : { ok: false };
    case 'date':
      return ISO_DATE.test(text) && !Number.isNaN(Date.parse(text))
        ? { ok: true, value: text }
        : { ok: false };
    case 'text':
      return text.length <= 2_000 ? { ok: true, value: text } : { ok: false };
  }
}
