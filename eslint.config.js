// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Typed rules: a promise nobody awaits is an error nobody sees (one bounced address once
    // stopped every later digest), and an assertion the types already make is noise.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The domain stays pure so it can be tested fast and alone (docs/design.md, "Shape").
    files: ['shared/domain/**/*.{ts,tsx}', 'shared/words/**/*.{ts,tsx}', 'web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@middy/*'] }],
    },
  },
  {
    // Scripts and test reports are the operator's terminal; printing there is their job.
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'infra/app.ts'],
    rules: { 'no-console': 'off' },
  },
);
