import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { mapLimit } from '../../concurrency.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import { publishedGroupSchema, type Evaluation } from '../../domain/evaluate-hotspots.js';
import type { PublishedFigures } from '../../ports/published-figures.js';
import { keys } from '../../table.js';
import { compressedChunks, decompress, keyId, parseStored, type TableIO } from './table-io.js';

const PUBLISHED_READ_CONCURRENCY = 8;

/**
 * The summary a wave's first complete save writes, naming it. `saveId` and `evalChunks` are
 * absent only on summaries written by 0.1.0, before `npm run pulse -- migrate` rewrote them;
 * one it could not read whole stays so, and is read as withheld.
 */
export const publishedSummarySchema = lazySchema(() =>
  z.object({
    groupCount: z.int().check(z.minimum(0)),
    hiddenGroups: z.array(z.string()),
    evalChunks: z.optional(z.int().check(z.minimum(0))),
    saveId: z.optional(z.string()),
  }),
);
/** One chunk of a wave's published groups, as `savePublished` compresses them. */
export const publishedChunkSchema = lazySchema(() => z.array(publishedGroupSchema));

type Summary = { groupCount: number; hiddenGroups: string[]; evalChunks: number; saveId: string };

/** Published figures: per group, for a manager's page, and compressed, for an alert run's history. */
export class DynamoPublishedFigures implements PublishedFigures {
  constructor(private readonly table: TableIO) {}

  async savePublished(evaluation: Evaluation): Promise<Evaluation | undefined> {
    // One item per group, so a manager's dashboard reads only theirs; and the whole set
    // again in a few compressed chunks, so a later alert run reads a wave in one request.
    // Each save writes under keys of its own, and the summary, written last and only where
    // none is, names the save that completed first. So a save cut short, or one that runs
    // beside another after the org file changed (another k, other departments), can never
    // put its groups beside the published ones, where a group they hide would be read or
    // worked out by subtraction; and a wave is published in one version only, whoever
    // saves it later. The id is the figures' own hash: two runs saving the same figures at
    // once write the same items.
    const saveId = saveIdOf(evaluation);
    const chunks = await writePublishedItems(this.table, evaluation, saveId);
    const summary = {
      ...keys.publishedSummary(evaluation.waveId),
      waveId: evaluation.waveId,
      groupCount: evaluation.groups.length,
      hiddenGroups: evaluation.hiddenGroups,
      evalChunks: chunks,
      saveId,
    };
    if (await this.table.writeIf(new PutCommand({ TableName: this.table.tableName, Item: summary, ConditionExpression: 'attribute_not_exists(pk)' })))
      return evaluation;
    // Published already: those figures are the wave's. Never replaced, even when they cannot
    // be read whole: someone may have been shown them, and a second version beside them
    // could be subtracted.
    return (await this.readWaves([evaluation.waveId], { consistent: true })).get(evaluation.waveId);
  }

  async readPublished(waveId: string, options: { departments?: readonly string[] } = {}): Promise<Evaluation | undefined> {
    if (!options.departments) return (await this.readWaves([waveId], {})).get(waveId);
    const item = await this.table.get(keys.publishedSummary(waveId));
    const summary = item && completeSummary(item);
    if (!summary) return undefined;
    const perDepartment = await mapLimit(options.departments, PUBLISHED_READ_CONCURRENCY, (department) =>
      this.table.partition(keys.publishedPartition(waveId), { sortKeyPrefix: keys.publishedDepartmentPrefix(department, summary.saveId) }),
    );
    return { waveId, groups: perDepartment.flat().map((item) => parseStored(publishedGroupSchema, item.group, item)), hiddenGroups: summary.hiddenGroups };
  }

  async readPublishedMany(waveIds: readonly string[]): Promise<Map<string, Evaluation>> {
    return this.readWaves(waveIds, {});
  }

  /** `readPublishedMany`, consistent when asked: a save that lost the race reads the winner's at once. */
  private async readWaves(waveIds: readonly string[], options: { consistent?: boolean }): Promise<Map<string, Evaluation>> {
    const summaries = await this.table.batchGet(
      waveIds.map((id) => keys.publishedSummary(id)),
      options,
    );
    const complete = waveIds.flatMap((id) => {
      const item = summaries.get(keyId(keys.publishedSummary(id)));
      const summary = item && completeSummary(item);
      return summary ? [{ id, summary }] : [];
    });
    const chunkKeys = (id: string, summary: Summary) =>
      Array.from({ length: summary.evalChunks }, (_, index) => keys.publishedChunk(id, index, summary.saveId));
    const items = await this.table.batchGet(
      complete.flatMap(({ id, summary }) => chunkKeys(id, summary)),
      options,
    );
    const evaluations = new Map<string, Evaluation>();
    for (const { id, summary } of complete) {
      const parts = chunkKeys(id, summary).map((key) => items.get(keyId(key)));
      if (parts.some((part) => part === undefined)) continue;
      const groups = parts.flatMap((part) => parseStored(publishedChunkSchema, decompress(part!.data), part));
      if (groups.length === summary.groupCount) evaluations.set(id, { waveId: id, groups, hiddenGroups: summary.hiddenGroups });
    }
    return evaluations;
  }
}

/** A save's id: the figures' own hash, so two runs saving the same figures write the same items. */
export function saveIdOf(evaluation: Evaluation): string {
  return createHash('sha256').update(JSON.stringify(evaluation)).digest('base64url').slice(0, 16);
}

/**
 * Writes a save's groups, one item each and again compressed, under the save's own keys, and
 * returns how many chunks it took. The summary naming the save is the caller's to write.
 */
export async function writePublishedItems(table: TableIO, evaluation: Evaluation, saveId: string): Promise<number> {
  const chunks = compressedChunks(evaluation.groups);
  await table.batchPut([
    ...evaluation.groups.map((group) => ({ ...keys.publishedGroup(evaluation.waveId, group.department, group.id, saveId), group })),
    ...chunks.map((data, index) => ({ ...keys.publishedChunk(evaluation.waveId, index, saveId), data })),
  ]);
  return chunks.length;
}

/** A summary naming a complete save; undefined for one 0.1.0 wrote that the migration could not read whole. */
function completeSummary(item: Record<string, unknown>): Summary | undefined {
  const { saveId, evalChunks, ...rest } = parseStored(publishedSummarySchema, item);
  return saveId === undefined || evalChunks === undefined ? undefined : { ...rest, saveId, evalChunks };
}
