import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { gzipSync } from 'node:zlib';
import { publishedGroupSchema, type Evaluation } from '../../domain/evaluate-hotspots.js';
import { waveSchema, type Wave } from '../../domain/wave.js';
import { keys, type TableKey } from '../../table.js';
import { publishedChunkSchema, publishedSummarySchema, saveIdOf, writePublishedItems } from './published-figures.js';
import { decompress, keyId, parseStored, type TableIO } from './table-io.js';
import { shardKeys, unitsOfShards, waveFromItem, writeFrozen } from './wave-store.js';

/** What `migrate` changed; all zero on a table already in this version's shape. */
export interface MigrationReport {
  /** Wave items whose recording plan was stored as two maps, now packed. */
  plansPacked: number;
  /** Open waves opened before shards were made at open: the shards nobody had answered into yet, made. */
  shardsMade: number;
  /** Waves closed before counts were frozen at close: their counts frozen from their shards. */
  countsFrozen: number;
  /** Closed waves whose shards were kept after their counts were frozen: the shards deleted. */
  shardsDeleted: number;
  /** Published figures saved before saves had ids or compressed copies: written again under a save id. */
  figuresRewritten: number;
  /** Waves whose figures 0.1.0 saved incompletely: left withheld, as they were read before. */
  figuresWithheld: string[];
}

/**
 * Brings a table written by 0.1.0 to this version's shapes, once; run again it changes
 * nothing. Only what this version no longer reads is touched, each item as the release that
 * read it would have read it, so no count and no published figure changes.
 */
export async function migrateTable(table: TableIO): Promise<MigrationReport> {
  const report: MigrationReport = { plansPacked: 0, shardsMade: 0, countsFrozen: 0, shardsDeleted: 0, figuresRewritten: 0, figuresWithheld: [] };
  for (const item of await table.partition(keys.wavesPartition(), { consistent: true })) {
    if (!(item.plan instanceof Uint8Array)) {
      await packPlan(table, item);
      report.plansPacked++;
    }
    const raw = (await table.get({ pk: String(item.pk), sk: String(item.sk) }, { consistent: true }))!;
    const wave = waveFromItem(raw);
    if (wave.status === 'open' && raw.shardsMade === undefined) report.shardsMade += await makeShards(table, wave);
    if (wave.status !== 'closed') continue;
    if (wave.frozenChunks === undefined) {
      await freezeFromShards(table, wave);
      report.countsFrozen++;
    }
    if (raw.shardsDeleted === undefined) {
      const kept = [...(await table.batchGet(shardKeys(wave.id, wave.staffPerUnit), { consistent: true })).values()];
      await table.batchDelete(kept.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
      await table.setFields(keys.wave(wave.id), { shardsDeleted: true });
      if (kept.length > 0) report.shardsDeleted++;
    }
    const figures = await rewriteFigures(table, wave.id);
    if (figures === 'rewritten') report.figuresRewritten++;
    if (figures === 'withheld') report.figuresWithheld.push(wave.id);
  }
  return report;
}

/** The plan's two maps as one gzipped attribute, nothing else of the item touched. */
async function packPlan(table: TableIO, item: Record<string, unknown>): Promise<void> {
  const { staffPerUnit, units } = parseStored(waveSchema, item);
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET #plan = :plan REMOVE staffPerUnit, #units',
      ConditionExpression: 'attribute_not_exists(#plan)',
      ExpressionAttributeNames: { '#plan': 'plan', '#units': 'units' },
      ExpressionAttributeValues: { ':plan': gzipSync(JSON.stringify({ staffPerUnit, units })) },
    }),
  );
}

/**
 * Makes each absent shard of an open wave, only while the wave is open and no close has begun
 * (a close deletes shards, and one made after it would take answers no figure counts).
 */
async function makeShards(table: TableIO, wave: Wave): Promise<number> {
  let made = 0;
  for (const key of shardKeys(wave.id, wave.staffPerUnit)) {
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table.tableName, Item: { ...key, n: 0 }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              ConditionCheck: {
                TableName: table.tableName,
                Key: keys.wave(wave.id),
                ConditionExpression: '#status = :open AND attribute_not_exists(#closing)',
                ExpressionAttributeNames: { '#status': 'status', '#closing': 'closing' },
                ExpressionAttributeValues: { ':open': 'open' },
              },
            },
          ],
        }),
      );
      made++;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [shard, waveCheck] = error.CancellationReasons ?? [];
      if (waveCheck?.Code === 'ConditionalCheckFailed') return made;
      if (shard?.Code !== 'ConditionalCheckFailed') throw error;
    }
  }
  await table.setFields(keys.wave(wave.id), { shardsMade: true });
  return made;
}

/** A wave closed before freezing kept its shards, marked closed: they are its counts. */
async function freezeFromShards(table: TableIO, wave: Wave): Promise<void> {
  const shards = await table.batchGet(shardKeys(wave.id, wave.staffPerUnit), { consistent: true });
  const units = unitsOfShards([...shards.values()]);
  const frozenChunks = await writeFrozen(table, wave.id, units);
  await table.setFields(keys.wave(wave.id), { frozenChunks, responses: units.reduce((sum, unit) => sum + unit.counts.n, 0) });
}

/**
 * Figures 0.1.0 published without a save id (one item per group, and perhaps compressed
 * chunks), read as 0.1.0 read them and written again under a save id of their own, then the
 * old items deleted. Figures 0.1.0 could not read whole stay withheld.
 */
async function rewriteFigures(table: TableIO, waveId: string): Promise<'rewritten' | 'withheld' | 'current' | 'none'> {
  const item = await table.get(keys.publishedSummary(waveId), { consistent: true });
  if (!item) return 'none';
  const summary = parseStored(publishedSummarySchema, item);
  if (summary.saveId !== undefined && summary.evalChunks !== undefined) return 'current';
  const oldItems = await table.partition(keys.publishedPartition(waveId), { consistent: true, sortKeyPrefix: keys.publishedGroupsPrefix(summary.saveId) });
  const oldChunkKeys = Array.from({ length: summary.evalChunks ?? 0 }, (_, index) => keys.publishedChunk(waveId, index, summary.saveId));
  const groups = await oldGroups(table, summary.evalChunks === undefined ? undefined : oldChunkKeys, oldItems);
  if (groups?.length !== summary.groupCount) return 'withheld';
  const evaluation: Evaluation = { waveId, groups, hiddenGroups: summary.hiddenGroups };
  const saveId = saveIdOf(evaluation);
  const evalChunks = await writePublishedItems(table, evaluation, saveId);
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.publishedSummary(waveId),
      UpdateExpression: 'SET saveId = :saveId, evalChunks = :chunks',
      ConditionExpression: 'attribute_not_exists(saveId)',
      ExpressionAttributeValues: { ':saveId': saveId, ':chunks': evalChunks },
    }),
  );
  const stale: TableKey[] = [...oldItems.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })), ...oldChunkKeys];
  await table.batchDelete(stale);
  return 'rewritten';
}

/** The groups as 0.1.0 read them: from the compressed chunks when the summary names them, else item by item. */
async function oldGroups(table: TableIO, chunkKeys: TableKey[] | undefined, items: Record<string, unknown>[]) {
  if (chunkKeys) {
    const chunks = await table.batchGet(chunkKeys, { consistent: true });
    const parts = chunkKeys.map((key) => chunks.get(keyId(key)));
    if (parts.every((part) => part !== undefined)) return parts.flatMap((part) => parseStored(publishedChunkSchema, decompress(part.data), part));
  }
  return items.map((item) => parseStored(publishedGroupSchema, item.group, item));
}
