import { ConditionalCheckFailedException, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { chunksOf, mapLimit } from '../../concurrency.js';
import { actionSchema, type Action } from '../../domain/actions.js';
import { DEFAULT_SHARD_COUNT, parseAdverseTallyAttribute, parseCountAttribute, type AggregateCounts } from '../../domain/aggregates.js';
import { newDashboardKey } from '../../domain/dashboard-link.js';
import { publishedGroupSchema, type Evaluation, type UnitCounts } from '../../domain/evaluate-hotspots.js';
import type { RosterPerson } from '../../domain/roster.js';
import { CHANNELS, staffSchema, type Channel, type Staff } from '../../domain/staff.js';
import * as z from 'zod/mini';
import { lazySchema } from '../../domain/lazy-schema.js';
import { tokenRecordSchema, waveSchema, type DeliveryKind, type TokenRecord, type Wave } from '../../domain/wave.js';
import { ActionChangedError, AlreadyAnsweredError, LinkExpiredError, ServiceBusyError, StoredDataError, SubmissionMismatchError, UnitNotReachedError, UnknownLinkError } from '../../errors.js';
import { ALERT_CLAIM_STALE_MS, type DeliveryClaim, type IssuedToken, type PulseStore, type ReachEntry, type RoleAggregate, type SubmissionWrite } from '../../ports/pulse-store.js';
import { keys, parseAggregateSortKey, type TableKey } from '../../table.js';
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
const PUBLISHED_READ_CONCURRENCY = 8;
const publishedSummarySchema = lazySchema(() => z.object({ groupCount: z.int().check(z.minimum(0)), hiddenGroups: z.array(z.string()), evalChunks: z.optional(z.int().check(z.minimum(0))), saveId: z.optional(z.string()) }));
/** A frozen wave's counts, as stored in its chunks. */
const frozenUnitsSchema = lazySchema(() => z.array(z.object({ department: z.string(), roleGroup: z.string(), counts: z.object({ n: z.int().check(z.minimum(0)), counts: z.record(z.string(), z.number()) }) })));
type PublishedSummary = z.infer<typeof publishedSummarySchema>;
/** One chunk of a wave's published groups, as `savePublished` compresses them. */
const publishedChunkSchema = lazySchema(() => z.array(publishedGroupSchema));
/** Under DynamoDB's 400 KB item limit, with room for the keys. */
const CHUNK_BYTES = 350 * 1024;
/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_CONCURRENCY = 8;
/** UpdateItems at once per call: a caller can have two calls in flight and stay well under the SDK's 50 sockets. */
const STAFF_UPDATE_CONCURRENCY = 16;
/** Shard marks written at once when a wave closes. */
const CLOSE_CONCURRENCY = 16;
/** Parts of the roster index read at once by `visitAllStaff`: as many reads in flight as the per-department listing had. */
const ROSTER_SCAN_SEGMENTS = 4;

export interface DynamoPulseStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  retry?: RetryPolicy;
}

/** The PulseStore on one DynamoDB table (see shared/table.ts for the keys). */
export class DynamoPulseStore implements PulseStore {
  private readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;
  private readonly retry: RetryPolicy;

  constructor(options: DynamoPulseStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.retry = options.retry ?? defaultRetryPolicy;
  }

  async getToken(tokenHash: string): Promise<TokenRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.token(tokenHash) }));
    return Item === undefined ? undefined : parseStored(tokenRecordSchema, Item);
  }

  async getTokens(tokenHashes: readonly string[]): Promise<Map<string, TokenRecord>> {
    return this.readMany(tokenHashes, keys.token, tokenRecordSchema);
  }

  async getWave(waveId: string): Promise<Wave | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.wave(waveId) }));
    return Item === undefined ? undefined : waveFromItem(Item);
  }

  async listWaves(): Promise<Wave[]> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.wavesPartition() } });
    return items.map(waveFromItem);
  }

  /**
   * The items one submit writes: the token, and one shard of its unit; nothing every submit
   * shares. The token must name the wave and unit the form claims; the shard must not be closed.
   */
  protected submissionItems(write: SubmissionWrite): NonNullable<TransactWriteCommandInput['TransactItems']> {
    const increments = Object.entries(write.increments);
    const names: Record<string, string> = {};
    const addClauses = increments.map(([attribute], index) => {
      names[`#c${index}`] = attribute;
      return `#c${index} :c${index}`;
    });
    const values = Object.fromEntries(increments.map(([, amount], index) => [`:c${index}`, amount]));
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.token(write.tokenHash),
          UpdateExpression: 'SET #state = :used',
          ConditionExpression: 'attribute_exists(pk) AND #state = :issued AND #expiresAt > :nowSeconds AND #waveId = :waveId AND #department = :department AND #roleGroup = :roleGroup',
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
          TableName: this.tableName,
          Key: keys.aggregate(write.waveId, write.unit.department, write.unit.roleGroup, write.shard),
          UpdateExpression: `ADD ${addClauses.join(', ')}`,
          // The shards are made when the wave opens and deleted once it is frozen at close: an
          // absent shard is a closed one, never one to make (its answer would be in no figure).
          // Every shard of a unit also carries how many people its links reached (recordReach),
          // so that check shares no item with another unit's submits.
          ConditionExpression: write.reachK === undefined ? 'attribute_exists(pk) AND attribute_not_exists(#closed)' : 'attribute_exists(pk) AND attribute_not_exists(#closed) AND #reached >= :reachK',
          ExpressionAttributeNames: { ...names, '#closed': 'closed', ...(write.reachK === undefined ? {} : { '#reached': 'reached' }) },
          ExpressionAttributeValues: { ...values, ...(write.reachK === undefined ? {} : { ':reachK': write.reachK }) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ];
  }

  /**
   * The same submit into a wave opened before its shards were made at open, where a shard
   * nobody has answered into yet is absent: made by this answer, but only while the wave item
   * says it is open, has no shards of its own and is not closing. Checking the one wave item
   * is what every submit once did and what a burst cannot afford (aws-model.test.ts); here
   * only a shard's first answer pays it, and only in such a wave, or once a wave has closed.
   * Such a wave predates counting reach, so the shard's condition is only that it is open.
   */
  private unpreparedShardItems(write: SubmissionWrite): NonNullable<TransactWriteCommandInput['TransactItems']> {
    const [token, shard] = this.submissionItems({ ...write, reachK: undefined });
    const { ReturnValuesOnConditionCheckFailure: _returned, ...update } = shard!.Update!;
    return [
      token!,
      { Update: { ...update, ConditionExpression: 'attribute_not_exists(#closed)' } },
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.wave(write.waveId),
          ConditionExpression: '#status = :open AND attribute_not_exists(#closing) AND attribute_not_exists(#shardsMade)',
          ExpressionAttributeNames: { '#status': 'status', '#closing': 'closing', '#shardsMade': 'shardsMade' },
          ExpressionAttributeValues: { ':open': 'open' },
        },
      },
    ];
  }

  async recordSubmission(write: SubmissionWrite): Promise<void> {
    try {
      await this.sendSubmission(write, this.submissionItems(write));
    } catch (error) {
      if (!(error instanceof AbsentShardError)) throw error;
      await this.sendSubmission(write, this.unpreparedShardItems(write));
    }
  }

  private async sendSubmission(write: SubmissionWrite, items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<void> {
    const command = new TransactWriteCommand({
      // One token per HTTP request: a retry of this very request is idempotent on AWS for
      // ten minutes, while a second submit of the same link is a new request and gets 409.
      ClientRequestToken: randomUUID(),
      TransactItems: items,
    });

    // Only a cancelled transaction is tried again here (a conflict with another one, or an item
    // throttled inside it): the SDK takes a cancellation for an answer. Throttling of the
    // request itself was the SDK's to retry, and trying it again here would multiply its
    // attempts (retry.ts).
    let lastCancellation: unknown;
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (attempt > 0) await this.retry.sleep(backoffDelay(this.retry, attempt));
      try {
        await this.client.send(command);
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
    let remaining = group;
    let lastCancellation: unknown;
    for (let attempt = 0; attempt < this.retry.attempts && remaining.length > 0; attempt++) {
      const perUnit = new Map<string, { entry: ReachEntry; people: number }>();
      for (const entry of remaining) {
        const id = `${entry.waveId}#${entry.unit.department}/${entry.unit.roleGroup}`;
        perUnit.set(id, { entry, people: (perUnit.get(id)?.people ?? 0) + 1 });
      }
      const command = new TransactWriteCommand({
        ClientRequestToken: randomUUID(),
        TransactItems: [
          ...remaining.map((entry) => ({ Put: { TableName: this.tableName, Item: { ...keys.reach(entry.waveId, entry.staffId), expiresAt: entry.expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } })),
          ...[...perUnit.values()].flatMap(({ entry, people }) =>
            Array.from({ length: DEFAULT_SHARD_COUNT }, (_, shard) => ({
              Update: {
                TableName: this.tableName,
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
        await this.client.send(command);
        return remaining.length;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) {
          if (isBusy(error)) throw new ServiceBusyError(2, { cause: error });
          throw error;
        }
        const reasons = error.CancellationReasons ?? [];
        // A shard absent: the wave has closed (or opened before shards were made at open, when
        // reach is not counted), so nothing is left to count.
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
        await this.retry.sleep(backoffDelay(this.retry, attempt + 1));
      }
    }
    if (remaining.length === 0) return 0;
    throw new ServiceBusyError(2, { cause: lastCancellation });
  }

  async createWave(wave: Wave): Promise<void> {
    // Every shard an open wave's answers can go to is made before the wave appears (a submit
    // adds only to a shard that exists), so deleting them at close refuses a late answer; a
    // wave stored closed takes no answers and gets none. A write of empty shards must never
    // land on a wave that has answers: refused before it, as the wave's own put refuses a
    // second wave of the same id.
    const opening = wave.status === 'open';
    if (opening) {
      const { Item: existing } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.wave(wave.id), ConsistentRead: true }));
      if (existing) throw new ConditionalCheckFailedException({ message: `Wave ${wave.id} exists already.`, $metadata: {} });
      await this.batchPut(shardKeys(wave.id, wave.staffPerUnit).map((key) => ({ ...key, n: 0 })));
    }
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...waveItem(wave), ...(opening ? { shardsMade: true } : {}) }, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async markDispatched(waveId: string, kind: DeliveryKind, departments: readonly string[]): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.wave(waveId),
        UpdateExpression: 'ADD #set :departments',
        ExpressionAttributeNames: { '#set': kind === 'invite' ? 'dispatchedInvite' : 'dispatchedReminder' },
        ExpressionAttributeValues: { ':departments': new Set(departments) },
      }),
    );
  }

  async requestReminder(waveId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.wave(waveId),
        UpdateExpression: 'SET reminderRequested = :yes',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':yes': true, ':open': 'open' },
      }),
    );
  }

  async claimDelivery(claim: DeliveryClaim): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.delivery(claim.waveId, claim.kind, claim.staffId, claim.channel), state: 'sending', claimedAt: claim.now.toISOString(), expiresAt: claim.expiresAt },
          // A claim left behind by a sender that died may be taken over once it is stale.
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':stale': new Date(claim.now.getTime() - claim.staleAfterMs).toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async completeDeliveries(claims: readonly DeliveryClaim[]): Promise<void> {
    // Whole items, because a batch write cannot update: the claim as it stays, without claimedAt.
    await this.batchPut(claims.map((claim) => ({ ...keys.delivery(claim.waveId, claim.kind, claim.staffId, claim.channel), state: 'sent', expiresAt: claim.expiresAt })));
  }

  async releaseDelivery(claim: DeliveryClaim): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.delivery(claim.waveId, claim.kind, claim.staffId, claim.channel) }));
  }

  async claimAlert(claim: { waveId: string; leaderId: string; now: Date }): Promise<'claimed' | 'sending' | 'sent' | 'refused'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.alert(claim.waveId, claim.leaderId), state: 'sending', claimedAt: claim.now.toISOString() },
          // A claim still "sending" long after any run could have finished was left by one that
          // died between claiming and recording: taken over, so that leader is not lost.
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :staleBefore)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':staleBefore': new Date(claim.now.getTime() - ALERT_CLAIM_STALE_MS).toISOString() },
          // The entry there, in the same request: a run reports a refusal an earlier one recorded.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const state = error.Item?.state?.S;
      if (state === 'sending' || state === 'sent' || state === 'refused') return state;
      throw new StoredDataError(`alert log entry ${claim.waveId}/${claim.leaderId}`, `its state is ${state === undefined ? 'missing' : `"${state}"`}, not sending, sent or refused`);
    }
  }

  async completeAlert(entry: { waveId: string; leaderId: string; hotspots: number }): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.alert(entry.waveId, entry.leaderId),
        UpdateExpression: 'SET #state = :sent, hotspots = :hotspots',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':hotspots': entry.hotspots },
      }),
    );
  }

  async refuseAlert(entry: { waveId: string; leaderId: string; reason: string; now: Date }): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.alert(entry.waveId, entry.leaderId),
        UpdateExpression: 'SET #state = :refused, reason = :reason, refusedAt = :at',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':refused': 'refused', ':reason': entry.reason, ':at': entry.now.toISOString() },
      }),
    );
  }

  async releaseAlert(entry: { waveId: string; leaderId: string }): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.alert(entry.waveId, entry.leaderId) }));
  }

  async setOptOut(staffId: string, channel: Channel): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.staff(staffId),
          UpdateExpression: 'SET #flag = :yes',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#flag': channel === 'email' ? 'emailOptOut' : 'smsOptOut' },
          ExpressionAttributeValues: { ':yes': true },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async closeWave(waveId: string, now: Date): Promise<void> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.wave(waveId), ConsistentRead: true }));
    if (!Item) throw new ConditionalCheckFailedException({ message: `No wave ${waveId}.`, $metadata: {} });
    const wave = waveFromItem(Item);
    const shards = shardKeys(waveId, wave.staffPerUnit);
    // A close cut short after freezing is finished from where it stopped: marking the shards
    // again would make the deleted ones anew, empty, and freeze nothing.
    if (wave.frozenChunks === undefined) {
      // Before any shard is marked: a wave opened before shards were made at open takes a
      // shard's first answer only while its wave item is not closing.
      await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: keys.wave(waveId), UpdateExpression: 'SET closing = :yes', ExpressionAttributeValues: { ':yes': true } }));
      // Every shard of every unit is marked first, so an answer still in flight either commits
      // before its shard is marked (and is in the figures) or is refused. The mark returns the
      // shard as it stays: no answer can be added to it after this.
      const marked = await mapLimit(shards, CLOSE_CONCURRENCY, async (key) => {
        const { Attributes } = await this.client.send(
          new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: 'SET #closed = :yes', ExpressionAttributeNames: { '#closed': 'closed' }, ExpressionAttributeValues: { ':yes': true }, ReturnValues: 'ALL_NEW' }),
        );
        return Attributes ?? {};
      });
      // Frozen once, here, so every later evaluation reads the wave in a request or two
      // instead of a query per department; and the frozen chunks are the record, so the shards
      // can go.
      const byUnit = new Map<string, UnitCounts>();
      for (const item of marked) {
        const parsedKey = parseAggregateSortKey(String(item.sk));
        if (!parsedKey) continue;
        const department = String(item.pk).split('#')[2]!;
        const id = `${department}/${parsedKey.roleGroup}`;
        let unit = byUnit.get(id);
        if (!unit) byUnit.set(id, (unit = { department, roleGroup: parsedKey.roleGroup, counts: { n: 0, counts: {} } }));
        addShard(unit.counts, item);
      }
      const frozenChunks = await this.freezeWave(waveId, [...byUnit.values()].filter((unit) => unit.counts.n > 0));
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wave(waveId),
          UpdateExpression: 'SET frozenChunks = :chunks, responses = :responses',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':chunks': frozenChunks, ':responses': [...byUnit.values()].reduce((sum, unit) => sum + unit.counts.n, 0) },
        }),
      );
    }
    // A shard that one person alone answered into holds their whole answer, and a delivery
    // claim says that this person was sent this wave's message: neither is needed once the
    // counts are frozen. A late answer finds its shard absent and is refused as closed.
    await this.batchDelete(shards);
    await this.deleteDeliveryClaims(waveId);
    // Only now does the wave read as closed, which is what lets the alert job publish it.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.wave(waveId),
        UpdateExpression: 'SET #status = :closed, closedAt = if_not_exists(closedAt, :now), shardsDeleted = :yes',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed', ':now': now.toISOString(), ':yes': true },
      }),
    );
    await this.deleteShardsLeftByEarlierCloses();
  }

  /**
   * Waves closed by a release that froze their counts but kept their shards lose the shards
   * too, once. Waves closed before counts were frozen keep theirs: they are those waves'
   * only record. Their delivery claims expire with their links.
   */
  private async deleteShardsLeftByEarlierCloses(): Promise<void> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.wavesPartition() } });
    for (const item of items.filter((wave) => wave.status === 'closed' && wave.frozenChunks !== undefined && wave.shardsDeleted === undefined)) {
      const wave = waveFromItem(item);
      await this.batchDelete(shardKeys(wave.id, wave.staffPerUnit));
      await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: keys.wave(wave.id), UpdateExpression: 'SET shardsDeleted = :yes', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':yes': true } }));
    }
  }

  /**
   * Deletes every delivery claim the wave's messages could have left: one per person on the
   * roster, kind and channel, most of them absent. Someone deleted from the roster during the
   * wave is not found here; their claims expire with the wave's links.
   */
  private async deleteDeliveryClaims(waveId: string): Promise<void> {
    const kinds: DeliveryKind[] = ['invite', 'reminder'];
    // A person's reach mark goes with their claims: it too says this person was sent the link.
    await this.visitAllStaff((people) => this.batchDelete(people.flatMap((person) => [...kinds.flatMap((kind) => CHANNELS.map((channel) => keys.delivery(waveId, kind, person.id, channel))), keys.reach(waveId, person.id)])));
  }

  /**
   * Writes a closed wave's counts, per recording unit, as a few compressed chunks, and
   * returns how many. The same counts the aggregates hold, nothing more.
   */
  async freezeWave(waveId: string, units: readonly UnitCounts[]): Promise<number> {
    const chunks = compressedChunks(units);
    await this.batchPut(chunks.map((data, index) => ({ ...keys.frozenChunk(waveId, index), data })));
    return chunks.length;
  }

  async readFrozen(waves: readonly Pick<Wave, 'id' | 'frozenChunks'>[]): Promise<Map<string, UnitCounts[]>> {
    const frozen = waves.filter((w) => w.frozenChunks !== undefined);
    const items = await this.batchGet(frozen.flatMap((w) => Array.from({ length: w.frozenChunks! }, (_, index) => keys.frozenChunk(w.id, index))));
    const units = new Map<string, UnitCounts[]>();
    for (const wave of frozen) {
      const chunks = Array.from({ length: wave.frozenChunks! }, (_, index) => items.get(keyId(keys.frozenChunk(wave.id, index))));
      if (chunks.some((chunk) => chunk === undefined)) continue;
      units.set(wave.id, chunks.flatMap((chunk) => parseStored(frozenUnitsSchema, decompress(chunk!.data), chunk!)));
    }
    return units;
  }

  async readPublishedMany(waveIds: readonly string[]): Promise<Map<string, Evaluation>> {
    return this.readPublishedWaves(waveIds, {});
  }

  /** `readPublishedMany`, consistent when asked: a save that lost the race reads the winner's at once. */
  private async readPublishedWaves(waveIds: readonly string[], options: { consistent?: boolean }): Promise<Map<string, Evaluation>> {
    const consistent = options.consistent ? { consistent: true } : {};
    const summaries = await this.batchGet(waveIds.map((id) => keys.publishedSummary(id)), consistent);
    const chunked = waveIds.flatMap((id) => {
      const item = summaries.get(keyId(keys.publishedSummary(id)));
      const summary = item ? parseStored(publishedSummarySchema, item) : undefined;
      return summary ? [{ id, summary, chunks: summary.evalChunks ?? 0 }] : [];
    });
    const items = await this.batchGet(chunked.flatMap(({ id, summary, chunks }) => Array.from({ length: chunks }, (_, index) => keys.publishedChunk(id, index, summary.saveId))), consistent);
    const evaluations = new Map<string, Evaluation>();
    const itemByItem: { id: string; summary: PublishedSummary }[] = [];
    for (const { id, summary, chunks } of chunked) {
      const parts = Array.from({ length: chunks }, (_, index) => items.get(keyId(keys.publishedChunk(id, index, summary.saveId))));
      const groups = parts.some((part) => part === undefined) ? undefined : parts.flatMap((part) => parseStored(publishedChunkSchema, decompress(part!.data), part!));
      // As for the items one per group: a save cut short over an earlier copy is no copy.
      if (groups?.length === summary.groupCount) evaluations.set(id, { waveId: id, groups, hiddenGroups: summary.hiddenGroups });
      else itemByItem.push({ id, summary });
    }
    // Published before the compressed copy existed (or its copy is incomplete): what was
    // published is still read as published, never recomputed.
    for (const { id, summary } of itemByItem) {
      const groups = await this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': keys.publishedPartition(id), ':prefix': keys.publishedGroupsPrefix(summary.saveId) }, ...(options.consistent ? { ConsistentRead: true } : {}) });
      if (groups.length === summary.groupCount) evaluations.set(id, { waveId: id, groups: groups.map((item) => parseStored(publishedGroupSchema, item.group, item)), hiddenGroups: summary.hiddenGroups });
    }
    return evaluations;
  }

  async issueTokens(tokens: readonly IssuedToken[]): Promise<void> {
    await this.batchPut(tokens.map(({ tokenHash, record }) => ({ ...keys.token(tokenHash), ...record })));
  }

  async readAggregates(waveId: string, department: string): Promise<RoleAggregate[]> {
    const byRole = new Map<string, AggregateCounts>();
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.aggregatePartition(waveId, department) }, ConsistentRead: true });
    for (const item of items) {
      const parsedKey = typeof item.sk === 'string' ? parseAggregateSortKey(item.sk) : undefined;
      if (!parsedKey) continue;
      let total = byRole.get(parsedKey.roleGroup);
      if (!total) byRole.set(parsedKey.roleGroup, (total = { n: 0, counts: {} }));
      addShard(total, item);
    }
    // A closed wave marks every shard, answered or not: a role nobody answered in has n = 0.
    return [...byRole].filter(([, counts]) => counts.n > 0).map(([roleGroup, counts]) => ({ roleGroup, counts }));
  }

  async savePublished(evaluation: Evaluation): Promise<Evaluation | undefined> {
    // One item per group, so a manager's dashboard reads only theirs; and the whole set
    // again in a few compressed chunks, so a later alert run reads a wave in one request.
    const chunks = compressedChunks(evaluation.groups);
    // Each save writes under keys of its own, and the summary, written last and only where
    // none is, names the save that completed first. So a save cut short, or one that runs
    // beside another after the org file changed (another k, other departments), can never
    // put its groups beside the published ones, where a group they hide would be read or
    // worked out by subtraction; and a wave is published in one version only, whoever
    // saves it later. The id is the figures' own hash: two runs saving the same figures at
    // once write the same items.
    const saveId = createHash('sha256').update(JSON.stringify(evaluation)).digest('base64url').slice(0, 16);
    await this.batchPut([
      ...evaluation.groups.map((group) => ({ ...keys.publishedGroup(evaluation.waveId, group.department, group.id, saveId), group })),
      ...chunks.map((data, index) => ({ ...keys.publishedChunk(evaluation.waveId, index, saveId), data })),
    ]);
    const summary = { ...keys.publishedSummary(evaluation.waveId), waveId: evaluation.waveId, groupCount: evaluation.groups.length, hiddenGroups: evaluation.hiddenGroups, evalChunks: chunks.length, saveId };
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: summary, ConditionExpression: 'attribute_not_exists(pk)' }));
      return evaluation;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // Published already: those figures are the wave's. Never replaced, even when they cannot
    // be read whole (saves by older code overlapped under the same keys): someone may have
    // been shown them, and a second version beside them could be subtracted.
    return (await this.readPublishedWaves([evaluation.waveId], { consistent: true })).get(evaluation.waveId);
  }

  async readPublished(waveId: string, options: { departments?: readonly string[] } = {}): Promise<Evaluation | undefined> {
    const pk = keys.publishedPartition(waveId);
    const summaryKey = keys.publishedSummary(waveId);
    if (options.departments) {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: summaryKey }));
      if (!Item) return undefined;
      const summary = parseStored(publishedSummarySchema, Item);
      if (summary.saveId === undefined) {
        // Saved before saves had ids, when every save wrote under the same keys: a
        // department's items may hold groups of a save cut short before the one that
        // completed. The whole wave, read as the count in its summary says it must be, or
        // none of it.
        const whole = (await this.readPublishedMany([waveId])).get(waveId);
        const wanted = new Set(options.departments);
        return whole && { ...whole, groups: whole.groups.filter((group) => group.department !== undefined && wanted.has(group.department)) };
      }
      const perDepartment = await mapLimit(options.departments, PUBLISHED_READ_CONCURRENCY, (department) =>
        this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.publishedDepartmentPrefix(department, summary.saveId) } }),
      );
      return { waveId, groups: perDepartment.flat().map((item) => parseStored(publishedGroupSchema, item.group, item)), hiddenGroups: summary.hiddenGroups };
    }
    return (await this.readPublishedMany([waveId])).get(waveId);
  }

  async dashboardKey(options: { create?: boolean } = {}): Promise<string | undefined> {
    const read = async () => {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.dashboardKey(), ConsistentRead: true }));
      return typeof Item?.key === 'string' ? Item.key : undefined;
    };
    const existing = await read();
    if (existing || !options.create) return existing;
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.dashboardKey(), key: newDashboardKey() }, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return read();
  }

  async saveAction(action: Action, expectedUpdatedAt?: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.action(action.department, action.id), ...action },
          ...(expectedUpdatedAt === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ActionChangedError(action.id, { cause: error });
      throw error;
    }
  }

  async listActions(options: { departments?: readonly string[] } = {}): Promise<Action[]> {
    const pk = keys.actionsPartition();
    const items = options.departments
      ? (await mapLimit(options.departments, PUBLISHED_READ_CONCURRENCY, (department) => this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.actionDepartmentPrefix(department) } }))).flat()
      : await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
    return items.map((item) => parseStored(actionSchema, item));
  }

  async putStaff(staff: readonly Staff[], onProgress?: (written: number, total: number) => void): Promise<void> {
    await this.batchPut(
      staff.map((person) => ({
        ...keys.staff(person.id),
        ...keys.staffByDepartment(person.department),
        gsi1sk: person.id,
        ...person,
      })),
      onProgress,
    );
  }

  async updateStaffRoster(people: readonly RosterPerson[]): Promise<void> {
    await mapLimit(people, STAFF_UPDATE_CONCURRENCY, (person) =>
      this.updateStoredStaff(person.id, {
        ...keys.staffByDepartment(person.department),
        email: person.email,
        phone: person.phone,
        department: person.department,
        roleGroup: person.roleGroup,
        locale: person.locale,
        channel: person.channel,
        active: true,
      }),
    );
  }

  async deactivateStaff(staffIds: readonly string[]): Promise<void> {
    await mapLimit(staffIds, STAFF_UPDATE_CONCURRENCY, (id) => this.updateStoredStaff(id, { active: false }));
  }

  /**
   * One UpdateItem naming only `fields` (at least one set; undefined ones removed), so
   * whatever else the item holds stays as it is when the write lands. No item, no write:
   * one made here would hold nothing but these fields.
   */
  private async updateStoredStaff(staffId: string, fields: Record<string, unknown>): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const set: string[] = [];
    const remove: string[] = [];
    Object.entries(fields).forEach(([field, value], index) => {
      names[`#f${index}`] = field;
      if (value === undefined) remove.push(`#f${index}`);
      else {
        values[`:f${index}`] = value;
        set.push(`#f${index} = :f${index}`);
      }
    });
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.staff(staffId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async deleteStaff(staffId: string): Promise<boolean> {
    const { Attributes } = await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.staff(staffId), ReturnValues: 'ALL_OLD' }));
    return Attributes !== undefined;
  }

  async getStaff(staffId: string): Promise<Staff | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.staff(staffId) }));
    return Item === undefined ? undefined : parseStored(staffSchema, Item);
  }

  async getStaffMany(staffIds: readonly string[]): Promise<Map<string, Staff>> {
    return this.readMany(staffIds, keys.staff, staffSchema);
  }

  async listStaff(department: string): Promise<Staff[]> {
    const items = await this.queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.staffByDepartment(department).gsi1pk } });
    return items.map((item) => parseStored(staffSchema, item));
  }

  /**
   * The roster index holds only roster entries, so reading all of it costs what a query per
   * department would, and also finds people filed under a department the org file has since
   * dropped or renamed.
   */
  async visitAllStaff(visit: (staff: Staff[]) => void | Promise<void>): Promise<void> {
    const readSegment = async (segment: number) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(new ScanCommand({ TableName: this.tableName, IndexName: 'gsi1', Segment: segment, TotalSegments: ROSTER_SCAN_SEGMENTS, ExclusiveStartKey: startKey }));
        await visit((page.Items ?? []).map((item) => parseStored(staffSchema, item)));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    };
    await Promise.all(Array.from({ length: ROSTER_SCAN_SEGMENTS }, (_, segment) => readSegment(segment)));
  }

  /** The items named by `ids` (one key each), parsed, by id; ids with no item are left out. */
  private async readMany<T>(ids: readonly string[], key: (id: string) => { pk: string; sk: string }, schema: z.ZodMiniType<T>): Promise<Map<string, T>> {
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
  private async batchGet(keysWanted: readonly { pk: string; sk: string }[], options: { consistent?: boolean } = {}): Promise<Map<string, Record<string, unknown>>> {
    // DynamoDB refuses a request that names one key twice.
    const wanted = [...new Map(keysWanted.map((key) => [keyId(key), key])).values()];
    const found = new Map<string, Record<string, unknown>>();
    for (const chunk of chunksOf(wanted, BATCH_GET_LIMIT)) {
      let pending: Record<string, unknown>[] | undefined = chunk.map((key) => ({ pk: key.pk, sk: key.sk }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt >= this.retry.attempts) throw new ServiceBusyError(2);
        if (attempt > 0) await this.retry.sleep(backoffDelay(this.retry, attempt));
        const result: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) } } }));
        for (const item of result.Responses?.[this.tableName] ?? []) found.set(keyId({ pk: String(item.pk), sk: String(item.sk) }), item);
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /** Every item a query matches, following its pages. */
  private async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /**
   * Batch writes in chunks of 25, several chunks at a time, resending whatever DynamoDB
   * hands back unprocessed.
   */
  private async batchPut(items: readonly Record<string, unknown>[], onProgress?: (written: number, total: number) => void): Promise<void> {
    const chunks = chunksOf(items, BATCH_WRITE_LIMIT);
    let written = 0;
    const writeChunk = async (chunk: Record<string, unknown>[]) => {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= this.retry.attempts) throw new ServiceBusyError(2);
        if (attempt > 0) await this.retry.sleep(backoffDelay(this.retry, attempt));
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
          request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
        );
      }
      written += chunk.length;
      onProgress?.(written, items.length);
    };
    await mapLimit(chunks, BATCH_WRITE_CONCURRENCY, writeChunk);
  }

  /** Deletes items by key, as batchPut writes them; a key with no item costs a write and does nothing. */
  private async batchDelete(keysToDelete: readonly TableKey[]): Promise<void> {
    const deleteChunk = async (chunk: TableKey[]) => {
      let pending = chunk.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= this.retry.attempts) throw new ServiceBusyError(2);
        if (attempt > 0) await this.retry.sleep(backoffDelay(this.retry, attempt));
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) => (request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: { pk: request.DeleteRequest.Key.pk as string, sk: request.DeleteRequest.Key.sk as string } } }] : []));
      }
    };
    await mapLimit(chunksOf(keysToDelete, BATCH_WRITE_LIMIT), BATCH_WRITE_CONCURRENCY, deleteChunk);
  }
}

/** Every key of a wave's aggregate shards: each unit of its plan, DEFAULT_SHARD_COUNT shards each. */
function shardKeys(waveId: string, staffPerUnit: Wave['staffPerUnit']): TableKey[] {
  return Object.keys(staffPerUnit).flatMap((unit) => {
    const [department = '', roleGroup = ''] = unit.split('/');
    return Array.from({ length: DEFAULT_SHARD_COUNT }, (_, shard) => keys.aggregate(waveId, department, roleGroup, shard));
  });
}

/** How batchGet files what it found: by the item's whole key. */
function keyId(key: { pk: string; sk: string }): string {
  return `${key.pk}|${key.sk}`;
}

/** Adds one aggregate shard's n and counters to a unit's total. */
function addShard(total: AggregateCounts, item: Record<string, unknown>): void {
  for (const [attribute, value] of Object.entries(item)) {
    if (typeof value !== 'number') continue;
    if (attribute === 'n') total.n += value;
    else if (parseCountAttribute(attribute) || parseAdverseTallyAttribute(attribute)) total.counts[attribute] = (total.counts[attribute] ?? 0) + value;
  }
}

/**
 * A wave's recording plan (staff per unit, and each department/role's unit) is two entries
 * per unit: stored as maps, 2,000 departments of three role groups made a 370 KB item (near
 * DynamoDB's 400 KB limit), and every job that lists the waves read them all, each wave's
 * maps entry by entry, on every run for as long as the organization keeps its history.
 * Gzipped JSON in one attribute is a seventh of that or less; nothing queries or updates a
 * plan once the wave is open.
 */
function packedPlan(plan: Pick<Wave, 'staffPerUnit' | 'units'>): Uint8Array {
  const packed = gzipSync(JSON.stringify(plan));
  if (packed.length > CHUNK_BYTES) throw new Error(`A wave's recording plan is ${Math.round(packed.length / 1024)} KB compressed, over the ${CHUNK_BYTES / 1024} KB a wave item can hold: the organization has too many recording units for one wave.`);
  return packed;
}

/** The item a new wave is stored as. */
export function waveItem(wave: Wave): Record<string, unknown> {
  // Empty string sets cannot be stored; they are simply absent until a department is queued.
  const { dispatchedInvite: _invite, dispatchedReminder: _reminder, staffPerUnit, units, ...header } = wave;
  return { ...keys.wave(wave.id), ...header, plan: packedPlan({ staffPerUnit, units }) };
}

/** A wave item as the domain sees it: its plan unpacked (items written before packing have maps). */
function waveFromItem(item: Record<string, unknown>): Wave {
  const { plan, ...rest } = item;
  return parseStored(waveSchema, plan instanceof Uint8Array ? { ...rest, ...(decompress(plan) as object) } : rest, item);
}

/** JSON, gzipped, split into as few pieces as fit an item each (halving until they do). */
function compressedChunks(records: readonly unknown[]): Uint8Array[] {
  const packed = gzipSync(JSON.stringify(records));
  if (packed.length <= CHUNK_BYTES || records.length <= 1) return [packed];
  const half = Math.ceil(records.length / 2);
  return [...compressedChunks(records.slice(0, half)), ...compressedChunks(records.slice(half))];
}

function decompress(data: unknown): unknown {
  return data instanceof Uint8Array ? JSON.parse(gunzipSync(data).toString('utf8')) : undefined;
}

/** Checks an item read back against its schema; a mismatch names the item and its fields. */
function parseStored<S extends z.core.$ZodType>(schema: S, value: unknown, item = value as Record<string, unknown>): z.core.output<S> {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return parsed.data;
  throw new StoredDataError(`${String(item.pk)} / ${String(item.sk)}`, z.prettifyError(parsed.error));
}

/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_ITEMS = 100;

/** People grouped so each group's marks and its units' shards fit one transaction. */
function reachTransactions(people: readonly ReachEntry[]): ReachEntry[][] {
  const byUnit = new Map<string, ReachEntry[]>();
  for (const entry of people) {
    const id = `${entry.waveId}#${entry.unit.department}/${entry.unit.roleGroup}`;
    byUnit.set(id, [...(byUnit.get(id) ?? []), entry]);
  }
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

/** Cancelled by a conflict with another transaction or by an item DynamoDB was too busy for: worth another try. */
function isTransientCancellation(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict' || (reason.Code !== undefined && BUSY_REASONS.has(reason.Code)))
  );
}

/** DynamoDB was busy and the SDK's own attempts ran out. */
function isBusy(error: unknown): boolean {
  return error instanceof Error && BUSY_ERRORS.has(error.name);
}

/**
 * Turns a cancelled transaction into what it means for the person: the token (item 0) was
 * unknown, used, expired or not the one the form described, or the shard (item 1) was
 * closed with its wave. Undefined when the cancellation was a conflict, or DynamoDB was busy.
 */
function classifyCancellation(error: unknown, write: SubmissionWrite): Error | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const [tokenReason, shardReason, waveReason] = error.CancellationReasons ?? [];
  if (tokenReason?.Code === 'ConditionalCheckFailed') return tokenProblem(tokenReason, write);
  // An absent shard (no item came back) is closed unless its wave predates shards made at open.
  if (shardReason?.Code === 'ConditionalCheckFailed') {
    if (shardReason.Item === undefined) return waveReason === undefined ? new AbsentShardError() : new LinkExpiredError('wave-closed');
    // The shard is there and not closed: what failed is its unit's reach.
    return shardReason.Item.closed === undefined && write.reachK !== undefined ? new UnitNotReachedError() : new LinkExpiredError('wave-closed');
  }
  if (waveReason?.Code === 'ConditionalCheckFailed') return new LinkExpiredError('wave-closed');
  return undefined;
}

/** The shard a submit named is absent: deleted at close, or never made in a wave opened before shards were made at open. */
class AbsentShardError extends Error {}

function tokenProblem(reason: CancellationReason, write: SubmissionWrite): Error {
  const item = reason.Item;
  if (item === undefined) return new UnknownLinkError();
  if (item.state?.S === 'used') return new AlreadyAnsweredError();
  if (Number(item.expiresAt?.N ?? 0) <= Math.floor(write.now.getTime() / 1000)) return new LinkExpiredError('expired');
  // Issued and current, so what differs is the wave or unit the form named: never count it there.
  return new SubmissionMismatchError();
}
