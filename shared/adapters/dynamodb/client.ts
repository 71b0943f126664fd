import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SDK_MAX_ATTEMPTS } from './retry.js';

export interface DynamoClientOptions {
  /** Set for DynamoDB Local; unset on AWS. */
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * One client pair per process: the low-level client (table admin) and the document client
 * on top of it (items). Against DynamoDB Local the credentials are fixed placeholders (the
 * emulator runs with -sharedDb, so they only need to be present).
 */
export function createDynamoClients(options: DynamoClientOptions = {}): { client: DynamoDBClient; documentClient: DynamoDBDocumentClient } {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    ...(local ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    region: options.region ?? (local ? 'local' : undefined),
    // Throttling is retried here and only here (see retry.ts for the whole policy).
    retryMode: 'adaptive',
    maxAttempts: SDK_MAX_ATTEMPTS,
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, documentClient };
}
