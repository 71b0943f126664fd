import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB answers a TransactWriteItems only once the write is durable. DynamoDB Local does
 * not: its `SQLiteDBAccess.commitTransaction` (DynamoDBLocal.jar 2026-01-16) puts the SQLite
 * COMMIT on its single database thread and returns without waiting for it, so killing the
 * emulator just after it answered can lose a transaction it reported as done. The crash
 * bench is there to test our code (atomic submit, retries, error mapping) under a kill, not
 * that gap in the stand-in, so against the emulator a transaction's success is passed on
 * only after a read has gone through the same database thread behind the COMMIT.
 *
 * Bench only: on AWS the service's own acknowledgement already means durable.
 */
export function acknowledgeAfterCommit(client: DynamoDBClient, tableName: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand') {
        // Any key will do: the read only has to queue behind the COMMIT and come back.
        await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'BENCH#commit-barrier' }, sk: { S: '-' } }, ConsistentRead: true }));
      }
      return result;
    },
    { step: 'initialize', name: 'acknowledgeAfterCommit' },
  );
}
