/** Languages written right to left among those a browser may report (he, and old "iw"). */
const RTL = /^(he|iw|ar|fa|ur|yi)\b/i;

/** The page direction for a BCP 47 language tag such as "he", "he-IL" or "lv". */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return RTL.test(language) ? 'rtl' : 'ltr';
}
