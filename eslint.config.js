import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BROWSER_BOXES = ['alert', 'confirm', 'prompt'];
const message =
  'Use a MUI dialog (common/ReasonDialog or react-admin Confirm), not the browser box';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.data/',
      'test-results/',
      'coverage/',
      'test/support/generator/gen-bundle.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['admin-ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The console asks in its own dialogs (common/ReasonDialog, react-admin's Confirm): the
      // browser's boxes take no reason codes or several lines and eat the page's keys.
      'no-restricted-globals': ['error', ...BROWSER_BOXES.map((name) => ({ name, message }))],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].flatMap((object) =>
          BROWSER_BOXES.map((property) => ({ object, property, message })),
        ),
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', '**/*.cjs'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
