import { describe, expect, it } from 'vitest';
import { adverseAttributes, adverseCount, countAttribute, incrementsFor, mergeCounts, parseCountAttribute, pickShard } from '../../shared/domain/aggregates.js';
import { parseAnswers } from '../../shared/domain/answers.js';
import { DEFAULT_INSTRUMENT, itemsForWave } from '../../shared/domain/instrument.js';

const items = itemsForWave(DEFAULT_INSTRUMENT, 0);
const complete = { q_burnout: '3', q_workload: '2', q_emr_frustration: '4', q_after_hours_docs: '1', q_admin_tasks: '5', q_team_connection: '4' };

describe('parseAnswers', () => {
  it('accepts one valid option per question', () => {
    expect(parseAnswers(items, complete)).toEqual({
      ok: true,
      answers: { burnout: 3, workload: 2, emr_frustration: 4, after_hours_docs: 1, admin_tasks: 5, team_connection: 4 },
    });
  });

  it('names each missing or invalid answer and keeps the valid ones', () => {
    const result = parseAnswers(items, { ...complete, q_workload: '', q_burnout: '7', q_admin_tasks: '4; DROP TABLE' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { field: 'burnout', problem: 'not-an-option' },
      { field: 'workload', problem: 'missing' },
      { field: 'admin_tasks', problem: 'not-an-option' },
    ]);
    expect(result.partial).toMatchObject({ emr_frustration: '4', team_connection: '4' });
  });

  it('ignores fields that are not questions of this wave', () => {
    const result = parseAnswers(items, { ...complete, q_verbal_abuse: '2', extra: 'x' });
    expect(result.ok && Object.keys(result.answers)).toHaveLength(6);
  });
});

describe('aggregates', () => {
  it('add one to n, to the chosen option of each item, and to each domain’s count of adverse answers, and nothing else', () => {
    const parsed = parseAnswers(items, complete);
    if (!parsed.ok) throw new Error('fixture must be valid');
    const increments = incrementsFor(parsed.answers, items);
    expect(increments).toMatchObject({ n: 1, c_burnout_3: 1, c_workload_2: 1 });
    // Two of the three admin-burden answers were adverse; no connection answer was.
    expect(increments).toMatchObject({ a_burnout_1: 1, a_workload_1: 1, a_admin_burden_2: 1, a_connection_0: 1 });
    expect(Object.keys(increments)).toHaveLength(11);
  });

  it('merge shards and count adverse answers across them', () => {
    const burnout = items[0]!;
    const merged = mergeCounts([
      { n: 2, counts: { c_burnout_1: 1, c_burnout_3: 1 } },
      { n: 3, counts: { c_burnout_4: 2, c_burnout_2: 1 } },
    ]);
    expect(merged).toEqual({ n: 5, counts: { c_burnout_1: 1, c_burnout_3: 1, c_burnout_4: 2, c_burnout_2: 1 } });
    expect(adverseCount(merged, adverseAttributes(burnout))).toBe(3);
  });

  it('name counters so they can be read back', () => {
    expect(parseCountAttribute(countAttribute('after_hours_docs', 4))).toEqual({ itemId: 'after_hours_docs', value: 4 });
    expect(parseCountAttribute('n')).toBeUndefined();
  });

  it('spread submissions over every shard and never past the last', () => {
    expect(pickShard(() => 0, 8)).toBe(0);
    expect(pickShard(() => 0.999999, 8)).toBe(7);
    expect(pickShard(() => 1, 8)).toBe(7);
  });
});
