import { countAttribute, type AggregateCounts } from '../../shared/domain/aggregates.js';
import { evaluateWave, type Evaluation, type UnitCounts } from '../../shared/domain/evaluate-hotspots.js';
import { DEFAULT_INSTRUMENT, itemsForWave, type Domain } from '../../shared/domain/instrument.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import type { Wave } from '../../shared/domain/wave.js';
import { seededRandom } from '../lib/demo-answers.js';

/**
 * Signal quality: an organization whose true adverse rates are known (some departments
 * hot, some borderline, most ordinary, a few small) answers several waves; the evaluator
 * runs on each, and we count how many true hotspots it finds and how many alerts are false.
 */
export interface SignalResult {
  departments: number;
  waves: number;
  /** Share of (department, wave) pairs with a clearly hot true rate that were flagged. */
  recallHot: number;
  /** The same for borderline departments (true rate a little above threshold). */
  recallBorderline: number;
  /** Hot departments flagged at least as "watch" (point estimate above threshold). */
  recallHotWatch: number;
  /** Alerts per wave on departments whose true rate is at or below the threshold. */
  falseAlertsPerWave: number;
  /** Alerts from departments with fewer than k answers: must be 0. */
  smallGroupAlerts: number;
}

type Kind = 'hot' | 'borderline' | 'ordinary' | 'small';

export function runSignalSimulation(options: { departments?: number; waves?: number; seed?: number } = {}): SignalResult {
  const departmentCount = options.departments ?? 60;
  const waveCount = options.waves ?? 8;
  const random = seededRandom(options.seed ?? 42);
  const org = orgConfigSchema.parse({
    id: 'sim',
    name: 'Simulated Health',
    timeZone: 'UTC',
    departments: Array.from({ length: departmentCount }, (_, i) => ({ id: `d${i}`, name: `Department ${i}` })),
    roleGroups: [{ id: 'staff', name: 'Staff' }],
  });
  const threshold = org.thresholds.admin_burden;
  // One in ten hot (true rate threshold + 0.25), one in ten borderline (+0.07), one in ten small.
  const kindOf = (i: number): Kind => (['hot', 'borderline', 'small'] as const)[i % 10] ?? 'ordinary';
  const trueRate = (kind: Kind): number => (kind === 'hot' ? threshold + 0.25 : kind === 'borderline' ? threshold + 0.07 : kind === 'small' ? threshold + 0.3 : threshold - 0.2);
  const staffOf = (kind: Kind) => (kind === 'small' ? 6 : 20 + Math.floor(random() * 40));
  const departments = org.departments.map((d, i) => ({ id: d.id, kind: kindOf(i), staff: staffOf(kindOf(i)) }));

  const published: Evaluation[] = [];
  let hotWatched = 0;
  let hotFound = 0;
  let hotTotal = 0;
  let borderlineFound = 0;
  let borderlineTotal = 0;
  let falseAlerts = 0;
  let smallAlerts = 0;
  for (let w = 0; w < waveCount; w++) {
    const items = itemsForWave(DEFAULT_INSTRUMENT, w);
    const units: UnitCounts[] = departments.map((d) => ({ department: d.id, roleGroup: ALL_ROLES, counts: simulateUnit(d.staff, 0.6, { admin_burden: trueRate(d.kind), workload: threshold - 0.2, burnout: 0.3, connection: 0.15, safety: 0.1 }, items, random) }));
    const wave: Wave = {
      id: `w2026${String(w).padStart(4, '0')}-01`,
      sequence: w,
      status: 'closed',
      openedAt: new Date(Date.UTC(2026, 0, 1 + 14 * w)).toISOString(),
      closesAt: new Date(Date.UTC(2026, 0, 6 + 14 * w)).toISOString(),
      instrumentVersion: DEFAULT_INSTRUMENT.version,
      items,
      staffPerUnit: Object.fromEntries(departments.map((d) => [`${d.id}/${ALL_ROLES}`, d.staff])),
      units: Object.fromEntries(departments.map((d) => [`${d.id}/staff`, `${d.id}/${ALL_ROLES}`])),
      issued: departments.reduce((s, d) => s + d.staff, 0),
      reminderRequested: false,
      dispatchedInvite: [],
      dispatchedReminder: [],
    };
    const current = { wave, units };
    const evaluation = evaluateWave(org, current, published);
    published.push(evaluation);
    for (const d of departments) {
      const group = evaluation.groups.find((g) => g.id === `department:${d.id}`);
      const figure = group?.figures.find((f) => f.domain === 'admin_burden');
      const flagged = figure?.status === 'hotspot';
      const n = units.find((u) => u.department === d.id)!.counts.n;
      if (d.kind === 'small' && n < org.k) {
        if (flagged) smallAlerts++;
        continue;
      }
      if (d.kind === 'hot') {
        hotTotal++;
        if (flagged) hotFound++;
        if (figure && figure.status !== 'ok') hotWatched++;
      } else if (d.kind === 'borderline') {
        borderlineTotal++;
        if (flagged) borderlineFound++;
      } else if (trueRate(d.kind) <= threshold && flagged) falseAlerts++;
    }
  }
  return {
    departments: departmentCount,
    waves: waveCount,
    recallHot: hotTotal ? hotFound / hotTotal : 0,
    recallBorderline: borderlineTotal ? borderlineFound / borderlineTotal : 0,
    recallHotWatch: hotTotal ? hotWatched / hotTotal : 0,
    falseAlertsPerWave: falseAlerts / waveCount,
    smallGroupAlerts: smallAlerts,
  };
}

/** n respondents out of `staff`; each person is adverse on a domain with its true rate, on all of its items. */
function simulateUnit(staff: number, responseRate: number, rates: Partial<Record<Domain, number>>, items: ReturnType<typeof itemsForWave>, random: () => number): AggregateCounts {
  const counts: Record<string, number> = {};
  let n = 0;
  for (let person = 0; person < staff; person++) {
    if (random() >= responseRate) continue;
    n++;
    const adverseIn = new Map<Domain, boolean>();
    for (const item of items) {
      if (!adverseIn.has(item.domain)) adverseIn.set(item.domain, random() < (rates[item.domain] ?? 0));
      const pool = item.options.filter((o) => item.adverse.includes(o.value) === adverseIn.get(item.domain));
      const value = pool[Math.floor(random() * pool.length)]!.value;
      counts[countAttribute(item.id, value)] = (counts[countAttribute(item.id, value)] ?? 0) + 1;
    }
  }
  return { n, counts };
}
