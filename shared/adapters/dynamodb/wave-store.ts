import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { gzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { mapLimit } from '../../concurrency.js';
import { DEFAULT_SHARD_COUNT, parseAdverseTallyAttribute, parseCountAttribute, type AggregateCounts } from '../../domain/aggregates.js';
import type { UnitCounts } from '../../domain/evaluate-hotspots.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import { CHANNELS } from '../../domain/staff.js';
import { cardsPerUnit, waveSchema, type DeliveryKind, type Wave } from '../../domain/wave.js';
import { StoredDataError } from '../../errors.js';
import type { RosterStore } from '../../ports/roster-store.js';
import type { RoleAggregate, WaveStore } from '../../ports/wave-store.js';
import { keys, parseAggregateSortKey, type TableKey } from '../../table.js';
import { CHUNK_BYTES, compressedChunks, decompress, keyId, parseStored, type TableIO } from './table-io.js';

/** Shard marks written at once when a wave closes. */
const CLOSE_CONCURRENCY = 16;
/** A frozen wave's counts, as stored in its chunks. */
const frozenUnitsSchema = lazySchema(() =>
  z.array(
    z.object({ department: z.string(), roleGroup: z.string(), counts: z.object({ n: z.int().check(z.minimum(0)), counts: z.record(z.string(), z.number()) }) }),
  ),
);

/**
 * Waves in one partition (a wave item each, its plan packed), their aggregate shards while
 * open, and their counts frozen in compressed chunks once closed.
 */
export class DynamoWaveStore implements WaveStore {
  /** `roster` names everyone whose delivery claims and reach marks a close deletes. */
  constructor(
    private readonly table: TableIO,
    private readonly roster: Pick<RosterStore, 'visitAllStaff'>,
  ) {}

  async getWave(waveId: string): Promise<Wave | undefined> {
    const item = await this.table.get(keys.wave(waveId));
    return item === undefined ? undefined : waveFromItem(item);
  }

  async listWaves(): Promise<Wave[]> {
    return (await this.table.partition(keys.wavesPartition())).map(waveFromItem);
  }

  async createWave(wave: Wave): Promise<void> {
    // Every shard an open wave's answers can go to is made before the wave appears (a submit
    // adds only to a shard that exists), so deleting them at close refuses a late answer; a
    // wave stored closed takes no answers and gets none. A write of empty shards must never
    // land on a wave that has answers: refused before it, as the wave's own put refuses a
    // second wave of the same id.
    const opening = wave.status === 'open';
    if (opening) {
      if (await this.table.get(keys.wave(wave.id), { consistent: true }))
        throw new ConditionalCheckFailedException({ message: `Wave ${wave.id} exists already.`, $metadata: {} });
      // A unit's printed cards are in people's hands from the start: its shards count them as
      // reached, as the send function counts each person it sends a link to.
      const cards = cardsPerUnit(wave);
      await this.table.batchPut(
        Object.keys(wave.staffPerUnit).flatMap((unit) => {
          const reached = cards.get(unit);
          return shardKeys(wave.id, { [unit]: 0 }).map((key) => ({ ...key, n: 0, ...(reached === undefined ? {} : { reached }) }));
        }),
      );
    }
    // `shardsMade` tells the migration this wave needs none made for it (migrate.ts).
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...waveItem(wave), ...(opening ? { shardsMade: true } : {}) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async markDispatched(waveId: string, kind: DeliveryKind, departments: readonly string[]): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.wave(waveId),
        UpdateExpression: 'ADD #set :departments',
        ExpressionAttributeNames: { '#set': kind === 'invite' ? 'dispatchedInvite' : 'dispatchedReminder' },
        ExpressionAttributeValues: { ':departments': new Set(departments) },
      }),
    );
  }

  async requestReminder(waveId: string): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.wave(waveId),
        UpdateExpression: 'SET reminderRequested = :yes',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':yes': true, ':open': 'open' },
      }),
    );
  }

  async closeWave(waveId: string, now: Date): Promise<void> {
    const item = await this.table.get(keys.wave(waveId), { consistent: true });
    if (!item) throw new ConditionalCheckFailedException({ message: `No wave ${waveId}.`, $metadata: {} });
    const wave = waveFromItem(item);
    const shards = shardKeys(waveId, wave.staffPerUnit);
    // A close cut short after freezing is finished from where it stopped: marking the shards
    // again would make the deleted ones anew, empty, and freeze nothing.
    if (wave.frozenChunks === undefined) {
      // Before any shard is marked, so the migration, which may make a shard for a wave of
      // 0.1.0, never makes one for a wave being closed.
      await this.table.setFields(keys.wave(waveId), { closing: true });
      const units = await this.markShardsClosed(shards);
      const frozenChunks = await writeFrozen(this.table, waveId, units);
      await this.table.setFields(keys.wave(waveId), { frozenChunks, responses: units.reduce((sum, unit) => sum + unit.counts.n, 0) });
    }
    // A shard that one person alone answered into holds their whole answer, and a delivery
    // claim or a reach mark says that this person was sent this wave's link: none is needed
    // once the counts are frozen. A late answer finds its shard absent and is refused as closed.
    await this.table.batchDelete(shards);
    await this.deleteDeliveryRecords(waveId);
    // Only now does the wave read as closed, which is what lets the alert job publish it.
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.wave(waveId),
        UpdateExpression: 'SET #status = :closed, closedAt = if_not_exists(closedAt, :now), shardsDeleted = :yes',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed', ':now': now.toISOString(), ':yes': true },
      }),
    );
  }

  async readAggregates(waveId: string, department: string): Promise<RoleAggregate[]> {
    const byRole = new Map<string, AggregateCounts>();
    for (const item of await this.table.partition(keys.aggregatePartition(waveId, department), { consistent: true })) {
      const parsedKey = typeof item.sk === 'string' ? parseAggregateSortKey(item.sk) : undefined;
      if (!parsedKey) continue;
      let total = byRole.get(parsedKey.roleGroup);
      if (!total) byRole.set(parsedKey.roleGroup, (total = { n: 0, counts: {} }));
      addShard(total, item);
    }
    // Every shard is made at open, answered or not: a role nobody answered in has n = 0.
    return [...byRole].filter(([, counts]) => counts.n > 0).map(([roleGroup, counts]) => ({ roleGroup, counts }));
  }

  async readFrozen(waves: readonly Pick<Wave, 'id' | 'frozenChunks'>[]): Promise<Map<string, UnitCounts[]>> {
    const frozen = waves.filter((w) => w.frozenChunks !== undefined);
    const chunkKeys = (w: Pick<Wave, 'id' | 'frozenChunks'>) => Array.from({ length: w.frozenChunks ?? 0 }, (_, index) => keys.frozenChunk(w.id, index));
    const items = await this.table.batchGet(frozen.flatMap(chunkKeys));
    const units = new Map<string, UnitCounts[]>();
    for (const wave of frozen) {
      const chunks = chunkKeys(wave).map((key) => items.get(keyId(key)));
      if (chunks.some((chunk) => chunk === undefined)) continue;
      units.set(
        wave.id,
        chunks.flatMap((chunk) => parseStored(frozenUnitsSchema, decompress(chunk!.data), chunk)),
      );
    }
    return units;
  }

  /**
   * Marks every shard of every unit closed, so an answer still in flight either commits before
   * its shard is marked (and is counted) or is refused; the marks return the shards as they
   * stay, summed here per unit (units nobody answered in left out).
   */
  private async markShardsClosed(shards: readonly TableKey[]): Promise<UnitCounts[]> {
    const marked = await mapLimit(shards, CLOSE_CONCURRENCY, async (key) => {
      const { Attributes } = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key,
          UpdateExpression: 'SET #closed = :yes',
          ExpressionAttributeNames: { '#closed': 'closed' },
          ExpressionAttributeValues: { ':yes': true },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ?? {};
    });
    return unitsOfShards(marked);
  }

  /**
   * Deletes every delivery claim and reach mark the wave's messages could have left: per person
   * on the roster, kind and channel, most of them absent. Someone deleted from the roster
   * during the wave is not found here; their items expire with the wave's links.
   */
  private async deleteDeliveryRecords(waveId: string): Promise<void> {
    const kinds: DeliveryKind[] = ['invite', 'reminder'];
    await this.roster.visitAllStaff((people) =>
      this.table.batchDelete(
        people.flatMap((person) => [
          ...kinds.flatMap((kind) => CHANNELS.map((channel) => keys.delivery(waveId, kind, person.id, channel))),
          keys.reach(waveId, person.id),
        ]),
      ),
    );
  }
}

/**
 * Writes a closed wave's counts, per recording unit, as a few compressed chunks, and returns
 * how many: the same counts the shards held, nothing more, read later in a request or two
 * instead of a query per department.
 */
export async function writeFrozen(table: TableIO, waveId: string, units: readonly UnitCounts[]): Promise<number> {
  const chunks = compressedChunks(units);
  await table.batchPut(chunks.map((data, index) => ({ ...keys.frozenChunk(waveId, index), data })));
  return chunks.length;
}

/** Every key of a wave's aggregate shards: each unit of its plan, DEFAULT_SHARD_COUNT shards each. */
export function shardKeys(waveId: string, staffPerUnit: Wave['staffPerUnit']): TableKey[] {
  return Object.keys(staffPerUnit).flatMap((unit) => {
    const [department = '', roleGroup = ''] = unit.split('/');
    return Array.from({ length: DEFAULT_SHARD_COUNT }, (_, shard) => keys.aggregate(waveId, department, roleGroup, shard));
  });
}

/** Shard items summed per recording unit; units with no answers left out. */
export function unitsOfShards(items: readonly Record<string, unknown>[]): UnitCounts[] {
  const byUnit = new Map<string, UnitCounts>();
  for (const item of items) {
    const parsedKey = parseAggregateSortKey(String(item.sk));
    if (!parsedKey) continue;
    const department = String(item.pk).split('#')[2]!;
    const id = `${department}/${parsedKey.roleGroup}`;
    let unit = byUnit.get(id);
    if (!unit) byUnit.set(id, (unit = { department, roleGroup: parsedKey.roleGroup, counts: { n: 0, counts: {} } }));
    addShard(unit.counts, item);
  }
  return [...byUnit.values()].filter((unit) => unit.counts.n > 0);
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
 * per unit: stored as maps, a large organization's plan came near DynamoDB's item limit, and
 * every job that lists the waves read them all, entry by entry, on every run for as long as
 * the organization keeps its history. Gzipped JSON in one attribute is a fraction of that;
 * nothing queries or updates a plan once the wave is open.
 */
function packedPlan(plan: Pick<Wave, 'staffPerUnit' | 'units'>): Uint8Array {
  const packed = gzipSync(JSON.stringify(plan));
  if (packed.length > CHUNK_BYTES)
    throw new Error(
      `A wave's recording plan is ${Math.round(packed.length / 1024)} KB compressed, over the ${CHUNK_BYTES / 1024} KB a wave item can hold: the organization has too many recording units for one wave.`,
    );
  return packed;
}

/** The item a wave is stored as. */
export function waveItem(wave: Wave): Record<string, unknown> {
  // Empty string sets cannot be stored; they are simply absent until a department is queued.
  const { dispatchedInvite: _invite, dispatchedReminder: _reminder, staffPerUnit, units, ...header } = wave;
  return { ...keys.wave(wave.id), ...header, plan: packedPlan({ staffPerUnit, units }) };
}

/** A wave item as the domain sees it: its plan unpacked. */
export function waveFromItem(item: Record<string, unknown>): Wave {
  const { plan, ...rest } = item;
  if (!(plan instanceof Uint8Array))
    throw new StoredDataError(
      `${String(item.pk)} / ${String(item.sk)}`,
      'the wave has no packed plan: it was stored by 0.1.0. Run `npm run pulse -- migrate` once, then try again',
    );
  return parseStored(waveSchema, { ...rest, ...(decompress(plan) as object) }, item);
}
