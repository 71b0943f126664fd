import { mapLimit } from '../../concurrency.js';
import { commentText, type UnitComments } from '../../domain/comments.js';
import { unitKey } from '../../domain/recording-units.js';
import type { CommentStore } from '../../ports/comment-store.js';
import { keys, parseCommentSortKey } from '../../table.js';
import type { TableIO } from './table-io.js';

/** Departments read at once: a large organization's comments page reads many partitions. */
const PARALLEL_READS = 16;

/** Comments, one partition per wave and recording department, a few buckets per unit (shared/table.ts). */
export class DynamoCommentStore implements CommentStore {
  constructor(private readonly table: TableIO) {}

  async readComments(waveId: string, departments: readonly string[]): Promise<UnitComments[]> {
    const perDepartment = await mapLimit([...new Set(departments)], PARALLEL_READS, async (department) => {
      const texts = new Map<string, string[]>();
      for (const item of await this.table.partition(keys.commentPartition(waveId, department))) {
        const roleGroup = typeof item.sk === 'string' ? parseCommentSortKey(item.sk) : undefined;
        if (roleGroup === undefined || !(item.comments instanceof Set)) continue;
        const unit = unitKey({ department, roleGroup });
        texts.set(unit, [...(texts.get(unit) ?? []), ...[...(item.comments as Set<unknown>)].filter((c) => typeof c === 'string').map(commentText)]);
      }
      return [...texts].map(([unit, unitTexts]) => ({ unit, texts: unitTexts }));
    });
    return perDepartment.flat();
  }
}
