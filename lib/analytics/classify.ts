/**
 * Grouping of accounts by vertical, geography (country) and company size band. Missing or
 * unusable fields fall into an explicit "Unknown" group with the reason, so every account
 * lands somewhere and a report's groups always add up to the whole.
 */

export type SizeBand = '1–9' | '10–49' | '50–249' | '250+' | 'Unknown';

export interface Account {
  id: string;
  vertical?: string | null;
  /** ISO 3166-1 alpha-2 code. */
  country?: string | null;
  employees?: number | null;
}

export interface AccountGroups {
  id: string;
  vertical: string;
  country: string;
  size: SizeBand;
  reasons: string[];
}

/** The EU SME bands: micro, small, medium, large. */
export function sizeBand(employees: number | null | undefined): SizeBand {
  if (employees === null || employees === undefined || !Number.isFinite(employees))
    return 'Unknown';
  if (employees < 1) return 'Unknown';
  if (employees < 10) return '1–9';
  if (employees < 50) return '10–49';
  if (employees < 250) return '50–249';
  return '250+';
}

export function classifyAccount(account: Account): AccountGroups {
  const reasons: string[] = [];
  const vertical = account.vertical?.trim();
  if (!vertical) reasons.push('vertical not set');
  const country = account.country?.trim().toUpperCase();
  const validCountry = country !== undefined && /^[A-Z]{2}$/.test(country);
  if (!validCountry)
    reasons.push(country ? `"${account.country}" is not a country code` : 'country not set');
  const size = sizeBand(account.employees);
  if (size === 'Unknown') reasons.push('employee count missing or not positive');
  return {
    id: account.id,
    vertical: vertical || 'Unknown',
    country: validCountry ? country : 'Unknown',
    size,
    reasons,
  };
}

/** Count of accounts per value of one grouping. */
export function groupCounts(
  groups: readonly AccountGroups[],
  by: 'vertical' | 'country' | 'size',
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g[by], (counts.get(g[by]) ?? 0) + 1);
  return counts;
}
