import { describe, expect, it } from 'vitest';
import { suppressedCells, type AdditiveRelation } from '../../shared/domain/suppression.js';

const K = 5;
const hide = (n: Record<string, number>, relations: AdditiveRelation[]) => suppressedCells(new Map(Object.entries(n)), relations, K);

/** Every value an attacker can compute from shown cells by one subtraction. */
function derivable(n: Record<string, number>, relations: AdditiveRelation[], hidden: Set<string>) {
  const found: { relation: string; sum: number }[] = [];
  for (const r of relations) {
    const hiddenParts = r.parts.filter((p) => hidden.has(p));
    if (!hidden.has(r.total) && hiddenParts.length > 0) {
      const sum = hiddenParts.reduce((s, p) => s + (n[p] ?? 0), 0);
      if (sum > 0 && sum < K) found.push({ relation: r.total, sum });
    }
    if (hidden.has(r.total) && hiddenParts.length === 0 && (n[r.total] ?? 0) > 0) found.push({ relation: r.total, sum: n[r.total]! });
  }
  return found;
}

describe('suppressedCells', () => {
  it('hides every group under k', () => {
    expect(hide({ a: 4, b: 5, c: 0 }, [])).toEqual(new Set(['a', 'c']));
  });

  it('hides a second role when the department total would reveal the small one by subtraction', () => {
    const n = { ed: 17, 'ed/nurse': 10, 'ed/physician': 5, 'ed/app': 2 };
    const relations = [{ total: 'ed', parts: ['ed/nurse', 'ed/physician', 'ed/app'] }];
    const hidden = hide(n, relations);
    expect(hidden).toEqual(new Set(['ed/app', 'ed/physician']));
    expect(derivable(n, relations, hidden)).toEqual([]);
  });

  it('hides a child department that a parent minus its siblings would reveal', () => {
    const n = { amb: 30, primary: 12, peds: 3, bh: 15 };
    const relations = [{ total: 'amb', parts: ['primary', 'peds', 'bh'] }];
    const hidden = hide(n, relations);
    expect(hidden.has('peds')).toBe(true);
    expect(hidden.has('primary')).toBe(true);
    expect(derivable(n, relations, hidden)).toEqual([]);
  });

  it('hides the total when it has a single small part and nothing else to hide', () => {
    const n = { unit: 7, 'unit/a': 7, 'unit/b': 0, 'unit/c': 0 };
    // A total with one part of its own size is fine: nothing hidden adds to between 1 and k-1.
    expect(hide(n, [{ total: 'unit', parts: ['unit/a', 'unit/b', 'unit/c'] }])).toEqual(new Set(['unit/b', 'unit/c']));
    const n2 = { unit: 9, 'unit/a': 2 };
    expect(hide(n2, [{ total: 'unit', parts: ['unit/a'] }]).has('unit')).toBe(true);
  });

  it('holds across overlapping department and role cuts', () => {
    // Two departments x two roles, with org-wide role totals also published.
    const n = { d1: 14, d2: 16, nurse: 20, physician: 10, 'd1/nurse': 11, 'd1/physician': 3, 'd2/nurse': 9, 'd2/physician': 7, org: 30 };
    const relations: AdditiveRelation[] = [
      { total: 'd1', parts: ['d1/nurse', 'd1/physician'] },
      { total: 'd2', parts: ['d2/nurse', 'd2/physician'] },
      { total: 'nurse', parts: ['d1/nurse', 'd2/nurse'] },
      { total: 'physician', parts: ['d1/physician', 'd2/physician'] },
      { total: 'org', parts: ['d1', 'd2'] },
      { total: 'org', parts: ['nurse', 'physician'] },
    ];
    const hidden = hide(n, relations);
    expect(hidden.has('d1/physician')).toBe(true);
    expect(derivable(n, relations, hidden)).toEqual([]);
  });

  it('keeps a hidden total from being rebuilt as the sum of its shown parts', () => {
    // "mid" gets hidden to protect "small"; its own parts must then not all stay visible.
    const n = { top: 20, mid: 6, small: 2, other: 12, 'mid/a': 6 };
    const relations: AdditiveRelation[] = [
      { total: 'top', parts: ['mid', 'small', 'other'] },
      { total: 'mid', parts: ['mid/a'] },
    ];
    const hidden = hide(n, relations);
    expect(hidden.has('small')).toBe(true);
    expect(hidden.has('mid')).toBe(true);
    expect(hidden.has('mid/a')).toBe(true);
    expect(derivable(n, relations, hidden)).toEqual([]);
  });
});
