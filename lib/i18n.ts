import { browser } from '#imports';
import { directionOf } from '../components/direction';

/**
 * The extension's UI language and messages, for every context that shows UI (content script,
 * popup, options). Chrome picks the messages by the browser's language.
 */
let language: string | undefined;
export function uiLanguage(): string {
  // Asked once: the call is not free and the answer never changes while a page lives.
  return (language ??= browser.i18n.getUILanguage());
}

export function uiDirection(): 'ltr' | 'rtl' {
  return directionOf(uiLanguage());
}

/** Messages without substitutions never change in a page: each is looked up once. */
const plainMessages = new Map<string, string>();
export function translate(key: string, substitutions?: string | string[]): string {
  if (substitutions !== undefined)
    return browser.i18n.getMessage(key as never, substitutions) || key;
  let message = plainMessages.get(key);
  if (message === undefined) {
    message = browser.i18n.getMessage(key as never) || key;
    plainMessages.set(key, message);
  }
  return message;
}

/** Sets an extension page's language, direction and title. */
export function applyPageLanguage(doc: Document, titleKey: string): void {
  doc.documentElement.lang = uiLanguage();
  doc.documentElement.dir = uiDirection();
  doc.title = translate(titleKey);
}
