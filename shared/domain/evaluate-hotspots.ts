import { adverseAttributes, adverseCount, adverseTallyAttribute, mergeCounts, type AggregateCounts } from './aggregates.js';
import { DepartmentTree } from './department-tree.js';
import { DOMAINS, type Domain, type Item } from './instrument.js';
import type { OrgConfig } from './org-config.js';
import { ALL_ROLES, ORG_UNIT, parseUnitKey, unitKey } from './recording-units.js';
import { twoProportionZ, wilsonInterval } from './statistics.js';
import { suppressGroups, type CandidateGroup } from './suppression.js';

import type { DomainFigure, Evaluation, FigureStatus, PublishedGroup, UnitCounts, WaveCounts } from './published.js';
export type { DomainFigure, Evaluation, FigureStatus, PublishedGroup, UnitCounts, WaveCounts } from './published.js';
export { publishedGroupSchema } from './published.js';

/** Thresholds and the rules that turn figures into findings. */
export const WORSENING_MIN_RISE = 0.05;
/**
 * Earlier waves that asked the same items, pooled into a trend's baseline. Six rather than
 * three: in the benchmark's realistic simulation a three-wave baseline was noisy enough that
 * chance lows in it made later waves look like rises; six found more rises at fewer false
 * flags (docs/alerts.md).
 */
export const BASELINE_WAVES = 6;
/**
 * A rise one pulse shows alone must clear one-sided 0.1%: a single pulse of a small unit
 * swings a lot, and a leader told "rising" every few pulses stops listening.
 */
export const Z_RISE_ONE_PULSE = 3.090232306167813;
/**
 * A rise shown by the last two pulses together (one-sided 3%), with the newest pulse alone at
 * least one standard error up. A real change lasts, so two pulses give the evidence one cannot.
 * Chosen in the benchmark's realistic simulation: this pair finds more real rises by the
 * pulse after they happen than a one-pulse test with a persistence rule, at the same rate of
 * false flags (docs/alerts.md).
 */
export const Z_RISE_TWO_PULSES = 1.880793608151251;
export const Z_RISE_NEWEST_PULSE = 1;

/**
 * Earlier published waves an evaluation reads: six baseline waves of an item asked every
 * fourth wave (the default instrument rotates four items, one a wave), and room for a streak
 * of such a domain to reach escalation.
 */
export const HISTORY_WAVES = 24;

/**
 * Evaluates a closed wave. Publishes a figure only for groups that pass suppression over
 * everything the wave publishes (see suppression.ts); for each, a domain is a
 * hotspot when the 95% Wilson interval's lower bound is above its threshold, a watch item
 * when only the point estimate is, and worsening when a one-sided two-proportion test
 * against the group's own earlier waves of the same items says so, for this pulse alone or
 * for this pulse and the previous one together (and the rise is at least 5 points).
 *
 * A domain's share is the mean of its items' adverse shares, with n the number of people
 * who answered: answers from one person are not independent, so counting item answers as
 * separate trials would make intervals falsely narrow.
 */
export function evaluateWave(org: OrgConfig, current: WaveCounts, history: readonly Evaluation[] = []): Evaluation {
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
  const groups: PublishedGroup[] = [];
  for (const group of built.groups.values()) {
    if (hidden.has(group.id) || group.id.startsWith('direct:')) continue;
    const figures = DOMAINS.flatMap((domain): DomainFigure[] => {
      const figure = domainShare(asked.get(domain), group.counts);
      if (!figure) return [];
      const threshold = org.thresholds[domain];
      // A multi-item domain's answers hang together within a person: its effective sample is
      // n over the design effect, neither n people nor n x items answers.
      const effect = effects.get(domain) ?? 1;
      const interval = wilsonInterval((figure.share * group.counts.n) / effect, group.counts.n / effect);
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

      // With too few people for one pulse to be sure, this pulse and the group's previous one
      // with the same items together may be. Only for a figure above its threshold this pulse,
      // and never more than two pulses, so a recovery shows at once.
      const before = comparable[0];
      let pooled: DomainFigure['pooled'];
      if (interval.low <= threshold && figure.share > threshold && before) {
        const n = group.counts.n + before.n;
        const share = (figure.share * group.counts.n + before.share * before.n) / n;
        const both = wilsonInterval((share * n) / effect, n / effect);
        if (both.low > threshold) pooled = { share, n, low: both.low, high: both.high, waveIds: [before.waveId, current.wave.id] };
      }
      const status: FigureStatus = interval.low > threshold || pooled ? 'hotspot' : figure.share > threshold ? 'watch' : 'ok';
      // A pulse that published nothing for the group (too few answered) says nothing either
      // way too: ending the streak there had a unit's streak read 2 beside its nurses' 12.
      const publishedBefore = askedBefore.filter((f): f is DomainFigure => f !== undefined);
      const hotBefore = publishedBefore.findIndex((f) => f.status !== 'hotspot');
      const streak = status !== 'hotspot' ? 0 : 1 + (hotBefore === -1 ? publishedBefore.length : hotBefore);
      const baseline = comparable.slice(0, BASELINE_WAVES);
      const baselineX = baseline.reduce((sum, b) => sum + b.share * b.n, 0);
      const baselineN = baseline.reduce((sum, b) => sum + b.n, 0);
      const baselineWaveIds = baseline.map((b) => b.waveId);
      const result: DomainFigure = {
        domain,
        items: figure.items,
        share: figure.share,
        low: interval.low,
        high: interval.high,
        threshold,
        status,
        hotspotStreak: streak,
        ...(pooled ? { pooled } : {}),
      };
      if (baselineN > 0) {
        const z = twoProportionZ((figure.share * group.counts.n) / effect, group.counts.n / effect, baselineX / effect, baselineN / effect);
        const baselineShare = baselineX / baselineN;
        const rising = z >= Z_RISE_ONE_PULSE || risesOverTwoPulses(figure.share, group.counts.n, askedBefore[0], comparable, effect);
        result.trend = { baselineShare, baselineN, baselineWaveIds, z, worsening: rising && figure.share - baselineShare >= WORSENING_MIN_RISE };
      }
      return [result];
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
  const shown = new Set(groups.map((g) => g.id));
  const hiddenGroups = org.departments.map((d) => `department:${d.id}`).filter((id) => !shown.has(id));
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

interface ComparablePulse {
  waveId: string;
  share: number;
  n: number;
  figure: DomainFigure;
}

/**
 * Whether this pulse and the one before it, pooled, stand above the baseline of the pulses
 * before both. Only when the pulse just before asked the same items and published the group:
 * pairing over a gap (a pulse with too few answers) raised false flags in the benchmark's
 * simulation for no gain in rises found (docs/alerts.md). Not when
 * that pulse was already reported rising: a rise is news once, and a level that stays up is
 * then the baseline's to absorb.
 */
function risesOverTwoPulses(share: number, n: number, previous: DomainFigure | undefined, comparable: readonly ComparablePulse[], effect: number): boolean {
  const [last, ...earlier] = comparable;
  if (!previous || last?.figure !== previous || previous.trend?.worsening) return false;
  const baseline = earlier.slice(0, BASELINE_WAVES);
  const baselineN = baseline.reduce((sum, b) => sum + b.n, 0);
  if (baselineN === 0) return false;
  const baselineX = baseline.reduce((sum, b) => sum + b.share * b.n, 0);
  const both = twoProportionZ((share * n + last.share * last.n) / effect, (n + last.n) / effect, baselineX / effect, baselineN / effect);
  const newest = twoProportionZ((share * n) / effect, n / effect, baselineX / effect, baselineN / effect);
  return both >= Z_RISE_TWO_PULSES && newest >= Z_RISE_NEWEST_PULSE;
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
