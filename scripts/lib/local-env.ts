import { resolve } from 'node:path';
import * as z from 'zod';

// Local scripts may run on Node 20; the SDK's notice that it wants Node 22 from 2027 on is
// in the README, not worth repeating on every command. Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The local platform's settings, from the environment, checked once. */
const localEnvSchema = z.object({
  PULSE_DATA_DIR: z.string().min(1).default('.local'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PULSE_DYNAMODB_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  PULSE_ORG: z.string().regex(/^[a-z0-9-]+$/, 'an org name such as "demo" (reads orgs/<name>.json)').default('demo'),
  TABLE_NAME: z.string().min(3).default('care-pulse'),
});

export function readLocalEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = localEnvSchema.safeParse(env);
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
