import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries from ARCHITECTURE.md: nothing imports entrypoints/; lib/sites stays pure;
// components never touch the browser; lib/analytics and lib/identity run anywhere.
const noBrowserGlobals = {
  'no-restricted-globals': [
    'error',
    { name: 'browser', message: 'Pass what you need in as a parameter.' },
    { name: 'chrome', message: 'Pass what you need in as a parameter.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'test/fixtures/',
      'public/',
      'bench-results/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/entrypoints/**'], message: 'Nothing imports entrypoints/.' }] },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-undef': 'off',
    },
  },
  {
    files: ['lib/sites/**'],
    rules: {
      ...noBrowserGlobals,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db/**',
                '**/messaging/**',
                '**/components/**',
                '**/entrypoints/**',
                'dexie',
              ],
              message: 'Site adapters are pure: DOM in, context out.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**', 'lib/identity/**', 'lib/model/**', 'lib/analytics/**'],
    rules: noBrowserGlobals,
  },
);
