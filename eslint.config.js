// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
