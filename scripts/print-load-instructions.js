#!/usr/bin/env node
// Printed by `npm start` after the build: exactly how to load what was built.
import { existsSync } from 'node:fs';
import path from 'node:path';

const chrome = path.resolve('.output/chrome-mv3');
if (!existsSync(path.join(chrome, 'manifest.json'))) {
  console.error(`The build did not produce ${chrome}/manifest.json.`);
  process.exit(1);
}
console.log(`
Kesher is built: ${chrome}

Load it in Chrome, Chromium or Edge:
  1. Open chrome://extensions (edge://extensions in Edge).
  2. Turn on "Developer mode" (top right).
  3. Click "Load unpacked" and choose the folder:
       ${chrome}
  4. Open https://mail.google.com and open any email: the customer file opens beside it.
     Alt+Shift+K shows or hides the sidebar.

Firefox: run "npm run build:firefox", open about:debugging#/runtime/this-firefox,
click "Load Temporary Add-on…" and pick .output/firefox-mv2/manifest.json.

To see it with sample customers and a demo mailbox, without a Google account:
  npm run demo                              (opens Chromium; needs a display)
  npm run demo -- --screenshot demo-shots   (headless, writes screenshots)
`);
