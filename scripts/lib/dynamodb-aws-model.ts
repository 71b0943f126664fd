import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What DynamoDB Local does not show, put in front of it as SDK middleware, for the
 * benchmark and the tests that ask how the submit path behaves on AWS.
 *
 * The model (stated, so its figures can be read for what they are):
 * - **Transaction conflicts.** DynamoDB cancels a TransactWriteItems with
 *   `TransactionConflict` when one of its items is part of another transaction still in
 *   progress (condition checks included). The emulator runs transactions one at a time, so
 *   they never overlap; here a transaction holds its items for `serviceLatencyMs` (what
 *   DynamoDB takes; the emulator's own queueing on this machine is not AWS and is not
 *   counted), and a transaction that finds one of its items held is cancelled with that
 *   reason on the held items, as DynamoDB reports it. Then the emulator runs it.
 * - **Partition throughput.** About 1,000 write units per second per partition; a
 *   transactional write costs 2 units per item (prepare and commit), condition checks
 *   included. Items are assigned to partitions by partition key (one key never spans
 *   partitions here, though DynamoDB can split a hot key's sort-key range). Past the limit
 *   in a wall-clock second, the transaction is cancelled with `ThrottlingError`.
 * Single-item writes and reads pass through unmodelled.
 */
export interface AwsModelOptions {
  /** How long DynamoDB holds a transaction's items, on top of the emulator's own time. */
  serviceLatencyMs?: number;
  partitionWcuPerSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface AwsModelStats {
  transactions: number;
  conflicts: number;
  throttles: number;
  /** The most write units one partition key took in one second. */
  hottestPartitionWcu: number;
  /** Which partition key that was. */
  hottestPartition: string;
}

type Key = Record<string, unknown>;
interface TransactItem {
  Put?: { Item: Key };
  Update?: { Key: Key };
  Delete?: { Key: Key };
  ConditionCheck?: { Key: Key };
}

const plain = (value: unknown): string => String(typeof value === 'object' && value !== null && 'S' in value ? value.S : value);

function itemOf(item: TransactItem): { pk: string; key: string } {
  const key = item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key ?? {};
  const pk = plain(key.pk);
  return { pk, key: `${pk}|${plain(key.sk)}` };
}

function cancelled(codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({
      Code,
      ...(Code === 'None'
        ? {}
        : {
            Message: Code === 'TransactionConflict' ? 'Transaction is ongoing for the item' : 'Throughput exceeds the current capacity for one or more items',
          }),
    })),
  });
}

/** Puts the model in front of a client (and every command sent through it); returns its live figures. */
export function modelAws(client: DynamoDBDocumentClient, options: AwsModelOptions = {}): AwsModelStats {
  const latency = options.serviceLatencyMs ?? 25;
  const limit = options.partitionWcuPerSecond ?? 1000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const stats: AwsModelStats = { transactions: 0, conflicts: 0, throttles: 0, hottestPartitionWcu: 0, hottestPartition: '' };
  const held = new Map<string, number>();
  let second = -1;
  let unitsThisSecond = new Map<string, number>();

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const items = ((args.input as { TransactItems?: TransactItem[] }).TransactItems ?? []).map(itemOf);
      stats.transactions++;

      const current = Math.floor(now() / 1000);
      if (current !== second) [second, unitsThisSecond] = [current, new Map()];
      const wanted = new Map<string, number>();
      for (const item of items) wanted.set(item.pk, (wanted.get(item.pk) ?? 0) + 2);
      const over = new Set([...wanted].filter(([pk, units]) => (unitsThisSecond.get(pk) ?? 0) + units > limit).map(([pk]) => pk));
      if (over.size > 0) {
        stats.throttles++;
        throw cancelled(items.map((item) => (over.has(item.pk) ? 'ThrottlingError' : 'None')));
      }
      for (const [pk, units] of wanted) {
        const total = (unitsThisSecond.get(pk) ?? 0) + units;
        unitsThisSecond.set(pk, total);
        if (total > stats.hottestPartitionWcu) [stats.hottestPartitionWcu, stats.hottestPartition] = [total, pk];
      }

      if (items.some((item) => held.has(item.key))) {
        stats.conflicts++;
        throw cancelled(items.map((item) => (held.has(item.key) ? 'TransactionConflict' : 'None')));
      }
      for (const item of items) held.set(item.key, (held.get(item.key) ?? 0) + 1);
      try {
        await sleep(latency);
      } finally {
        for (const item of items) {
          const count = (held.get(item.key) ?? 1) - 1;
          if (count === 0) held.delete(item.key);
          else held.set(item.key, count);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'awsModel' },
  );
  return stats;
}
