import { describe, expect, it } from 'vitest';
import { keys, parseAggregateSortKey, parseCommentSortKey, PARTITION_PATTERNS, TABLE, type ItemKind } from '../../shared/table.js';

describe('table keys', () => {
  it('put every shard of a department in one partition, so the alert job reads it in one query', () => {
    const a = keys.aggregate('w20261124-01', 'icu', 'nurse', 0);
    const b = keys.aggregate('w20261124-01', 'icu', 'physician', 7);
    expect(a.pk).toBe(b.pk);
    expect(a.pk).toBe(keys.aggregatePartition('w20261124-01', 'icu'));
    expect(a.sk).not.toBe(b.sk);
  });

  it('keep comments per department and role group, apart from every aggregate', () => {
    const comments = keys.comments('w20261124-01', 'icu', '_other', 5);
    expect(comments.pk).toBe(keys.commentPartition('w20261124-01', 'icu'));
    expect(comments.pk).not.toBe(keys.aggregatePartition('w20261124-01', 'icu'));
    expect(parseCommentSortKey(comments.sk)).toBe('_other');
  });

  it('read role group and shard back from an aggregate sort key', () => {
    expect(parseAggregateSortKey(keys.aggregate('w1', 'ed', '_other', 3).sk)).toEqual({ roleGroup: '_other', shard: 3 });
    expect(parseAggregateSortKey('TOKEN')).toBeUndefined();
  });

  it('key a token by its hash alone', () => {
    expect(keys.token('abc')).toEqual({ pk: 'TOKEN#abc', sk: 'TOKEN' });
  });

  it('define a TTL attribute and the roster index once', () => {
    expect(TABLE.ttlAttribute).toBe('expiresAt');
    expect(TABLE.indexes.map((i) => i.name)).toEqual(['gsi1']);
  });
});

describe('PARTITION_PATTERNS', () => {
  /** IAM's StringLike: `*` is any run of characters, everything else itself. */
  const matches = (pattern: string, value: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(value);
  const examples: Record<ItemKind, string> = {
    token: keys.token('abc').pk,
    waves: keys.wave('2026-12-08').pk,
    waveSecret: keys.waveSecret('2026-12-08').pk,
    aggregate: keys.aggregate('2026-12-08', 'icu', 'nurse', 3).pk,
    comments: keys.comments('2026-12-08', 'icu', 'nurse', 3).pk,
    delivery: keys.delivery('2026-12-08', 'invite', 'staff1', 'email').pk,
    reach: keys.reach('2026-12-08', 'staff1').pk,
    alert: keys.alert('2026-12-08', 'ceo').pk,
    published: keys.publishedSummary('2026-12-08').pk,
    frozen: keys.frozenChunk('2026-12-08', 0).pk,
    actions: keys.action('icu', 'a1').pk,
    dashboardKey: keys.dashboardKey().pk,
    staff: keys.staff('staff1').pk,
  };

  it('match the partition key of their own kind and of no other kind', () => {
    for (const [kind, pattern] of Object.entries(PARTITION_PATTERNS) as [ItemKind, string][]) {
      for (const [other, pk] of Object.entries(examples) as [ItemKind, string][])
        expect(matches(pattern, pk), `${kind} pattern ${pattern} on ${other} key ${pk}`).toBe(kind === other);
    }
  });
});
