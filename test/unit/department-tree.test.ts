import { describe, expect, it } from 'vitest';
import { DepartmentTree } from '../../shared/domain/department-tree.js';

const tree = new DepartmentTree([
  { id: 'hospital' },
  { id: 'ed', parent: 'hospital' },
  { id: 'icu', parent: 'hospital' },
  { id: 'peds-icu', parent: 'icu' },
  { id: 'clinic' },
]);

describe('DepartmentTree', () => {
  it('knows parents, children and top-level departments', () => {
    expect(tree.parentOf('peds-icu')).toBe('icu');
    expect(tree.childrenOf('hospital')).toEqual(['ed', 'icu']);
    expect(tree.childrenOf(undefined)).toEqual(['hospital', 'clinic']);
    expect(tree.childrenOf('ed')).toEqual([]);
  });

  it('walks a department’s subtree and its ancestors', () => {
    expect(tree.subtree('hospital').sort()).toEqual(['ed', 'hospital', 'icu', 'peds-icu']);
    expect(tree.ancestors('peds-icu')).toEqual(['icu', 'hospital']);
    expect(tree.depth('peds-icu')).toBe(2);
    expect(tree.depth('clinic')).toBe(0);
  });
});
