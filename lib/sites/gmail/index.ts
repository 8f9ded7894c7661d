import type { SiteAdapter } from '../adapter';
import { gmailMessageBodies } from './bodies';
import { extractGmailThread, signedInAccount } from './extract';
import { isGmailUrl } from './routes';
import { observeTargets } from './selectors';

export const gmailAdapter: SiteAdapter = {
  site: 'gmail',
  matches: isGmailUrl,
  extract: extractGmailThread,
  account: signedInAccount,
  bodies: gmailMessageBodies,
  observeTargets,
};

export { extractGmailThread, signedInAccount } from './extract';
export { isGmailUrl, isGmailListUrl, isGmailThreadUrl, threadIdFromUrl } from './routes';
export { observeTargets } from './selectors';
