import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { silenceSdkNodeNotice } from './sdk-node-notice.js';

// Every local command reads its settings here first, before it builds an AWS SDK client.
silenceSdkNodeNotice();

/** The local platform's settings, from the environment, checked once. */
const localEnvSchema = z.object({
  PULSE_DATA_DIR: z.string().min(1).default('.local'),
  // 0: a free port, which `npm start` reports in its data folder once it has one.
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PULSE_DYNAMODB_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  PULSE_ORG: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'an org name such as "demo" (reads orgs/<name>.json)')
    .default('demo'),
  TABLE_NAME: z.string().min(3).default('care-pulse'),
});

/** Where a running `npm start` says it listens, in its data folder. */
export const PLATFORM_FILE = 'platform.json';
const platformFileSchema = z.object({ port: z.number().int(), dynamoPort: z.number().int() });

const recordedUnlessSet = (set: string | undefined, recorded: number) => (set === undefined || Number(set) === 0 ? String(recorded) : set);

/**
 * The local platform's settings. With `discover`, ports not set in the environment come from
 * the running platform's own record in the data folder, so the CLI reaches the platform
 * however it was started.
 */
export function readLocalEnv(env: NodeJS.ProcessEnv = process.env, options: { discover?: boolean } = {}) {
  let effective = env;
  if (options.discover) {
    const dataDir = resolve(env.PULSE_DATA_DIR ?? '.local');
    try {
      const running = platformFileSchema.parse(JSON.parse(readFileSync(resolve(dataDir, PLATFORM_FILE), 'utf8')));
      // A port of 0 in the environment is the one `npm start` was asked to pick: it is recorded.
      effective = {
        ...env,
        PORT: recordedUnlessSet(env.PORT, running.port),
        PULSE_DYNAMODB_PORT: recordedUnlessSet(env.PULSE_DYNAMODB_PORT, running.dynamoPort),
      };
    } catch {
      // No platform running from this folder (or an unreadable record): the defaults apply.
    }
  }
  const parsed = localEnvSchema.safeParse(effective);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `environment variable ${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  const dataDir = resolve(parsed.data.PULSE_DATA_DIR);
  return {
    ...parsed.data,
    dataDir,
    dynamoDir: resolve(dataDir, 'dynamodb'),
    outboxDir: resolve(dataDir, 'outbox'),
    orgFile: resolve('orgs', `${parsed.data.PULSE_ORG}.json`),
    baseUrl: `http://localhost:${parsed.data.PORT}`,
  };
}
