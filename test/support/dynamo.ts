import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { DynamoPulseStore } from '../../shared/adapters/dynamodb/pulse-store.js';
import type { RetryPolicy } from '../../shared/adapters/dynamodb/retry.js';

/** A fresh table on the run's DynamoDB Local, built from the shared definition. */
export async function createTestTable(options: { retry?: RetryPolicy } = {}) {
  const { client, documentClient } = createDynamoClients({ endpoint: inject('dynamoEndpoint') });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  const store = new DynamoPulseStore({ client: documentClient, tableName, ...(options.retry ? { retry: options.retry } : {}) });
  return {
    client,
    documentClient,
    tableName,
    store,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
