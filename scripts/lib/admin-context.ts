import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { loadOrgConfig } from '../../shared/config.js';
import { terminalLog } from '../../shared/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { readLocalEnv } from './local-env.js';
import { localServices } from './local-services.js';

/**
 * Where the admin CLI works. Locally (the default): the DynamoDB Local that `npm start`
 * runs, and its outbox. With PULSE_TARGET=aws: a deployed stack's table, through the AWS
 * credentials and region of the shell, named by the stack's outputs.
 */
const AWS_TARGET_HINTS = { TABLE_NAME: 'the TableName output of the CarePulse-<id> stack', PULSE_BASE_URL: 'the PulseUrl output of the CarePulse-<id> stack' };
const awsTargetSchema = z.object({ TABLE_NAME: z.string().min(3), PULSE_BASE_URL: z.url().optional() });

export type AdminTarget =
  | { kind: 'local'; endpoint: string; tableName: string; baseUrl: string }
  | { kind: 'aws'; tableName: string; baseUrl: string | undefined };

export function readAdminTarget(env: NodeJS.ProcessEnv = process.env): AdminTarget {
  const local = readLocalEnv(env, { discover: true });
  if (env.PULSE_TARGET === undefined || env.PULSE_TARGET === 'local') {
    return {
      kind: 'local',
      endpoint: env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${local.PULSE_DYNAMODB_PORT}`,
      tableName: local.TABLE_NAME,
      baseUrl: local.baseUrl,
    };
  }
  if (env.PULSE_TARGET !== 'aws') throw new Error(`environment variable PULSE_TARGET: "${env.PULSE_TARGET}" is neither "local" nor "aws"`);
  const parsed = awsTargetSchema.safeParse({ TABLE_NAME: env.TABLE_NAME, PULSE_BASE_URL: env.PULSE_BASE_URL });
  if (!parsed.success) {
    throw new Error(
      [
        ...parsed.error.issues.map((issue) => {
          const name = String(issue.path[0]) as keyof typeof AWS_TARGET_HINTS;
          return `environment variable ${name}: ${issue.input === undefined ? 'missing' : `"${String(issue.input)}" is not valid`}; set it to ${AWS_TARGET_HINTS[name]}`;
        }),
        'See them with: aws cloudformation describe-stacks --stack-name CarePulse-<id> --query "Stacks[0].Outputs"',
      ].join('\n'),
    );
  }
  return { kind: 'aws', tableName: parsed.data.TABLE_NAME, baseUrl: parsed.data.PULSE_BASE_URL };
}

/** What an admin command works on: the org config, the table, and (locally) where messages go. */
export async function adminContext() {
  const env = readLocalEnv(process.env, { discover: true });
  const target = readAdminTarget();
  const org = await loadOrgConfig(env.orgFile);
  const { client, documentClient } = createDynamoClients(target.kind === 'local' ? { endpoint: target.endpoint } : {});
  try {
    await client.send(new DescribeTableCommand({ TableName: target.tableName }));
  } catch (error) {
    client.destroy();
    const missing = error instanceof ResourceNotFoundException;
    const message =
      target.kind === 'local'
        ? `DynamoDB at ${target.endpoint} ${missing ? `has no table "${target.tableName}"` : 'did not answer'}. Start the local platform first with \`npm start\` (in another terminal).`
        : `The table "${target.tableName}" ${missing ? 'was not found' : 'could not be read'} with this shell's AWS credentials and region (${error instanceof Error ? error.name : 'error'}). Check TABLE_NAME against the stack's TableName output, and AWS_REGION / AWS_PROFILE.`;
    throw new Error(message, { cause: error });
  }
  const services = localServices({
    documentClient,
    tableName: target.tableName,
    org,
    outboxDir: env.outboxDir,
    baseUrl: target.baseUrl ?? env.baseUrl,
    clock: systemClock,
    log: terminalLog(),
  });
  return { env, target, org, documentClient, ...services, close: () => client.destroy() };
}
