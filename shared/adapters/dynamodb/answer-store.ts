import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_SHARD_COUNT } from '../../domain/aggregates.js';
import { storedComment } from '../../domain/comments.js';
import { tokenRecordSchema, type TokenRecord } from '../../domain/wave.js';
import { AlreadyAnsweredError, LinkExpiredError, ServiceBusyError, SubmissionMismatchError, UnitNotReachedError, UnknownLinkError } from '../../errors.js';
import type { AnswerStore, IssuedToken, ReachEntry, SubmissionWrite } from '../../ports/answer-store.js';
import { keys } from '../../table.js';
import { backoffDelay } from './retry.js';
import { isBusy, isTransientCancellation, parseStored, TRANSACTION_ITEMS, type TableIO } from './table-io.js';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Tokens and the aggregate shards they add to. A submit writes its token and one shard of its
 * unit, nothing every submit shares, so a burst of answers contends for nothing.
 */
export class DynamoAnswerStore implements AnswerStore {
  constructor(private readonly table: TableIO) {}

  async issueTokens(tokens: readonly IssuedToken[]): Promise<void> {
    await this.table.batchPut(tokens.map(({ tokenHash, record }) => ({ ...keys.token(tokenHash), ...record })));
  }

  async getToken(tokenHash: string): Promise<TokenRecord | undefined> {
    const item = await this.table.get(keys.token(tokenHash));
    return item === undefined ? undefined : parseStored(tokenRecordSchema, item);
  }

  async getTokens(tokenHashes: readonly string[]): Promise<Map<string, TokenRecord>> {
    return this.table.readMany(tokenHashes, keys.token, tokenRecordSchema);
  }

  async recordSubmission(write: SubmissionWrite): Promise<'recorded' | 'comment-dropped'> {
    try {
      await this.sendSubmission(write);
      return 'recorded';
    } catch (error) {
      // A bucket past DynamoDB's item size refuses the whole transaction: the answers still
      // count, and the comment is what gives way.
      if (write.comment === undefined || !commentTooLarge(error)) throw error;
      const { comment: _dropped, ...answersOnly } = write;
      await this.sendSubmission(answersOnly);
      return 'comment-dropped';
    }
  }

  private async sendSubmission(write: SubmissionWrite): Promise<void> {
    const command = new TransactWriteCommand({
      // One token per HTTP request: a retry of this very request is idempotent on AWS for
      // ten minutes, while a second submit of the same link is a new request and gets 409.
      ClientRequestToken: randomUUID(),
      TransactItems: submissionItems(this.table.tableName, write),
    });
    // Only a cancelled transaction is tried again here (a conflict with another one, or an item
    // throttled inside it): the SDK takes a cancellation for an answer. Throttling of the
    // request itself was the SDK's to retry, and trying it again here would multiply its
    // attempts (retry.ts).
    let lastCancellation: unknown;
    const { retry } = this.table;
    for (let attempt = 0; attempt < retry.attempts; attempt++) {
      if (attempt > 0) await retry.sleep(backoffDelay(retry, attempt));
      try {
        await this.table.client.send(command);
        return;
      } catch (error) {
        const domainError = classifyCancellation(error, write);
        if (domainError) throw domainError;
        if (isTransientCancellation(error)) {
          lastCancellation = error;
          continue;
        }
        if (isBusy(error)) throw new ServiceBusyError(2, { cause: error });
        throw error;
      }
    }
    throw new ServiceBusyError(2, { cause: lastCancellation });
  }

  async recordReach(entries: readonly ReachEntry[]): Promise<number> {
    const people = [...new Map(entries.map((entry) => [`${entry.waveId}#${entry.staffId}`, entry])).values()];
    let counted = 0;
    for (const group of reachTransactions(people)) counted += await this.countReachGroup(group);
    return counted;
  }

  /**
   * One transaction: each person's mark (so a later message does not count them again) and
   * `reached` added on every shard of each unit, by as many as it has people here. People
   * counted before are dropped and the rest tried again.
   */
  private async countReachGroup(group: ReachEntry[]): Promise<number> {
    const { retry, tableName } = this.table;
    let remaining = group;
    let lastCancellation: unknown;
    for (let attempt = 0; attempt < retry.attempts && remaining.length > 0; attempt++) {
      const perUnit = new Map<string, { entry: ReachEntry; people: number }>();
      for (const entry of remaining) {
        const id = unitId(entry);
        perUnit.set(id, { entry, people: (perUnit.get(id)?.people ?? 0) + 1 });
      }
      const command = new TransactWriteCommand({
        ClientRequestToken: randomUUID(),
        TransactItems: [
          ...remaining.map((entry) => ({
            Put: {
              TableName: tableName,
              Item: { ...keys.reach(entry.waveId, entry.staffId), expiresAt: entry.expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
          ...[...perUnit.values()].flatMap(({ entry, people }) =>
            Array.from({ length: DEFAULT_SHARD_COUNT }, (_, shard) => ({
              Update: {
                TableName: tableName,
                Key: keys.aggregate(entry.waveId, entry.unit.department, entry.unit.roleGroup, shard),
                UpdateExpression: 'ADD #reached :people',
                // A shard deleted at close is never made again, not even to hold a count.
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#reached': 'reached' },
                ExpressionAttributeValues: { ':people': people },
              },
            })),
          ),
        ],
      });
      try {
        await this.table.client.send(command);
        return remaining.length;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) {
          if (isBusy(error)) throw new ServiceBusyError(2, { cause: error });
          throw error;
        }
        const reasons = error.CancellationReasons ?? [];
        // A shard absent: the wave has closed, so nothing is left to count.
        if (reasons.slice(remaining.length).some((reason) => reason?.Code === 'ConditionalCheckFailed')) return 0;
        const countedBefore = remaining.filter((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed');
        if (countedBefore.length > 0) {
          remaining = remaining.filter((entry) => !countedBefore.includes(entry));
          attempt--;
          continue;
        }
        if (!isTransientCancellation(error)) throw error;
        // A conflict with a submit adding to one of the units' shards at that moment.
        lastCancellation = error;
        await retry.sleep(backoffDelay(retry, attempt + 1));
      }
    }
    if (remaining.length === 0) return 0;
    throw new ServiceBusyError(2, { cause: lastCancellation });
  }
}

/**
 * The items one submit writes: the token, and one shard of its unit. The token must name the
 * wave and unit the form claims; the shard must not be closed.
 */
function submissionItems(tableName: string, write: SubmissionWrite): TransactItems {
  const increments = Object.entries(write.increments);
  const names: Record<string, string> = {};
  const addClauses = increments.map(([attribute], index) => {
    names[`#c${index}`] = attribute;
    return `#c${index} :c${index}`;
  });
  const values = Object.fromEntries(increments.map(([, amount], index) => [`:c${index}`, amount]));
  const reach =
    write.reachK === undefined ? undefined : { condition: ' AND #reached >= :reachK', name: { '#reached': 'reached' }, value: { ':reachK': write.reachK } };
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.token(write.tokenHash),
        UpdateExpression: 'SET #state = :used',
        ConditionExpression:
          'attribute_exists(pk) AND #state = :issued AND #expiresAt > :nowSeconds AND #waveId = :waveId AND #department = :department AND #roleGroup = :roleGroup',
        ExpressionAttributeNames: { '#state': 'state', '#expiresAt': 'expiresAt', '#waveId': 'waveId', '#department': 'department', '#roleGroup': 'roleGroup' },
        ExpressionAttributeValues: {
          ':used': 'used',
          ':issued': 'issued',
          ':nowSeconds': Math.floor(write.now.getTime() / 1000),
          ':waveId': write.waveId,
          ':department': write.unit.department,
          ':roleGroup': write.unit.roleGroup,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: keys.aggregate(write.waveId, write.unit.department, write.unit.roleGroup, write.shard),
        UpdateExpression: `ADD ${addClauses.join(', ')}`,
        // The shards are made when the wave opens and deleted once it is frozen at close: an
        // absent shard is a closed one, never one to make (its answer would be in no figure).
        // Every shard of a unit also carries how many people its links reached (recordReach),
        // so that check shares no item with another unit's submits.
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(#closed)${reach?.condition ?? ''}`,
        ExpressionAttributeNames: { ...names, '#closed': 'closed', ...reach?.name },
        ExpressionAttributeValues: { ...values, ...reach?.value },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    ...(write.comment === undefined ? [] : [commentItem(tableName, write, write.comment)]),
  ];
}

/**
 * The comment, added to its bucket: no token, time or shard beside it, and no condition of its
 * own (the token's and the shard's decide whether anything is written).
 */
function commentItem(tableName: string, write: SubmissionWrite, comment: NonNullable<SubmissionWrite['comment']>): TransactItems[number] {
  return {
    Update: {
      TableName: tableName,
      Key: keys.comments(write.waveId, write.unit.department, write.unit.roleGroup, comment.bucket),
      UpdateExpression: 'ADD #comments :comment SET #expiresAt = :expiresAt',
      ExpressionAttributeNames: { '#comments': 'comments', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':comment': new Set([storedComment(randomBytes(6).toString('base64url'), comment.text)]), ':expiresAt': comment.expiresAt },
    },
  };
}

/** Whether DynamoDB refused a submit because the comment's bucket would outgrow an item. */
function commentTooLarge(error: unknown): boolean {
  const itemSize = (message: string | undefined) => /item size/i.test(message ?? '');
  if (error instanceof TransactionCanceledException)
    return error.CancellationReasons?.[2]?.Code === 'ValidationError' && itemSize(error.CancellationReasons[2].Message);
  return error instanceof Error && error.name === 'ValidationException' && itemSize(error.message);
}

function unitId(entry: ReachEntry): string {
  return `${entry.waveId}#${entry.unit.department}/${entry.unit.roleGroup}`;
}

/** People grouped so each group's marks and its units' shards fit one transaction. */
function reachTransactions(people: readonly ReachEntry[]): ReachEntry[][] {
  const byUnit = new Map<string, ReachEntry[]>();
  for (const entry of people) byUnit.set(unitId(entry), [...(byUnit.get(unitId(entry)) ?? []), entry]);
  const groups: ReachEntry[][] = [];
  let current: ReachEntry[] = [];
  let items = 0;
  for (const members of byUnit.values()) {
    for (let start = 0; start < members.length; ) {
      const room = TRANSACTION_ITEMS - items - DEFAULT_SHARD_COUNT;
      if (room <= 0) {
        groups.push(current);
        current = [];
        items = 0;
        continue;
      }
      const taken = members.slice(start, start + room);
      current.push(...taken);
      items += DEFAULT_SHARD_COUNT + taken.length;
      start += taken.length;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Turns a cancelled transaction into what it means for the person: the token (item 0) was
 * unknown, used, expired or not the one the form described, or the shard (item 1) was
 * closed with its wave, or its unit not reached yet. Undefined when the cancellation was a
 * conflict, or DynamoDB was busy.
 */
function classifyCancellation(error: unknown, write: SubmissionWrite): Error | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const [tokenReason, shardReason] = error.CancellationReasons ?? [];
  if (tokenReason?.Code === 'ConditionalCheckFailed') return tokenProblem(tokenReason, write);
  if (shardReason?.Code !== 'ConditionalCheckFailed') return undefined;
  // A shard there and not closed: what failed is its unit's reach. Absent or closed: the wave closed.
  return shardReason.Item !== undefined && shardReason.Item.closed === undefined && write.reachK !== undefined
    ? new UnitNotReachedError()
    : new LinkExpiredError('wave-closed');
}

function tokenProblem(reason: CancellationReason, write: SubmissionWrite): Error {
  const item = reason.Item;
  if (item === undefined) return new UnknownLinkError();
  if (item.state?.S === 'used') return new AlreadyAnsweredError();
  if (Number(item.expiresAt?.N ?? 0) <= Math.floor(write.now.getTime() / 1000)) return new LinkExpiredError('expired');
  // Issued and current, so what differs is the wave or unit the form named: never count it there.
  return new SubmissionMismatchError();
}
