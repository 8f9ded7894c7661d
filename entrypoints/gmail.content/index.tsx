import { defineContentScript } from '#imports';
import { gmailAdapter } from '@/lib/sites/gmail';
import { mountSidebar } from '@/lib/content/mount';

// Wiring only: the Gmail adapter reads the page, the shared sidebar shows the file.
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    await mountSidebar(ctx, gmailAdapter);
  },
});
