/**
 * Suppression for any published table of counts (DESIGN.md invariant 2).
 *
 * A figure is shown only when its group has at least k responses (primary suppression),
 * and more figures are hidden until no hidden group can be recovered by subtraction
 * (complementary suppression). Every additive relation the reader knows about is listed:
 * a department is the sum of its role groups; a parent is its own direct staff plus its
 * children; an organization-wide role is the sum of that role across departments.
 */
export interface AdditiveRelation {
  total: string;
  parts: readonly string[];
}

/**
 * Returns the ids of the cells that must stay hidden.
 *
 * For every relation whose total is shown, the hidden parts must add up to nothing or
 * to at least k, else their sum (and, if only one is hidden, the cell itself) is exposed.
 * For every relation whose total is hidden, at least one answered part must stay hidden,
 * else the total is the sum of what is shown. Each round hides the cheapest shown cell
 * that repairs a relation (by default the smallest), and rounds repeat until no relation
 * leaks.
 */
export function suppressedCells(
  n: ReadonlyMap<string, number>,
  relations: readonly AdditiveRelation[],
  k: number,
  /** What hiding a cell costs the reader; the cheapest repair wins. Defaults to its size. */
  cost: (id: string) => number = (id) => n.get(id) ?? 0,
): Set<string> {
  const count = (id: string) => n.get(id) ?? 0;
  const hidden = new Set([...n.keys()].filter((id) => count(id) < k));
  const cheapestShown = (ids: readonly string[]) =>
    ids.filter((id) => !hidden.has(id) && count(id) > 0).sort((a, b) => cost(a) - cost(b) || count(a) - count(b) || a.localeCompare(b))[0];

  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of relations) {
      const hiddenParts = relation.parts.filter((id) => hidden.has(id));
      const hiddenSum = hiddenParts.reduce((sum, id) => sum + count(id), 0);
      if (!hidden.has(relation.total)) {
        if (hiddenSum === 0 || hiddenSum >= k) continue;
        // Hiding the total also repairs this relation, and may cost less (a rollup rather than a unit).
        const next = cheapestShown([...relation.parts, relation.total]) ?? relation.total;
        hidden.add(next);
        changed = true;
      } else if (count(relation.total) > 0 && hiddenSum === 0) {
        const next = cheapestShown(relation.parts);
        if (next !== undefined) {
          hidden.add(next);
          changed = true;
        }
      }
    }
  }
  return hidden;
}
