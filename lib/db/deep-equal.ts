/**
 * Equality of stored values (what IndexedDB's structured clone keeps of a zod-parsed row:
 * primitives, plain objects, arrays). A property holding `undefined` equals a missing one,
 * because both mean "not set" in the model and JSON does not tell them apart on the wire.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  // === makes 0 and -0 equal (JSON cannot tell them apart); Object.is makes NaN equal NaN.
  if (a === b || Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!deepEqual(ra[key], rb[key])) return false;
  return true;
}
