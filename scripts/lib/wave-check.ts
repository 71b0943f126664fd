import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/table.js';

/**
 * Makes every submit this client sends also check, in its transaction, that the one wave
 * item is open: the design every answer once carried (docs/design.md). Added to a client of
 * its own, outside the product, so the benchmark and the model's tests can show in the same
 * run what that one shared item does to a burst on DynamoDB.
 */
export function withWaveCheck(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        const input = args.input as TransactWriteCommandInput;
        const token = input.TransactItems?.[0]?.Update;
        if (token && String(token.Key?.pk).startsWith('TOKEN#')) {
          const waveId = String(token.ExpressionAttributeValues?.[':waveId']);
          const nowIso = new Date(Number(token.ExpressionAttributeValues?.[':nowSeconds']) * 1000).toISOString();
          // A new input each time: the same command is sent again on a retry.
          const TransactItems = [
            ...input.TransactItems!,
            {
              ConditionCheck: {
                TableName: token.TableName,
                Key: keys.wave(waveId),
                ConditionExpression: '#status = :open AND closesAt > :nowIso',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':open': 'open', ':nowIso': nowIso },
              },
            },
          ];
          return next({ ...args, input: { ...input, TransactItems } });
        }
      }
      return next(args);
    },
    // Before the model's own middleware, so it sees the wave item as DynamoDB would.
    { step: 'initialize', name: 'waveCheck', priority: 'high' },
  );
}
