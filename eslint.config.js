import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through libs/config, not process.env.',
        },
      ],
    },
  },
  {
    // The demo dashboard runs in the browser, with chart.js loaded by a script tag.
    files: ['apps/query-api/src/dashboard/**/*.js'],
    languageOptions: { globals: { ...globals.browser, Chart: 'readonly' } },
  },
  {
    files: ['libs/config/**', 'scripts/**', 'test/**', '**/*.spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
