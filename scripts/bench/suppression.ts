import { adverseTallyAttribute, countAttribute, type AggregateCounts } from '../../shared/domain/aggregates.js';
import { suppressionCandidates, type UnitCounts } from '../../shared/domain/evaluate-hotspots.js';
import { DEFAULT_INSTRUMENT, itemsForWave, type Domain } from '../../shared/domain/instrument.js';
import { planRecordingUnits, unitKey } from '../../shared/domain/recording-units.js';
import { suppressGroups, type CandidateGroup } from '../../shared/domain/suppression.js';
import type { Wave } from '../../shared/domain/wave.js';
import { seededRandom } from '../lib/demo-answers.js';
import { healthSystemOrg, healthSystemRoster } from './health-system.js';
import { round } from './measure.js';

/**
 * Suppression of a health system's wave: both rules (no part of 1 to k - 1 people, no
 * unanimous difference) against the people-only rule on the same groups, timed in
 * alternating rounds of the same process. Answers are drawn per person: each has a
 * propensity per domain around the organization's rate, so small groups are unanimous as
 * often as real ones are, and low-rate domains (safety) most of all.
 */
export function benchSuppression(departments: number, waves = 4, rounds = 5) {
  const org = healthSystemOrg(departments);
  const roster = healthSystemRoster(departments, departments * 20);
  const rates: Record<Domain, number> = { admin_burden: 0.35, workload: 0.3, burnout: 0.3, retention: 0.3, connection: 0.15, safety: 0.1 };
  const headCounts = new Map<string, number>();
  for (const person of roster)
    headCounts.set(`${person.department}/${person.roleGroup}`, (headCounts.get(`${person.department}/${person.roleGroup}`) ?? 0) + 1);
  const staff = [...headCounts].map(([key, count]) => ({ department: key.split('/')[0]!, roleGroup: key.split('/')[1]!, count }));
  const plan = planRecordingUnits(org, staff);

  const candidateSets: CandidateGroup[][] = [];
  for (let sequence = 0; sequence < waves; sequence++) {
    const random = seededRandom(1_000 + sequence);
    const items = itemsForWave(DEFAULT_INSTRUMENT, sequence);
    const units = new Map<string, UnitCounts>();
    for (const person of roster) {
      if (random() > 0.6) continue;
      const recording = plan.unitFor(person.department, person.roleGroup);
      let unit = units.get(unitKey(recording));
      if (!unit) units.set(unitKey(recording), (unit = { ...recording, counts: { n: 0, counts: {} } satisfies AggregateCounts }));
      unit.counts.n++;
      const propensity = new Map<Domain, number>();
      const adverse = new Map<Domain, number>();
      for (const item of items) {
        if (!propensity.has(item.domain)) propensity.set(item.domain, Math.min(0.95, Math.max(0.01, rates[item.domain] + (random() - 0.5) * 0.4)));
        const isAdverse = random() < propensity.get(item.domain)!;
        const value = isAdverse ? item.adverse[0]! : item.options.find((o) => !item.adverse.includes(o.value))!.value;
        unit.counts.counts[countAttribute(item.id, value)] = (unit.counts.counts[countAttribute(item.id, value)] ?? 0) + 1;
        adverse.set(item.domain, (adverse.get(item.domain) ?? 0) + (isAdverse ? 1 : 0));
      }
      for (const [domain, count] of adverse)
        unit.counts.counts[adverseTallyAttribute(domain, count)] = (unit.counts.counts[adverseTallyAttribute(domain, count)] ?? 0) + 1;
    }
    const wave: Wave = {
      id: `w2026${String(sequence + 1).padStart(4, '0')}-01`,
      sequence,
      status: 'closed',
      openedAt: new Date(Date.UTC(2026, 0, 1 + 14 * sequence)).toISOString(),
      closesAt: new Date(Date.UTC(2026, 0, 6 + 14 * sequence)).toISOString(),
      instrumentVersion: DEFAULT_INSTRUMENT.version,
      items,
      staffPerUnit: Object.fromEntries(plan.staffPerUnit),
      units: Object.fromEntries(staff.map((s) => [`${s.department}/${s.roleGroup}`, unitKey(plan.unitFor(s.department, s.roleGroup))])),
      issued: roster.length,
      reminderRequested: false,
      dispatchedInvite: [],
      dispatchedReminder: [],
      news: {},
    };
    candidateSets.push(suppressionCandidates(org, { wave, units: [...units.values()] }));
  }

  const peopleOnly = candidateSets.map((set) => set.map(({ tallies: _, ...group }) => group));
  const bothMs: number[] = [];
  const peopleOnlyMs: number[] = [];
  const hidden = { both: 0, peopleOnly: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const [rule, sets, times] of [
      ['both', candidateSets, bothMs],
      ['peopleOnly', peopleOnly, peopleOnlyMs],
    ] as const) {
      const started = performance.now();
      let count = 0;
      for (const set of sets) count += suppressGroups(set, org.k).size;
      times.push((performance.now() - started) / sets.length);
      hidden[rule] = count;
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const groups = candidateSets.reduce((sum, set) => sum + set.length, 0);
  return {
    departments,
    waves,
    groupsPerWave: Math.round(groups / waves),
    msPerWave: { both: round(median(bothMs), 0), peopleOnly: round(median(peopleOnlyMs), 0) },
    ratio: round(median(bothMs) / median(peopleOnlyMs), 2),
    hiddenPerWave: { both: round(hidden.both / waves, 1), peopleOnly: round(hidden.peopleOnly / waves, 1) },
  };
}
