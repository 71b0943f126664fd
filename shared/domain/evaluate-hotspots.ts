import { adverseAttributes, adverseCount, adverseTallyAttribute, mergeCounts, type AggregateCounts } from './aggregates.js';
import { DepartmentTree } from './department-tree.js';
import { DOMAINS, type Domain, type Item } from './instrument.js';
import type { OrgConfig } from './org-config.js';
import { ALL_ROLES, ORG_UNIT, parseUnitKey, unitKey } from './recording-units.js';
import { alertRule, borrowedPopulations, type AlertRule, type ComparablePulse, type FigureEvidence } from './alert-rule.js';
import { suppressGroups, type CandidateGroup } from './suppression.js';

import type { DomainFigure, Evaluation, PublishedGroup, UnitCounts, WaveCounts } from './published.js';
export type { DomainFigure, Evaluation, FigureStatus, PublishedGroup, UnitCounts, WaveCounts } from './published.js';
export { publishedGroupSchema } from './published.js';

/**
 * Earlier published waves an evaluation reads: six baseline waves of an item asked every
 * fourth wave (the default instrument rotates four items, one a wave), and room for a streak
 * of such a domain to reach escalation.
 */
export const HISTORY_WAVES = 24;

/**
 * Evaluates a closed wave. Publishes a figure only for groups that pass suppression over
 * everything the wave publishes (see suppression.ts); for each, the alert rule (alert-rule.ts;
 * the benchmark passes others) decides from the figure, the group's earlier published pulses
 * and how the pulse's published departments spread whether a domain is a hotspot, a watch
 * item or worsening.
 *
 * A domain's share is the mean of its items' adverse shares, with n the number of people
 * who answered: answers from one person are not independent, so counting item answers as
 * separate trials would make intervals falsely narrow.
 */
export function evaluateWave(org: OrgConfig, current: WaveCounts, history: readonly Evaluation[] = [], rule: AlertRule = alertRule): Evaluation {
  const built = buildGroups(org, current);
  // Suppression over every group a leader could be shown, as one system (see suppression.ts);
  // the organization's own figure is kept as long as hiding something else will do.
  const hidden = suppressGroups(candidatesOf(org, built, current.wave.items), org.k);
  // Trends and streaks read what earlier waves published, as they published it: never a
  // figure recomputed with today's departments or k, which could be one hidden back then.
  const previous = history
    .filter((past) => past.waveId < current.wave.id)
    .sort((a, b) => b.waveId.localeCompare(a.waveId))
    .map((past) => ({ waveId: past.waveId, groups: new Map(past.groups.map((g) => [g.id, g])) }));

  const effects = designEffects(current);
  const asked = askedByDomain(current.wave.items);
  const tree = DepartmentTree.of(org.departments);
  const shown = [...built.groups.values()].filter((group) => !hidden.has(group.id) && !group.id.startsWith('direct:'));
  // Everything a figure's rule reads, gathered before any rule runs: a rule may borrow from
  // the other groups of the same pulse.
  const evidence = new Map<string, FigureEvidence[]>();
  for (const group of shown) {
    evidence.set(
      group.id,
      DOMAINS.flatMap((domain): FigureEvidence[] => {
        const figure = domainShare(asked.get(domain), group.counts);
        if (!figure) return [];
        // One walk back through what this group published. A pulse that published the group
        // without asking the domain says nothing either way. Pulses with the same items are the
        // ones a figure may be compared with.
        const askedBefore: (DomainFigure | undefined)[] = [];
        const comparable: ComparablePulse[] = [];
        for (const past of previous) {
          const pastGroup = past.groups.get(group.id);
          const pastFigure = pastGroup?.figures.find((f) => f.domain === domain);
          if (pastGroup && !pastFigure) continue;
          askedBefore.push(pastFigure);
          if (pastGroup && pastFigure && sameItems(pastFigure.items, figure.items))
            comparable.push({ waveId: past.waveId, share: wholePercent(pastFigure.share), n: pastGroup.n, figure: pastFigure });
        }
        return [
          {
            domain,
            waveId: current.wave.id,
            items: figure.items,
            share: figure.share,
            n: group.counts.n,
            // A multi-item domain's answers hang together within a person: its effective sample
            // is n over the design effect, neither n people nor n x items answers.
            effect: effects.get(domain) ?? 1,
            threshold: org.thresholds[domain],
            comparable,
            askedBefore,
          },
        ];
      }),
    );
  }
  const borrowed = borrowedPopulations(tree, shown, evidence);
  const groups: PublishedGroup[] = [];
  for (const group of shown) {
    const figures = evidence.get(group.id)!.map((figure): DomainFigure => {
      const decision = rule({ ...figure, borrowed: borrowed(group.id, figure.domain) });
      // A pulse that published nothing for the group (too few answered) says nothing either
      // way too: ending the streak there had a unit's streak read 2 beside its nurses' 12.
      const publishedBefore = figure.askedBefore.filter((f): f is DomainFigure => f !== undefined);
      const hotBefore = publishedBefore.findIndex((f) => f.status !== 'hotspot');
      const streak = decision.status !== 'hotspot' ? 0 : 1 + (hotBefore === -1 ? publishedBefore.length : hotBefore);
      return { domain: figure.domain, items: figure.items, share: figure.share, threshold: figure.threshold, ...decision, hotspotStreak: streak };
    });
    groups.push({
      id: group.id,
      kind: group.kind,
      ...(group.department ? { department: group.department } : {}),
      ...(group.roleGroup ? { roleGroup: group.roleGroup } : {}),
      covers: group.covers,
      n: group.counts.n,
      staff: group.staff,
      figures,
    });
  }
  // Every department without a figure, answered or not: naming only those where someone
  // answered would say how many did (five hidden children under a parent of five answers).
  const published = new Set(groups.map((g) => g.id));
  const hiddenGroups = org.departments.map((d) => `department:${d.id}`).filter((id) => !published.has(id));
  return { waveId: current.wave.id, groups, hiddenGroups };
}

/** Every group a wave could publish, as suppression weighs them (the benchmark times suppression on these). */
export function suppressionCandidates(org: OrgConfig, current: WaveCounts): CandidateGroup[] {
  return candidatesOf(org, buildGroups(org, current), current.wave.items);
}

/**
 * Every group a closed wave could publish, with the recording units it adds up and its level
 * in suppression's terms, worked out from the wave's frozen plan alone (no counts needed).
 */
export function groupsOfWave(org: OrgConfig, wave: WaveCounts['wave']): Map<string, { units: string[]; covers: string[]; level: number }> {
  const units = Object.keys(wave.staffPerUnit).map((key) => ({ ...parseUnitKey(key), counts: { n: 0, counts: {} } }));
  const published = [...buildGroups(org, { wave, units }).groups.values()].filter((group) => !group.id.startsWith('direct:'));
  return new Map(published.map((group) => [group.id, { units: group.units, covers: group.covers, level: levelOf(org, group) }]));
}

function levelOf(org: OrgConfig, group: BuiltGroup): number {
  return group.kind === 'org' ? 0 : group.kind === 'department' ? 1 + DepartmentTree.of(org.departments).depth(group.department!) : Number.MAX_SAFE_INTEGER;
}

function candidatesOf(org: OrgConfig, built: ReturnType<typeof buildGroups>, items: readonly Item[]): CandidateGroup[] {
  const asked = [...askedByDomain(items).values()];
  return [...built.groups.values()]
    .filter((group) => !group.id.startsWith('direct:'))
    .map((group) => ({
      id: group.id,
      units: group.units,
      n: group.counts.n,
      level: levelOf(org, group),
      keep: group.kind === 'org',
      tallies: asked.map((domain) => ({
        adverse: domain.adverseAttributes.reduce((sum, attributes) => sum + adverseCount(group.counts, attributes), 0),
        answers: domain.adverseAttributes.length * group.counts.n,
      })),
    }));
}

/** A wave's items of one domain: their ids, sorted, and each item's adverse count attributes. */
interface AskedItems {
  ids: string[];
  adverseAttributes: string[][];
}

/**
 * Per domain, what every group's figure reads: worked out once per wave, not once per group
 * and domain (an alert run figures 2,000 groups for each of twelve waves).
 */
function askedByDomain(items: readonly Item[]): Map<Domain, AskedItems> {
  const byDomain = new Map<Domain, AskedItems>();
  for (const domain of DOMAINS) {
    const asked = items.filter((item) => item.domain === domain);
    if (asked.length > 0) byDomain.set(domain, { ids: asked.map((item) => item.id).sort(), adverseAttributes: asked.map(adverseAttributes) });
  }
  return byDomain;
}

/**
 * The mean over a domain's items of the share who gave an adverse answer, in the whole
 * percent a reader is shown. Everything else published about the figure (its interval, its
 * status, a pooled or baseline share, a trend) is worked out from this and n, so together
 * they say no more than the percent does. Worked out from the exact share, a large group's
 * rounded interval ends could tell apart counts its percent leaves open.
 */
function domainShare(asked: AskedItems | undefined, counts: AggregateCounts): { share: number; items: string[] } | undefined {
  if (!asked || counts.n === 0) return undefined;
  const share = asked.adverseAttributes.reduce((sum, attributes) => sum + adverseCount(counts, attributes) / counts.n, 0) / asked.adverseAttributes.length;
  return { share: wholePercent(share), items: [...asked.ids] };
}

function wholePercent(share: number): number {
  return Math.round(share * 100) / 100;
}

/**
 * Per domain, how much one person's answers to its items hang together, from the wave's
 * adverse tallies across the organization: the variance of a person's adverse fraction
 * within their unit over the binomial variance, between 1 / items (independent items) and 1
 * (one answer repeated). 1 for a one-item domain, and where no tallies were recorded.
 */
export function designEffects(data: WaveCounts): Map<Domain, number> {
  const effects = new Map<Domain, number>();
  for (const domain of DOMAINS) {
    const m = data.wave.items.filter((item) => item.domain === domain).length;
    if (m <= 1) continue;
    let within = 0;
    let binomial = 0;
    const attributes = Array.from({ length: m + 1 }, (_, adverse) => adverseTallyAttribute(domain, adverse));
    for (const unit of data.units) {
      const tally = attributes.map((attribute) => unit.counts.counts[attribute] ?? 0);
      const people = tally.reduce((a, b) => a + b, 0);
      if (people === 0) continue;
      const share = tally.reduce((sum, count, adverse) => sum + (count * adverse) / m, 0) / people;
      within += tally.reduce((sum, count, adverse) => sum + count * (adverse / m - share) ** 2, 0);
      binomial += people * share * (1 - share);
    }
    if (binomial > 0) effects.set(domain, Math.min(1, Math.max(1 / m, within / binomial)));
  }
  return effects;
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

interface BuiltGroup {
  id: string;
  kind: PublishedGroup['kind'];
  department?: string;
  roleGroup?: string;
  covers: string[];
  counts: AggregateCounts;
  staff: number;
  /** The recording units (`department/roleGroup`) the group adds up. */
  units: string[];
}

/**
 * The groups a reader could see, each with the recording units it adds up: a department
 * rollup is its own recorded units plus its children's; a role group is one unit; the
 * organization is every unit. `direct:` groups (a department without its children) are
 * bookkeeping and never published.
 */
function buildGroups(org: OrgConfig, data: WaveCounts) {
  const tree = DepartmentTree.of(org.departments);
  const byDepartment = new Map<string, UnitCounts[]>();
  for (const unit of data.units) {
    const units = byDepartment.get(unit.department);
    if (units) units.push(unit);
    else byDepartment.set(unit.department, [unit]);
  }
  const staffPerDepartment = new Map<string, number>();
  for (const [key, count] of Object.entries(data.wave.staffPerUnit)) {
    const department = key.slice(0, key.indexOf('/'));
    staffPerDepartment.set(department, (staffPerDepartment.get(department) ?? 0) + count);
  }
  const staffOf = (department: string, roleGroup?: string) =>
    roleGroup === undefined ? (staffPerDepartment.get(department) ?? 0) : (data.wave.staffPerUnit[`${department}/${roleGroup}`] ?? 0);
  // Which configured departments' people are counted in each recording department.
  const coveredBy = new Map<string, Set<string>>();
  for (const [from, unit] of Object.entries(data.wave.units)) {
    const recording = unit.split('/')[0]!;
    const source = from.split('/')[0]!;
    const sources = coveredBy.get(recording);
    if (sources) sources.add(source);
    else coveredBy.set(recording, new Set([source]));
  }

  const groups = new Map<string, BuiltGroup>();
  const add = (group: BuiltGroup) => groups.set(group.id, group);

  // Role cells and the recorded total of each recording department.
  for (const [department, units] of byDepartment) {
    const direct = mergeCounts(units.map((u) => u.counts));
    add({
      id: `direct:${department}`,
      kind: 'department',
      department,
      covers: [...(coveredBy.get(department) ?? [department])],
      counts: direct,
      staff: staffOf(department),
      units: units.map((u) => unitKey(u)),
    });
    const roles = units.filter((u) => u.roleGroup !== ALL_ROLES);
    if (roles.length > 0) {
      for (const unit of units)
        add({
          id: `role:${department}/${unit.roleGroup}`,
          kind: 'role',
          department,
          roleGroup: unit.roleGroup,
          covers: [department],
          counts: unit.counts,
          staff: staffOf(department, unit.roleGroup),
          units: [unitKey(unit)],
        });
    }
  }

  // Department rollups, deepest first so children exist before their parents.
  const rollup = (id: string): BuiltGroup | undefined => {
    const parts: BuiltGroup[] = [];
    const direct = groups.get(`direct:${id}`);
    if (direct) parts.push(direct);
    for (const child of tree.childrenOf(id)) {
      const childGroup = rollup(child);
      if (childGroup) parts.push(childGroup);
    }
    if (parts.length === 0) return undefined;
    const group: BuiltGroup = {
      id: `department:${id}`,
      kind: 'department',
      department: id,
      covers: [...new Set(parts.flatMap((p) => p.covers))],
      counts: mergeCounts(parts.map((p) => p.counts)),
      staff: parts.reduce((sum, p) => sum + p.staff, 0),
      units: parts.flatMap((p) => p.units),
    };
    add(group);
    return group;
  };
  const roots = tree.childrenOf(undefined).flatMap((id) => rollup(id) ?? []);
  const orgDirect = groups.get(`direct:${ORG_UNIT}`);
  const orgParts = [...roots, ...(orgDirect ? [orgDirect] : [])];
  add({
    id: 'org',
    kind: 'org',
    covers: org.departments.map((d) => d.id),
    counts: mergeCounts(orgParts.map((p) => p.counts)),
    staff: orgParts.reduce((sum, p) => sum + p.staff, 0),
    units: orgParts.flatMap((p) => p.units),
  });

  return { groups };
}
