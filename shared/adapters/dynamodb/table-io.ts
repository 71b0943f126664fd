import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  ScanCommand,
  type BatchGetCommandOutput,
  type DeleteCommand,
  type DynamoDBDocumentClient,
  type PutCommand,
  type QueryCommandInput,
  type ScanCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { chunksOf, mapLimit } from '../../concurrency.js';
import { ServiceBusyError, StoredDataError } from '../../errors.js';
import type { TableKey } from '../../table.js';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry.js';

/**
 * Errors that mean DynamoDB is busy rather than that the request is wrong. The SDK has
 * already retried the ones it retries (retry.ts); what reaches us is told to come back later.
 */
const BUSY_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
/** Why an item of a cancelled transaction was refused, when the refusal means "busy". */
const BUSY_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded', 'InternalServerError']);

const BATCH_WRITE_LIMIT = 25;
/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_CONCURRENCY = 8;
/** Under DynamoDB's 400 KB item limit, with room for the keys. */
export const CHUNK_BYTES = 350 * 1024;
/** DynamoDB's limit of items in one transaction. */
export const TRANSACTION_ITEMS = 100;

export interface TableOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  retry?: RetryPolicy;
}

/**
 * The one table as every store reads and writes it: batch reads and writes with their
 * retries, paged queries and scans, conditional writes. Each store of an aggregate holds one.
 */
export class TableIO {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: RetryPolicy;

  constructor(options: TableOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.retry = options.retry ?? defaultRetryPolicy;
  }

  async get(key: TableKey, options: { consistent?: boolean } = {}): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ...(options.consistent ? { ConsistentRead: true } : {}) }));
    return Item;
  }

  /** Sends a conditional write: false when its condition refused it, any other error thrown. */
  async writeIf(command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      // The document client's send is overloaded per command; any of these three is one it takes.
      await this.client.send(command as PutCommand);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Sets `fields` on one item and leaves the rest as it is. With `mustExist` (the default) an
   * absent item is an error rather than one made holding only these fields.
   */
  async setFields(key: TableKey, fields: Record<string, unknown>, options: { mustExist?: boolean } = {}): Promise<void> {
    const names = Object.keys(fields);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `SET ${names.map((_, index) => `#f${index} = :f${index}`).join(', ')}`,
        ...(options.mustExist === false ? {} : { ConditionExpression: 'attribute_exists(pk)' }),
        ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#f${index}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, index) => [`:f${index}`, fields[name]])),
      }),
    );
  }

  /** The items named by `ids` (one key each), parsed, by id; ids with no item are left out. */
  async readMany<T>(ids: readonly string[], key: (id: string) => TableKey, schema: z.ZodMiniType<T>): Promise<Map<string, T>> {
    // Strongly consistent: a batch can arrive a moment after its wave's links were issued,
    // and a link not yet visible would be skipped as "joined after open" and never sent.
    const items = await this.batchGet(ids.map(key), { consistent: true });
    const found = new Map<string, T>();
    for (const id of ids) {
      const item = items.get(keyId(key(id)));
      if (item) found.set(id, parseStored(schema, item));
    }
    return found;
  }

  /** Items by key (keyId), 100 keys a request, resending whatever DynamoDB hands back unprocessed. */
  async batchGet(keysWanted: readonly TableKey[], options: { consistent?: boolean } = {}): Promise<Map<string, Record<string, unknown>>> {
    // DynamoDB refuses a request that names one key twice.
    const wanted = [...new Map(keysWanted.map((key) => [keyId(key), key])).values()];
    const found = new Map<string, Record<string, unknown>>();
    for (const chunk of chunksOf(wanted, BATCH_GET_LIMIT)) {
      let pending: Record<string, unknown>[] | undefined = chunk.map((key) => ({ pk: key.pk, sk: key.sk }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        await this.beforeAttempt(attempt);
        const result: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) found.set(keyId({ pk: String(item.pk), sk: String(item.sk) }), item);
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /** Every item a query matches, following its pages. */
  async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Every item of a partition. */
  async partition(pk: string, options: { consistent?: boolean; sortKeyPrefix?: string } = {}): Promise<Record<string, unknown>[]> {
    return this.queryAll({
      KeyConditionExpression: options.sortKeyPrefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ...(options.sortKeyPrefix === undefined ? {} : { ':prefix': options.sortKeyPrefix }) },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    });
  }

  /** A scan in `segments` parallel parts, each page handed to `visit` as it arrives. */
  async scanPages(
    input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Segment' | 'TotalSegments'>,
    segments: number,
    visit: (items: Record<string, unknown>[]) => void | Promise<void>,
  ): Promise<void> {
    const readSegment = async (segment: number) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new ScanCommand({ ...input, TableName: this.tableName, Segment: segment, TotalSegments: segments, ExclusiveStartKey: startKey }),
        );
        await visit(page.Items ?? []);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    };
    await Promise.all(Array.from({ length: segments }, (_, segment) => readSegment(segment)));
  }

  /**
   * Batch writes in chunks of 25, several chunks at a time, resending whatever DynamoDB
   * hands back unprocessed.
   */
  async batchPut(items: readonly Record<string, unknown>[], onProgress?: (written: number, total: number) => void): Promise<void> {
    let written = 0;
    await this.batchWrite(
      items.map((Item) => ({ PutRequest: { Item } })),
      (count) => {
        written += count;
        onProgress?.(written, items.length);
      },
    );
  }

  /** Deletes items by key, as batchPut writes them; a key with no item costs a write and does nothing. */
  async batchDelete(keysToDelete: readonly TableKey[]): Promise<void> {
    await this.batchWrite(keysToDelete.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })));
  }

  private async batchWrite(requests: readonly WriteRequest[], onChunkWritten?: (count: number) => void): Promise<void> {
    const writeChunk = async (chunk: WriteRequest[]) => {
      let pending = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        await this.beforeAttempt(attempt);
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
      }
      onChunkWritten?.(chunk.length);
    };
    await mapLimit(chunksOf(requests, BATCH_WRITE_LIMIT), BATCH_WRITE_CONCURRENCY, writeChunk);
  }

  /** Waits before a retry of items handed back; gives up, as busy, when the attempts run out. */
  private async beforeAttempt(attempt: number): Promise<void> {
    if (attempt >= this.retry.attempts) throw new ServiceBusyError(2);
    if (attempt > 0) await this.retry.sleep(backoffDelay(this.retry, attempt));
  }
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** How batchGet files what it found: by the item's whole key. */
export function keyId(key: TableKey): string {
  return `${key.pk}|${key.sk}`;
}

/** Checks an item read back against its schema; a mismatch names the item and its fields. */
export function parseStored<S extends z.core.$ZodType>(schema: S, value: unknown, item = value as Record<string, unknown>): z.core.output<S> {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return parsed.data;
  throw new StoredDataError(`${String(item.pk)} / ${String(item.sk)}`, z.prettifyError(parsed.error));
}

/** JSON, gzipped, split into as few pieces as fit an item each (halving until they do). */
export function compressedChunks(records: readonly unknown[]): Uint8Array[] {
  const packed = gzipSync(JSON.stringify(records));
  if (packed.length <= CHUNK_BYTES || records.length <= 1) return [packed];
  const half = Math.ceil(records.length / 2);
  return [...compressedChunks(records.slice(0, half)), ...compressedChunks(records.slice(half))];
}

export function decompress(data: unknown): unknown {
  return data instanceof Uint8Array ? JSON.parse(gunzipSync(data).toString('utf8')) : undefined;
}

/** Cancelled by a conflict with another transaction or by an item DynamoDB was too busy for: worth another try. */
export function isTransientCancellation(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict' || (reason.Code !== undefined && BUSY_REASONS.has(reason.Code)))
  );
}

/** DynamoDB was busy and the SDK's own attempts ran out. */
export function isBusy(error: unknown): boolean {
  return error instanceof Error && BUSY_ERRORS.has(error.name);
}
