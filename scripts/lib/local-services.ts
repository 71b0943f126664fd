import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import type { RetryPolicy } from '../../shared/adapters/dynamodb/retry.js';
import { DynamoWaveSecretStore } from '../../shared/adapters/dynamodb/wave-secrets.js';
import { InProcessDeliveryQueue } from '../../shared/adapters/in-process-queue.js';
import { FileOutbox } from '../../shared/adapters/outbox.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { Wave } from '../../shared/domain/wave.js';
import type { Log } from '../../shared/logger.js';
import type { Clock } from '../../shared/ports/clock.js';
import { deliverMessages } from '../../shared/use-cases/deliver-message.js';

/**
 * The platform wired for one machine: DynamoDB Local behind the real store, wave secrets
 * in the table, the outbox instead of SES and SNS, and deliveries run in-process instead
 * of through SQS and the send function. Used by `npm start`, the CLI and the tests.
 */
export function localServices(options: {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  org: OrgConfig;
  outboxDir: string;
  baseUrl: string;
  clock: Clock;
  log: Log;
  retry?: RetryPolicy;
}) {
  const stores = dynamoStores({ client: options.documentClient, tableName: options.tableName, ...(options.retry ? { retry: options.retry } : {}) });
  const secrets = new DynamoWaveSecretStore({ client: options.documentClient, tableName: options.tableName });
  const outbox = new FileOutbox(options.outboxDir, options.clock.now);
  const cache = { waves: new Map<string, Wave | undefined>(), secrets: new Map<string, Buffer | undefined>() };
  const deliverDeps = { ...stores, secrets, messenger: outbox, clock: options.clock, org: options.org, log: options.log, baseUrl: options.baseUrl, cache };
  const queue = new InProcessDeliveryQueue((batch) => deliverMessages(deliverDeps, batch));
  // A wave's state changes between commands; cached copies must not outlive one command.
  const forget = () => {
    cache.waves.clear();
    cache.secrets.clear();
  };
  return { ...stores, stores, secrets, outbox, queue, deliverDeps, forget, waveDeps: { ...stores, secrets, queue, clock: options.clock, org: options.org } };
}
