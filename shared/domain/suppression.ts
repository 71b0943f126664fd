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
 *
 * Counting people is not enough: a difference of k or more can still say what everyone in it
 * answered. Cardiology's 9 adverse of 13 less Cardiac ICU's 3 of 7 leaves 6 of 6, and the
 * hidden unit inside those 6 is then known to a person. So the same loop also repairs every
 * *difference* (the exclusive part of a group with shown subgroups, which nobody is shown
 * but anyone can work out) that is unanimous on a domain: none or all of its answers adverse.
 * It takes the reader to know every shown group's adverse answers exactly, which is more than
 * whole percents tell, and which every other published number (intervals, baselines, pooled
 * pulses) is made from: a difference clear under that reader is clear under all of them. A
 * unanimous group that is itself shown says so to its own readers; that limit is in
 * docs/privacy.md. The repair hides whole groups, never one domain of a group, so a hidden
 * figure looks the same whether too few answered or a difference was unanimous.
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
  /** What hiding the group gives up, when not its respondents (n): repairs give up the least. */
  cost?: number;
  /** Per domain the wave asked, in the same order for every group: its adverse answers. */
  tallies?: readonly DomainTally[];
}

/** A group's answers to one domain's items: how many were adverse, of how many it could hold (items x respondents). */
export interface DomainTally {
  adverse: number;
  answers: number;
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
  exclusiveTallies: DomainTally[];
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
    if (owners.size > 1)
      throw new NotLaminarError(`Published groups overlap without nesting at ${group.id}: ${[...owners].map((o) => o?.group.id ?? 'nothing').join(', ')}`);
    const parent = owners.values().next().value;
    const node: Node = { group, parent, children: [], exclusive: group.n, exclusiveTallies: (group.tallies ?? []).map((t) => ({ ...t })) };
    parent?.children.push(node);
    if (parent) {
      parent.exclusive -= group.n;
      parent.exclusiveTallies = combined(parent.exclusiveTallies, node.exclusiveTallies, -1);
    }
    nodes.set(group.id, node);
    for (const unit of group.units) owner.set(unit, node);
  }
  return nodes;
}

function combined(a: readonly DomainTally[], b: readonly DomainTally[], sign: 1 | -1): DomainTally[] {
  return a.map((tally, i) => ({ adverse: tally.adverse + sign * (b[i]?.adverse ?? 0), answers: tally.answers + sign * (b[i]?.answers ?? 0) }));
}

/** Whether a part some reader can isolate says too much: 1 to k - 1 people, or, when it is a difference, a unanimous domain. */
function revealing(k: number, exclusive: number, tallies: readonly DomainTally[], difference: boolean): boolean {
  if (exclusive > 0 && exclusive < k) return true;
  return difference && exclusive > 0 && tallies.some((t) => t.answers > 0 && (t.adverse === 0 || t.adverse === t.answers));
}

function costOf(group: CandidateGroup): number {
  return group.keep ? Infinity : (group.cost ?? group.n);
}

/** Returns the ids of the groups whose figures must stay hidden. */
export function suppressGroups(groups: readonly CandidateGroup[], k: number): Set<string> {
  const hidden = new Set(groups.filter((g) => g.n < k).map((g) => g.id));
  const leaking = (node: Node) => revealing(k, node.exclusive, node.exclusiveTallies, node.children.length > 0);
  for (;;) {
    const nodes = containmentForest(groups.filter((g) => !hidden.has(g.id)));
    // Smallest first, so a leak is repaired where it is before anything above it is touched.
    const found = [...nodes.values()].filter(leaking).sort((a, b) => a.group.units.length - b.group.units.length || b.group.level - a.group.level);
    if (found.length === 0) return hidden;
    // Repairs far apart in the tree do not change each other's figures, so one pass makes
    // every repair whose neighbourhood no earlier repair in the pass has changed.
    const changed = new Set<Node>();
    for (const leak of found) {
      if ([leak, leak.parent, ...leak.children].some((node) => node && changed.has(node))) continue;
      // Hiding a child adds its exclusive part to the leaking one; hiding the leaking group
      // adds its exclusive part to its parent's. A repair is clean when the part it grows
      // says nothing too much (or there is no parent to leak into).
      const afterHidingChild = (child: Node) =>
        !revealing(
          k,
          leak.exclusive + child.exclusive,
          combined(leak.exclusiveTallies, child.exclusiveTallies, 1),
          leak.children.length - 1 + child.children.length > 0,
        );
      const afterHidingLeak = (parent: Node) =>
        !revealing(
          k,
          parent.exclusive + leak.exclusive,
          combined(parent.exclusiveTallies, leak.exclusiveTallies, 1),
          parent.children.length - 1 + leak.children.length > 0,
        );
      const options = [
        ...leak.children.map((child) => ({ node: child, clean: afterHidingChild(child), cost: costOf(child.group) })),
        { node: leak, clean: !leak.parent || afterHidingLeak(leak.parent), cost: costOf(leak.group) },
      ];
      const byCost = (a: (typeof options)[number], b: (typeof options)[number]) => a.cost - b.cost || a.node.group.id.localeCompare(b.node.group.id);
      const clean = options.filter((o) => o.clean && o.cost < Infinity).sort(byCost)[0];
      // No clean repair: hide the leaking group and let its parent be repaired next pass; a
      // kept group gives up its cheapest child instead, and itself only when it has none.
      const cheapestChild = options.filter((o) => o.node !== leak && o.cost < Infinity).sort(byCost)[0];
      const chosen = clean?.node ?? (leak.group.keep ? (cheapestChild?.node ?? leak) : leak);
      hidden.add(chosen.group.id);
      for (const node of [leak, leak.parent, ...leak.children, ...chosen.children]) if (node) changed.add(node);
    }
  }
}
