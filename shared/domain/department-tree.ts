/**
 * The department hierarchy, indexed once. Recording plans, evaluation, digests and late
 * joiners all walk parents and children; doing it through one index keeps those walks
 * linear for a 2,000-department organization instead of scanning the list at every step.
 * Assumes no cycles (the org config schema refuses them).
 */
export class DepartmentTree {
  private static readonly built = new WeakMap<readonly object[], DepartmentTree>();

  /** The index of a department list, built once per list (an org config is read once per process). */
  static of(departments: readonly { id: string; parent?: string | undefined }[]): DepartmentTree {
    let tree = DepartmentTree.built.get(departments);
    if (!tree) DepartmentTree.built.set(departments, (tree = new DepartmentTree(departments)));
    return tree;
  }

  private readonly parents = new Map<string, string | undefined>();
  private readonly childLists = new Map<string | undefined, string[]>();

  constructor(departments: readonly { id: string; parent?: string | undefined }[]) {
    for (const department of departments) {
      this.parents.set(department.id, department.parent);
      const siblings = this.childLists.get(department.parent) ?? [];
      siblings.push(department.id);
      this.childLists.set(department.parent, siblings);
    }
  }

  parentOf(id: string): string | undefined {
    return this.parents.get(id);
  }

  /** Direct children; `undefined` gives the top-level departments. */
  childrenOf(id: string | undefined): readonly string[] {
    return this.childLists.get(id) ?? [];
  }

  depth(id: string): number {
    let levels = 0;
    for (let cursor = this.parentOf(id); cursor !== undefined; cursor = this.parentOf(cursor)) levels++;
    return levels;
  }

  /** The department and everything under it. */
  subtree(id: string): string[] {
    const found: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      found.push(next);
      stack.push(...this.childrenOf(next));
    }
    return found;
  }

  /** Parent, grandparent and so on, nearest first. */
  ancestors(id: string): string[] {
    const found: string[] = [];
    for (let cursor = this.parentOf(id); cursor !== undefined; cursor = this.parentOf(cursor)) found.push(cursor);
    return found;
  }
}
