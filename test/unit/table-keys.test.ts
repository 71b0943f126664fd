import { describe, expect, it } from 'vitest';
import { keys, parseAggregateSortKey, TABLE } from '../../shared/table.js';

describe('table keys', () => {
  it('put every shard of a department in one partition, so the alert job reads it in one query', () => {
    const a = keys.aggregate('w20261124-01', 'icu', 'nurse', 0);
    const b = keys.aggregate('w20261124-01', 'icu', 'physician', 7);
    expect(a.pk).toBe(b.pk);
    expect(a.pk).toBe(keys.aggregatePartition('w20261124-01', 'icu'));
    expect(a.sk).not.toBe(b.sk);
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
