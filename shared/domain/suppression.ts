/**
 * Suppression for everything a wave publishes, to anyone, taken as one system
 * (docs/design.md, invariant 2; the argument is in docs/privacy.md).
 *
 * Every published figure (a count n, or an adverse count) is a sum over recording units,
 * the finest groups answers are stored in. A reader who has every figure can add and
 * subtract them: what they learn is exactly the span of the published sums. The groups we
 * publish (the organization, department rollups, a recording department's role groups)
 * are laminar: any two are nested or disjoint. For a laminar family that span has a simple
 * basis: for each published group, its *exclusive part*, the units it holds that none of
 * its largest published subgroups hold. Those parts are disjoint, so a linear combination
 * of published figures is determined only as a combination of whole exclusive parts, and
 * the smallest groups anyone can isolate are the exclusive parts themselves.
 *
 * So the rule, complete for the whole system and not one relation at a time: every
 * published group's exclusive part holds no respondents or at least k. Groups under k are
 * hidden first; then, while some exclusive part holds 1 to k - 1 respondents, one more group
 * is hidden, choosing the repair that hides the fewest respondents' figures and creates no
 * new leak, and keeping the organization's own figure as long as anything else will do.
 */
export interface CandidateGroup {
  id: string;
  /** The recording units whose answers the group adds up. */
  units: readonly string[];
  /** Respondents in the group. */
  n: number;
  /**
   * Breadth when two groups hold the same units (the organization above a department that
   * is everything, a rollup above its only child): the lower level is the parent.
   */
  level: number;
  /** Kept unless nothing else repairs a leak (the organization's own figure). */
  keep?: boolean;
}

/** Raised when published groups overlap without nesting: the exclusive-part rule would not be complete. */
export class NotLaminarError extends Error {
  override readonly name = 'NotLaminarError';
}

interface Node {
  group: CandidateGroup;
  parent: Node | undefined;
  children: Node[];
  exclusive: number;
}

/**
 * The containment forest of the shown groups, with each one's exclusive respondents.
 * Throws NotLaminarError when two groups overlap without one holding the other.
 */
export function containmentForest(shown: readonly CandidateGroup[]): Map<string, Node> {
  const sorted = [...shown].sort((a, b) => b.units.length - a.units.length || a.level - b.level || a.id.localeCompare(b.id));
  const owner = new Map<string, Node>();
  const nodes = new Map<string, Node>();
  for (const group of sorted) {
    const owners = new Set(group.units.map((unit) => owner.get(unit)));
    if (owners.size > 1) throw new NotLaminarError(`Published groups overlap without nesting at ${group.id}: ${[...owners].map((o) => o?.group.id ?? 'nothing').join(', ')}`);
    const parent = owners.values().next().value;
    const node: Node = { group, parent, children: [], exclusive: group.n };
    parent?.children.push(node);
    if (parent) parent.exclusive -= group.n;
    nodes.set(group.id, node);
    for (const unit of group.units) owner.set(unit, node);
  }
  return nodes;
}

/** Returns the ids of the groups whose figures must stay hidden. */
export function suppressGroups(groups: readonly CandidateGroup[], k: number): Set<string> {
  const hidden = new Set(groups.filter((g) => g.n < k).map((g) => g.id));
  const leaks = (exclusive: number) => exclusive > 0 && exclusive < k;
  for (;;) {
    const nodes = containmentForest(groups.filter((g) => !hidden.has(g.id)));
    // Smallest first, so a leak is repaired where it is before anything above it is touched.
    const found = [...nodes.values()].filter((node) => leaks(node.exclusive)).sort((a, b) => a.group.units.length - b.group.units.length || b.group.level - a.group.level);
    if (found.length === 0) return hidden;
    // Repairs far apart in the tree do not change each other's figures, so one pass makes
    // every repair whose neighbourhood no earlier repair in the pass has changed.
    const changed = new Set<Node>();
    for (const leak of found) {
      if ([leak, leak.parent, ...leak.children].some((node) => node && changed.has(node))) continue;
      // Hiding a child adds its exclusive part to the leaking one; hiding the leaking group
      // adds its exclusive part to its parent's. A repair is clean when the part it grows
      // ends at k or more (or there is no parent to leak into).
      const options = [
        ...leak.children.map((child) => ({ node: child, clean: !leaks(leak.exclusive + child.exclusive), cost: child.group.keep ? Infinity : child.group.n })),
        { node: leak, clean: !leak.parent || !leaks(leak.parent.exclusive + leak.exclusive), cost: leak.group.keep ? Infinity : leak.group.n },
      ];
      const clean = options.filter((o) => o.clean).sort((a, b) => a.cost - b.cost || a.node.group.id.localeCompare(b.node.group.id))[0];
      // No clean repair: hide the leaking group and let its parent be repaired next pass.
      const chosen = clean?.node ?? leak;
      hidden.add(chosen.group.id);
      for (const node of [leak, leak.parent, ...leak.children, ...chosen.children]) if (node) changed.add(node);
    }
  }
}
