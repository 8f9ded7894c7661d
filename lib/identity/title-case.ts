/**
 * "dana.levi" → "Dana Levi", "acme-tools" → "Acme Tools": words split on the separators
 * people put in addresses and domains, each capitalised. Used only to prefill editable names.
 */
export function titleCaseWords(raw: string): string {
  return raw
    .split(/[\s._-]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toLocaleUpperCase('en') + w.slice(1).toLocaleLowerCase('en'))
    .join(' ');
}
