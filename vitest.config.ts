import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SDK_NODE_NOTICE_SILENCED, silenceSdkNodeNotice } from './scripts/lib/sdk-node-notice.js';

// `test.env` reaches the test workers only; the global setup's own DynamoDB client runs in this process.
silenceSdkNodeNotice();

const BROWSER_TEST = 'test/e2e/browser.test.ts';
// One DynamoDB Local for the whole run, shared by every project that lists it; each test
// file gets its own table. `unit` goes without, so it runs where no Java is installed.
const DYNAMODB_LOCAL = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    // Every project `extends` these. No list (include, globalSetup) is set here: a project's
    // own would be added to it rather than put in its place.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Most files wait on DynamoDB Local, a child process or the disk rather than on this
    // process's core: at least two at a time, even on two cores (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { LOG_LEVEL: 'silent', ...SDK_NODE_NOTICE_SILENCED },
    // Each runs alone as `npm run test:<name>`; `npm test` runs them all. Every test file
    // belongs to exactly one (test/unit/test-projects.test.ts).
    projects: [
      // Each file's modules are loaded once per worker, not once per file (`isolate: false`):
      // that start-up was much of what these projects cost. It is safe because no file changes
      // a module for the next: clients are mocked per instance (aws-sdk-client-mock), spies and
      // environment variables are restored, and each file makes its own table. The e2e files
      // spawn what they test, and the browser file is one.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.{ts,tsx}'], globalSetup: DYNAMODB_LOCAL, isolate: false } },
      { extends: true, test: { name: 'api', include: ['test/api/**/*.test.{ts,tsx}'], globalSetup: DYNAMODB_LOCAL, isolate: false } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.{ts,tsx}'], globalSetup: DYNAMODB_LOCAL, isolate: false } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.{ts,tsx}'], exclude: [BROWSER_TEST], globalSetup: DYNAMODB_LOCAL } },
      { extends: true, test: { name: 'browser', include: [BROWSER_TEST], globalSetup: DYNAMODB_LOCAL } },
    ],
  },
});
