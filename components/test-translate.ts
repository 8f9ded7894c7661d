import type { Translate } from './types';

/** One entry of a `_locales/<lang>/messages.json` file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, MessageEntry>;

/**
 * Builds a Translate from a messages.json object, substituting the way browsers do:
 * named `$placeholder$`s first (their content usually being `$1`), then `$1`..`$9`, with `$$`
 * for a literal dollar sign. A missing substitution becomes the empty string.
 *
 * The extension uses it when the user picks a UI language other than the browser's (which
 * `browser.i18n` cannot do), passing `browser.i18n.getMessage` as the fallback; tests use it
 * with the bundled files. A key found nowhere comes back as itself, so it shows up on screen.
 */
export function makeTranslate(messages: Messages, fallback?: Translate): Translate {
  // Message names are case-insensitive in both Chrome and Firefox.
  const byName = new Map<string, MessageEntry>();
  for (const [name, entry] of Object.entries(messages)) byName.set(name.toLowerCase(), entry);

  return (key, substitutions) => {
    const entry = byName.get(key.toLowerCase());
    if (!entry) return fallback?.(key, substitutions) || key;
    const subs =
      substitutions === undefined
        ? []
        : Array.isArray(substitutions)
          ? substitutions
          : [substitutions];
    const placeholders = new Map<string, string>();
    for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
      placeholders.set(name.toLowerCase(), p.content);
    }
    const withPlaceholders = entry.message.replace(
      /\$([a-zA-Z0-9_@]+)\$/g,
      (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole,
    );
    return withPlaceholders.replace(/\$(\$|[1-9])/g, (_whole, which: string) =>
      which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
    );
  };
}
