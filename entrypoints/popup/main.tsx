import { render } from 'preact';
import { browser } from '#imports';
import { directionOf } from '@/components/popup/direction';
import { PopupView } from '@/components/popup/PopupView';
import type { PopupActions } from '@/components/popup/types';
import type { Translate } from '@/components/types';
import { sendMessage } from '@/lib/messaging/messenger';
import type { Result } from '@/lib/messaging/protocol';
import '@/components/popup/popup.css';

// Wiring only: the popup's actions are protocol messages and one browser call.

async function unwrap<T>(answer: Promise<Result<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const actions: PopupActions = {
  loadStats: () => unwrap(sendMessage('getStats', null)),
  seedDemo: () => unwrap(sendMessage('seedDemo', null)),
  openOptions: () => void browser.runtime.openOptionsPage().finally(() => window.close()),
};

const t: Translate = (key, substitutions) =>
  browser.i18n.getMessage(key as never, substitutions) || key;
const language = browser.i18n.getUILanguage();
const dir = directionOf(language);
document.documentElement.lang = language;
document.documentElement.dir = dir;
document.title = t('extName');

const root = document.getElementById('app');
if (root) render(<PopupView actions={actions} t={t} locale={language} dir={dir} />, root);
