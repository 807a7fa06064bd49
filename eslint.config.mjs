import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The local runtime (X-Openid, the dev clock) never reaches what is deployed. */
const LOCAL_ONLY = [{ group: ['**/local/*'], message: 'local/ is the development runtime only; cloud functions must not import it.' }];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'cloudfunctions/*/index.js',
      'miniprogram/miniprogram_npm/**',
      'miniprogram/vendor/*.js',
      'dist/**',
      '.tmp/**',
      'bench/results.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain never imports WeChat: wx-server-sdk only in cloud function entries and the CloudBase adapter.
    // Schemas use zod/mini: classic zod would put ~750 KB into every cloud function bundle.
    files: ['server/**/*.ts'],
    ignores: ['server/store/cloudbase.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['wx-server-sdk', '@cloudbase/node-sdk', { name: 'zod', message: "Use 'zod/mini' (bundle size)." }], patterns: LOCAL_ONLY },
      ],
    },
  },
  {
    files: ['server/store/cloudbase.ts', 'cloudfunctions/*/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: LOCAL_ONLY }] },
  },
);
