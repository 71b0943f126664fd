import '../shared/lambda-setup.js';
import { handle } from 'hono/aws-lambda';
import * as z from 'zod/mini';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { bundledOrgConfig } from '../../shared/bundled-config.js';
import { createLogger } from '../../shared/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { emfCounters } from '../../shared/adapters/aws/emf-counters.js';
import { createApp } from './app.js';

/**
 * API Gateway (HTTP API) -> Hono app. Configuration is read and checked once per cold
 * start; a missing setting stops the function loudly instead of failing per request.
 */
const env = z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }).parse(process.env);
const { documentClient } = createDynamoClients();

const org = bundledOrgConfig();
const counters = emfCounters({ org: org.id, service: 'api' });
const app = createApp({
  ...dynamoStores({ client: documentClient, tableName: env.TABLE_NAME }),
  clock: systemClock,
  org,
  log: createLogger('api'),
  counters,
});
const serve = handle(app);

/** Each invocation's counters are written once it is answered (only when there are any). */
export const handler: typeof serve = async (event, context) => {
  try {
    return await serve(event, context);
  } finally {
    counters.flush();
  }
};
