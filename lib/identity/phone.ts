import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Longer than any written phone number, even with an extension: not worth parsing. */
const MAX_INPUT = 64;

/**
 * E.164 form ("+972501234567"), or null when `raw` is not a valid number. A number written
 * without a country code is read in `defaultRegion` (ISO 3166-1 alpha-2, the team setting).
 *
 * The default ("min") metadata validates length per country rather than every assigned
 * range: the library's authors advise it, because full-range checks go stale and start
 * refusing freshly assigned numbers, which would silently stop customers from matching.
 */
export function normalizePhone(raw: string, defaultRegion: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_INPUT) return null;
  const region = defaultRegion.toUpperCase();
  const parsed = isSupportedCountry(region)
    ? parsePhoneNumberFromString(raw, region)
    : parsePhoneNumberFromString(raw);
  return parsed?.isValid() ? parsed.number : null;
}
