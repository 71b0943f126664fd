/**
 * `npm start`: the whole platform on one machine. DynamoDB Local with the real table, the
 * Hono app on localhost, the demo organization with a first wave open, and an outbox
 * where every email and SMS lands.
 */
import { serve } from '@hono/node-server';
import { createApp } from '../functions/api/app.js';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { createDynamoClients } from '../shared/adapters/dynamodb/client.js';
import { DynamoPulseStore } from '../shared/adapters/dynamodb/pulse-store.js';
import { FileOutbox } from '../shared/adapters/outbox.js';
import { loadOrgConfig } from '../shared/config.js';
import { AppError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { systemClock } from '../shared/ports/clock.js';
import { openWave } from '../shared/use-cases/open-wave.js';
import { demoRoster } from './lib/demo-roster.js';
import { checkJava, startDynamoLocal } from './lib/dynamodb-local.js';
import { readLocalEnv } from './lib/local-env.js';

async function main() {
  const env = readLocalEnv();
  const javaProblem = checkJava();
  if (javaProblem) {
    console.error(javaProblem);
    process.exit(1);
  }
  const org = await loadOrgConfig(env.orgFile);

  console.log(`Starting DynamoDB Local on port ${env.PULSE_DYNAMODB_PORT} (data in ${env.dynamoDir}) ...`);
  const dynamo = await startDynamoLocal({ port: env.PULSE_DYNAMODB_PORT, dataDir: env.dynamoDir });
  const { client, documentClient } = createDynamoClients({ endpoint: dynamo.endpoint });
  const created = await ensureTable(client, env.TABLE_NAME);
  const store = new DynamoPulseStore({ client: documentClient, tableName: env.TABLE_NAME });
  const outbox = new FileOutbox(env.outboxDir);

  if ((await store.listWaves()).length === 0) {
    const roster = env.PULSE_ORG === 'demo' ? demoRoster() : [];
    await store.putStaff(roster);
    const wave = await openWave({ store, messenger: outbox, clock: systemClock, org, baseUrl: env.baseUrl });
    console.log(`Loaded ${org.name}: ${roster.length} staff, ${org.departments.length} departments; opened wave ${wave.id} (${wave.issued} links sent to the outbox).`);
  } else {
    console.log(`Table ${env.TABLE_NAME} ${created === 'created' ? 'created' : 'found'} with existing waves; nothing reseeded.`);
  }

  const app = createApp({ store, clock: systemClock, org, log: createLogger('care-pulse-local'), outbox });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: '127.0.0.1' }, () => {
    console.log('');
    console.log(`  Care Pulse is running at ${env.baseUrl}`);
    console.log(`  Outbox (click a pulse link): ${env.baseUrl}/dev/outbox`);
    console.log(`  Health check:                ${env.baseUrl}/healthz`);
    console.log('  Stop with Ctrl+C. Data stays in', env.dataDir);
  });

  const shutdown = async () => {
    server.close();
    await dynamo.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
