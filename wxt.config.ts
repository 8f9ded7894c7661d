import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  modules: [],
  // Explicit imports only: auto-imports scan components/, where test helpers live too.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    build: {
      // Readable stack traces in the field matter more than a few bytes.
      sourcemap: false,
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen: full analytics runs in a document of their own, off the service worker.
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'kesher@kesher.app',
              strict_min_version: '142.0',
              // Customer data stays in this browser (and later the team's own server): nothing
              // is collected by the extension's authors.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
