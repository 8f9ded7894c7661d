/**
 * Month names, short and long, in the product's languages (en, he, lv), keyed as monthKey()
 * writes them. Data, not Intl calls: building this table with Intl.DateTimeFormat costs tens of
 * milliseconds on every mail page load. month-names.test.ts checks it against Intl (CLDR).
 */
export const MONTH_NAMES: readonly (readonly string[])[] = [
  ['jan', 'january', 'ינו', 'ינואר', 'janv', 'janvāris'], // 1
  ['feb', 'february', 'פבר', 'פברואר', 'febr', 'februāris'], // 2
  ['mar', 'march', 'מרץ', 'marts'], // 3
  ['apr', 'april', 'אפר', 'אפריל', 'aprīlis'], // 4
  ['may', 'מאי', 'maijs'], // 5
  ['jun', 'june', 'יוני', 'jūn', 'jūnijs'], // 6
  ['jul', 'july', 'יולי', 'jūl', 'jūlijs'], // 7
  ['aug', 'august', 'אוג', 'אוגוסט', 'augusts'], // 8
  ['sep', 'september', 'ספט', 'ספטמבר', 'sept', 'septembris'], // 9
  ['oct', 'october', 'אוק', 'אוקטובר', 'okt', 'oktobris'], // 10
  ['nov', 'november', 'נוב', 'נובמבר', 'novembris'], // 11
  ['dec', 'december', 'דצמ', 'דצמבר', 'decembris'], // 12
];
