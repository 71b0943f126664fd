import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { loadOrgConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { readLocalEnv } from './local-env.js';
import { localServices } from './local-services.js';

/**
 * What an admin command works on: the org config, the table, and where messages go.
 * Locally that is the DynamoDB Local that `npm start` runs, and its outbox.
 */
export async function adminContext() {
  const env = readLocalEnv();
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${env.PULSE_DYNAMODB_PORT}`;
  const org = await loadOrgConfig(env.orgFile);
  const { client, documentClient } = createDynamoClients({ endpoint });
  try {
    await client.send(new DescribeTableCommand({ TableName: env.TABLE_NAME }));
  } catch (error) {
    client.destroy();
    const reason = error instanceof ResourceNotFoundException ? `has no table "${env.TABLE_NAME}"` : 'did not answer';
    throw new Error(`DynamoDB at ${endpoint} ${reason}. Start the local platform first with \`npm start\` (in another terminal).`, { cause: error });
  }
  const services = localServices({ documentClient, tableName: env.TABLE_NAME, org, outboxDir: env.outboxDir, baseUrl: env.baseUrl, clock: systemClock, log: createLogger('care-pulse-cli') });
  return { env, org, ...services, close: () => client.destroy() };
}
