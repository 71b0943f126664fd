import fc from 'fast-check';
import { adverseAttributes, adverseCount, countAttribute, type AggregateCounts } from '../../shared/domain/aggregates.js';
import { DepartmentTree } from '../../shared/domain/department-tree.js';
import { evaluateWave, type Evaluation, type UnitCounts, type WaveCounts } from '../../shared/domain/evaluate-hotspots.js';
import { DEFAULT_INSTRUMENT, itemsForWave } from '../../shared/domain/instrument.js';
import { orgConfigSchema, type OrgConfig } from '../../shared/domain/org-config.js';
import { planRecordingUnits, unitKey, type StaffCount } from '../../shared/domain/recording-units.js';
import type { Wave } from '../../shared/domain/wave.js';
import { findAttributeLeaks, type AttributeLeak, type HiddenGroup } from './attribute-auditor.js';
import { publishedSums } from './disclosure-auditor.js';

/** Organizations, waves and answers for the attackers in test/unit/disclosure*.test.ts. */

const DAY = 24 * 3600 * 1000;

/** A closed wave whose plan comes from the real recording-unit planner. */
export function plannedWave(org: OrgConfig, staff: readonly StaffCount[], sequence: number): Wave {
  const plan = planRecordingUnits(org, staff);
  const opened = new Date(Date.parse('2026-01-06T15:00:00Z') + sequence * 14 * DAY);
  return {
    id: `w${opened.toISOString().slice(0, 10).replaceAll('-', '')}-01`,
    sequence,
    status: 'closed',
    openedAt: opened.toISOString(),
    closesAt: new Date(opened.getTime() + 5 * DAY).toISOString(),
    instrumentVersion: DEFAULT_INSTRUMENT.version,
    items: itemsForWave(DEFAULT_INSTRUMENT, sequence),
    staffPerUnit: Object.fromEntries(plan.staffPerUnit),
    units: Object.fromEntries(staff.map((s) => [`${s.department}/${s.roleGroup}`, unitKey(plan.unitFor(s.department, s.roleGroup))])),
    issued: staff.reduce((sum, s) => sum + s.count, 0),
    reminderRequested: false,
    dispatchedInvite: [],
    dispatchedReminder: [],
    news: {},
  };
}

/** Answers of `people` respondents, each person adverse on a domain's items with the given probability. */
export function answersOf(wave: Wave, people: number, adverse: (person: number, domain: string) => boolean): AggregateCounts {
  const counts: Record<string, number> = {};
  for (let person = 0; person < people; person++) {
    for (const item of wave.items) {
      const value = adverse(person, item.domain) ? item.adverse[0]! : item.options.find((o) => !item.adverse.includes(o.value))!.value;
      counts[countAttribute(item.id, value)] = (counts[countAttribute(item.id, value)] ?? 0) + 1;
    }
  }
  return { n: people, counts };
}

/** Respondents per source (department/role) recorded into their units, as the store would hold them. */
export function recorded(wave: Wave, respondents: Record<string, number>, adverse: (person: number, domain: string) => boolean): WaveCounts {
  const perUnit = new Map<string, number>();
  for (const [source, count] of Object.entries(respondents)) {
    const unit = wave.units[source]!;
    perUnit.set(unit, (perUnit.get(unit) ?? 0) + count);
  }
  const units: UnitCounts[] = [...perUnit]
    .filter(([, n]) => n > 0)
    .map(([key, n]) => {
      const [department, roleGroup] = key.split('/') as [string, string];
      return { department, roleGroup, counts: answersOf(wave, n, adverse) };
    });
  return { wave, units };
}

export const truth = (...waves: WaveCounts[]) =>
  new Map(
    waves.flatMap((w) =>
      [...Object.values(w.wave.units), ...Object.keys(w.wave.staffPerUnit)].map(
        (u) => [`${w.wave.id}|${u}`, w.units.find((x) => unitKey(x) === u)?.counts.n ?? 0] as const,
      ),
    ),
  );

export const orgWith = (departments: { id: string; parent?: string }[], k = 5, roleGroups = [{ id: 'staff', name: 'Staff' }]) =>
  orgConfigSchema.parse({
    id: 'audit',
    name: 'Audit Health',
    timeZone: 'America/Chicago',
    k,
    departments: departments.map((d) => ({ ...d, name: d.id })),
    roleGroups: roleGroups.map((r) => ({ ...r, name: r.id })),
    channels: { email: { from: 'pulse@audit.example' } },
    deploy: { alarmEmail: 'it@audit.example' },
    leaders: [
      { id: 'exec', name: 'Exec', email: 'exec@audit.example', executive: true },
      ...departments.map((d) => ({ id: `lead-${d.id}`, name: d.id, email: `${d.id}@audit.example`, departments: [d.id], reportsTo: 'exec' })),
    ],
  });

/**
 * A random organization: a department tree, role mixes, a roster, who answered, and how.
 * The property builds it from these numbers, so a counterexample prints as the numbers.
 */
export const organizations = fc.record({
  k: fc.integer({ min: 3, max: 6 }),
  parents: fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 9 }),
  roles: fc.integer({ min: 1, max: 3 }),
  // Small units are the interesting ones: most head counts are under 10.
  heads: fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 16 })), { minLength: 3, maxLength: 3 }), {
    minLength: 9,
    maxLength: 9,
  }),
  rates: fc.array(fc.double({ min: 0.2, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
  changes: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 27, maxLength: 27 }),
  seed: fc.integer(),
});

export function build(r: typeof organizations extends fc.Arbitrary<infer T> ? T : never) {
  const departments = r.parents.map((p, i) => ({ id: `d${i}`, ...(p !== undefined && i > 0 ? { parent: `d${p % i}` } : {}) }));
  const org = orgWith(
    departments,
    r.k,
    Array.from({ length: r.roles }, (_, i) => ({ id: `r${i}`, name: `r${i}` })),
  );
  const roster = (change: number) =>
    departments
      .flatMap((d, i) =>
        Array.from({ length: r.roles }, (_, j) => ({
          department: d.id,
          roleGroup: `r${j}`,
          count: Math.max(0, r.heads[i]![j]! + change * r.changes[i * 3 + j]!),
        })),
      )
      .filter((s) => s.count > 0);
  // Who answered: each department's rate applied to its head count, rounded.
  const answered = (staff: StaffCount[]) =>
    Object.fromEntries(staff.map((s) => [`${s.department}/${s.roleGroup}`, Math.round(s.count * r.rates[Number(s.department.slice(1))]!)]));
  // Correlated answers: one latent level per person drives every domain.
  const adverse = (person: number, domain: string) => ((person * 7919 + r.seed) % 10) + (domain.length % 3) > 5;
  return { org, roster, answered, adverse };
}

/**
 * What the attribute attacker learns from everything published for these waves: every group
 * nobody is shown (a department, a role group, a recording unit) with someone in it whose
 * answer on a domain the figures pin down. A group inside a shown group whose own figure is
 * unanimous is left out: that figure says it to its readers, a limit docs/privacy.md states.
 */
export function attributeLeaksOf(org: Pick<OrgConfig, 'departments'>, waves: readonly WaveCounts[], evaluations: readonly Evaluation[]): AttributeLeak[] {
  const plans = new Map(waves.map((w) => [w.wave.id, w.wave]));
  const published = evaluations.flatMap((evaluation) => publishedSums(org, plans, evaluation));
  const staff = new Map(waves.flatMap((w) => Object.entries(w.wave.staffPerUnit).map(([unit, count]) => [`${w.wave.id}|${unit}`, count] as const)));
  const items = (unit: string, domain: string) => plans.get(unit.slice(0, unit.indexOf('|')))!.items.filter((item) => item.domain === domain).length;
  const tree = new DepartmentTree(org.departments);
  const respondents: ReadonlyMap<string, number> = truth(...waves);
  const hidden: HiddenGroup[] = [];
  const unanimousShown: { units: Set<string>; domain: string }[] = [];
  for (const evaluation of evaluations) {
    const wave = plans.get(evaluation.waveId)!;
    const units = Object.keys(wave.staffPerUnit);
    const shown = new Set(evaluation.groups.map((g) => g.id));
    const candidates: HiddenGroup[] = [
      ...org.departments
        .filter((d) => !shown.has(`department:${d.id}`))
        .map((d) => ({ label: `${wave.id} department:${d.id}`, units: units.filter((u) => tree.subtree(d.id).includes(u.split('/')[0]!)) })),
      ...units.filter((u) => !shown.has(`role:${u}`)).map((u) => ({ label: `${wave.id} unit:${u}`, units: [u] })),
    ].map((group) => ({ ...group, units: group.units.map((u) => `${wave.id}|${u}`) }));
    hidden.push(...candidates.filter((group) => group.units.some((u) => (respondents.get(u) ?? 0) > 0)));
    for (const sum of publishedSums(org, plans, evaluation)) {
      const group = evaluation.groups.find((g) => sum.label === `${evaluation.waveId} ${g.id}`);
      for (const figure of group?.figures ?? [])
        if (figure.share === 0 || figure.share === 1) unanimousShown.push({ units: new Set(sum.units), domain: figure.domain });
    }
  }
  const recordedUnits = new Map<string, { wave: WaveCounts['wave']; counts: AggregateCounts }>(
    waves.flatMap((w) => w.units.map((u) => [`${w.wave.id}|${unitKey(u)}`, { wave: w.wave, counts: u.counts }])),
  );
  const answered = (unit: string, domain: string) => {
    const found = recordedUnits.get(unit);
    if (!found) return { n: 0, adverse: 0 };
    const asked = found.wave.items.filter((item) => item.domain === domain);
    return { n: found.counts.n, adverse: asked.reduce((sum, item) => sum + adverseCount(found.counts, adverseAttributes(item)), 0) };
  };
  // Told before solved: most hidden groups sit inside a unanimous figure, and each integer program costs.
  const told = hidden.map((group) => ({
    ...group,
    toldOn: unanimousShown.filter((shown) => group.units.every((u) => shown.units.has(u))).map((shown) => shown.domain),
  }));
  return findAttributeLeaks({ published, staff, items, answered }, told);
}

/**
 * The organization the subtraction attack was found on: a ward of 10 staff, a clinic of 6 of
 * its own with a clinic lab of 6 under it, imaging of 7; k = 5.
 */
export function subtractionOrganization() {
  const org = orgWith([{ id: 'ward' }, { id: 'clinic' }, { id: 'clinic-lab', parent: 'clinic' }, { id: 'imaging' }]);
  const staff = [
    { department: 'ward', roleGroup: 'staff', count: 10 },
    { department: 'clinic', roleGroup: 'staff', count: 6 },
    { department: 'clinic-lab', roleGroup: 'staff', count: 6 },
    { department: 'imaging', roleGroup: 'staff', count: 7 },
  ];
  return { org, staff, wave: plannedWave(org, staff, 0) };
}

/**
 * A random organization's two pulses across a roster change, each evaluated as the alert job
 * would (the second with the first as history); undefined when either roster is under k,
 * as such an organization opens no wave.
 */
export function twoPulses(numbers: Parameters<typeof build>[0]) {
  const { org, roster, answered, adverse } = build(numbers);
  const before = roster(0);
  const after = roster(1);
  if (Math.min(...[before, after].map((s) => s.reduce((sum, x) => sum + x.count, 0))) < org.k) return undefined;
  const first = recorded(plannedWave(org, before, 0), answered(before), adverse);
  const second = recorded(plannedWave(org, after, 1), answered(after), (p, d) => !adverse(p, d));
  const published = evaluateWave(org, first);
  return { org, first, second, evaluations: [published, evaluateWave(org, second, [published])] };
}
