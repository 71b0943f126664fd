import { adverseTallyAttribute, countAttribute, type AggregateCounts } from '../../shared/domain/aggregates.js';
import { designEffects, type Evaluation, type WaveCounts } from '../../shared/domain/evaluate-hotspots.js';
import { DEFAULT_INSTRUMENT, DOMAINS, itemsForWave, type Domain } from '../../shared/domain/instrument.js';
import { orgConfigSchema, type OrgConfig } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import type { Wave } from '../../shared/domain/wave.js';
import { seededRandom } from '../lib/demo-answers.js';

/**
 * A simulated organization with the truth known, made as hard as the ones we serve:
 *
 * - departments of 8 to 60 staff, most of them small (sizes spread evenly on a log scale),
 *   grouped in service lines that differ from one another;
 * - each pulse 35% to 80% of a department answers, and that share moves from pulse to pulse;
 * - people come and go (about a fifth of staff a year at monthly pulses), and a quarter of the
 *   departments grow or shrink by up to half once;
 * - a person's answers hang together within a domain's items and, more loosely, across
 *   domains; so do a department's domains (a department stretched on workload is more often
 *   burned out);
 * - departments are ordinary (some close to a line), hot on one or two domains throughout,
 *   hot and then recovered, or ordinary and then worsening: 15 points in a core domain, with
 *   a smaller rise in a domain that goes with it.
 */
export type DepartmentKind = 'ordinary' | 'hot' | 'recovering' | 'worsening';

export interface SimulatedDepartment {
  id: string;
  kind: DepartmentKind;
  /** The pulse a recovering department recovers at or a worsening one rises at. */
  changesAt: number;
  risingDomain: Domain;
  /** Domains hot before a recovery (a recovering department) or throughout (a hot one). */
  hotDomains: ReadonlySet<Domain>;
  /** True adverse rate per domain at each pulse. */
  truth: Record<Domain, number>[];
}

export interface SimulatedOrganization {
  org: OrgConfig;
  departments: SimulatedDepartment[];
  /** Every pulse's counts, oldest first. */
  waves: WaveCounts[];
}

/** How the departments split: a fifth worsen, and as many recover as stay hot. */
export const KINDS: readonly [DepartmentKind, number][] = [
  ['ordinary', 0.45],
  ['hot', 0.15],
  ['recovering', 0.15],
  ['worsening', 0.25],
];
export const RISE = 0.15;
/** The rise of a domain that goes with the one that rises. */
export const RISE_ALONGSIDE = 0.07;
const PERSON_SD = 1.2;
const TURNOVER_PER_PULSE = 0.02;
const SERVICE_LINE_SIZE = 10;
/** Domains asked every pulse: a rise is simulated in one of these. */
export const EVERY_WAVE: readonly Domain[] = DOMAINS.filter((domain) =>
  DEFAULT_INSTRUMENT.items.some((item) => item.domain === domain && item.module === 'core'),
);
export const ALONGSIDE: Partial<Record<Domain, Domain>> = { workload: 'burnout', admin_burden: 'burnout', burnout: 'workload' };

/**
 * How far under each line an ordinary department sits: `mean` less `stressSlope` times its
 * stress (half its service line's, half its own, each a standard normal), plus `noise` times a
 * standard normal, kept within `low` and `high`.
 */
export const ORDINARY_GAP = { mean: 0.14, stressSlope: 0.05, noise: 0.04, low: 0.03, high: 0.25 };
/** A hot domain's rate over its line, drawn evenly between the two; the chance each domain of a hot department is hot. */
export const HOT_EXCESS: readonly [number, number] = [0.1, 0.3];
export const HOT_DOMAIN_CHANCE = 0.3;
/** The pulse a department recovers or worsens at: evenly between a quarter and three quarters of the way. */
export const changeWindow = (waveCount: number): readonly [number, number] => [waveCount / 4, (3 * waveCount) / 4];

export function simulateOrganization(departmentCount: number, waveCount: number, seed: number): SimulatedOrganization {
  const random = seededRandom(seed);
  const uniform = (low: number, high: number) => low + random() * (high - low);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = Math.ceil(departmentCount / SERVICE_LINE_SIZE);
  const org = orgConfigSchema.parse({
    id: 'sim',
    name: 'Simulated Health',
    timeZone: 'UTC',
    departments: [
      ...Array.from({ length: lines }, (_, i) => ({ id: `line${i}`, name: `Service line ${i}` })),
      ...Array.from({ length: departmentCount }, (_, i) => ({ id: `d${i}`, name: `Department ${i}`, parent: `line${i % lines}` })),
    ],
    roleGroups: [{ id: 'staff', name: 'Staff' }],
    channels: { email: { enabled: true, from: 'pulse@sim.example' } },
    deploy: { alarmEmail: 'alarms@sim.example' },
  });
  const t = org.thresholds;
  const lineStress = Array.from({ length: lines }, () => normal());

  const people = () => ({ general: normal(), own: Object.fromEntries(DOMAINS.map((d) => [d, normal()])) as Record<Domain, number> });
  const departments = Array.from({ length: departmentCount }, (_, i) => {
    const draw = random();
    let cumulative = 0;
    const kind = KINDS.find(([, share]) => (cumulative += share) > draw)?.[0] ?? 'ordinary';
    // How far under each line an ordinary department sits: 3 to 25 points, nearer the line
    // where its service line and the department itself are stretched, for all domains at once.
    const stress = 0.5 * lineStress[i % lines]! + 0.5 * normal();
    const ordinary = Object.fromEntries(
      DOMAINS.map((domain) => [
        domain,
        t[domain] -
          Math.min(ORDINARY_GAP.high, Math.max(ORDINARY_GAP.low, ORDINARY_GAP.mean - ORDINARY_GAP.stressSlope * stress + ORDINARY_GAP.noise * normal())),
      ]),
    ) as Record<Domain, number>;
    const hotDomains = new Set(DOMAINS.filter(() => random() < HOT_DOMAIN_CHANCE));
    if (hotDomains.size === 0) hotDomains.add(DOMAINS[Math.floor(random() * DOMAINS.length)]!);
    const hot = Object.fromEntries(
      DOMAINS.map((domain) => [domain, hotDomains.has(domain) ? Math.min(0.95, t[domain] + uniform(...HOT_EXCESS)) : ordinary[domain]]),
    ) as Record<Domain, number>;
    const risingDomain = EVERY_WAVE[Math.floor(random() * EVERY_WAVE.length)]!;
    const changesAt = Math.floor(uniform(...changeWindow(waveCount)));
    const truth = Array.from({ length: waveCount }, (_, w) => {
      if (kind === 'hot' || (kind === 'recovering' && w < changesAt)) return hot;
      if (kind !== 'worsening' || w < changesAt) return ordinary;
      const alongside = ALONGSIDE[risingDomain];
      return {
        ...ordinary,
        [risingDomain]: Math.min(0.95, ordinary[risingDomain] + RISE),
        ...(alongside ? { [alongside]: Math.min(0.95, ordinary[alongside] + RISE_ALONGSIDE) } : {}),
      };
    });
    const size = Math.floor(uniform(8, 61));
    const resizesAt = random() < 0.25 ? Math.floor(uniform(1, waveCount)) : -1;
    const resizeTo = Math.max(5, Math.round(size * uniform(0.5, 1.5)));
    return {
      simulated: { id: `d${i}`, kind, changesAt, risingDomain, hotDomains: kind === 'hot' || kind === 'recovering' ? hotDomains : new Set<Domain>(), truth },
      staff: Array.from({ length: size }, people),
      resizesAt,
      resizeTo,
      responseRate: uniform(0.35, 0.8),
    };
  });

  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  const waves: WaveCounts[] = [];
  for (let w = 0; w < waveCount; w++) {
    const items = itemsForWave(DEFAULT_INSTRUMENT, w);
    const askedDomains = [...new Set(items.map((item) => item.domain))];
    const units = [];
    for (const d of departments) {
      for (let p = 0; p < d.staff.length; p++) if (random() < TURNOVER_PER_PULSE) d.staff[p] = people();
      if (w === d.resizesAt) {
        while (d.staff.length > d.resizeTo) d.staff.splice(Math.floor(random() * d.staff.length), 1);
        while (d.staff.length < d.resizeTo) d.staff.push(people());
      }
      const latent = (person: (typeof d.staff)[number], domain: Domain) => PERSON_SD * (0.5 * person.general + 0.866 * person.own[domain]);
      // Each domain's intercept, set so the staff's mean propensity is the department's true rate.
      const intercepts = new Map(
        askedDomains.map((domain) => {
          const rate = d.simulated.truth[w]![domain];
          let low = -10;
          let high = 10;
          for (let step = 0; step < 40; step++) {
            const mid = (low + high) / 2;
            const mean = d.staff.reduce((sum, person) => sum + expit(mid + latent(person, domain)), 0) / d.staff.length;
            if (mean < rate) low = mid;
            else high = mid;
          }
          return [domain, low] as const;
        }),
      );
      const rate = Math.min(0.95, Math.max(0.15, d.responseRate + 0.07 * normal()));
      const counts: Record<string, number> = {};
      let n = 0;
      for (const person of d.staff) {
        if (random() >= rate) continue;
        n++;
        const adverse = new Map<Domain, number>();
        for (const item of items) {
          const isAdverse = random() < expit(intercepts.get(item.domain)! + latent(person, item.domain));
          adverse.set(item.domain, (adverse.get(item.domain) ?? 0) + (isAdverse ? 1 : 0));
          const pool = item.options.filter((o) => item.adverse.includes(o.value) === isAdverse);
          const key = countAttribute(item.id, pool[Math.floor(random() * pool.length)]!.value);
          counts[key] = (counts[key] ?? 0) + 1;
        }
        for (const domain of askedDomains) {
          const tally = adverseTallyAttribute(domain, adverse.get(domain)!);
          counts[tally] = (counts[tally] ?? 0) + 1;
        }
      }
      if (n > 0) units.push({ department: d.simulated.id, roleGroup: ALL_ROLES, counts: { n, counts } satisfies AggregateCounts });
    }
    const wave: Wave = {
      id: `w2026${String(w).padStart(4, '0')}-01`,
      sequence: w,
      status: 'closed',
      openedAt: new Date(Date.UTC(2026, 0, 1 + 14 * w)).toISOString(),
      closesAt: new Date(Date.UTC(2026, 0, 6 + 14 * w)).toISOString(),
      instrumentVersion: DEFAULT_INSTRUMENT.version,
      items,
      staffPerUnit: Object.fromEntries(departments.map((d) => [`${d.simulated.id}/${ALL_ROLES}`, d.staff.length])),
      units: Object.fromEntries(departments.map((d) => [`${d.simulated.id}/staff`, `${d.simulated.id}/${ALL_ROLES}`])),
      issued: departments.reduce((s, d) => s + d.staff.length, 0),
      reminderRequested: false,
      dispatchedInvite: [],
      dispatchedReminder: [],
      news: {},
    };
    waves.push({ wave, units });
  }
  return { org, departments: departments.map((d) => d.simulated), waves };
}

/** Whether a department-wave has nothing truly over a line and nothing truly rising (5 points over two pulses) on the domains asked. */
export function isQuiet(org: OrgConfig, department: SimulatedDepartment, w: number, asked: readonly Domain[]): boolean {
  const truth = department.truth[w]!;
  const twoBefore = department.truth[Math.max(0, w - 2)]!;
  return !asked.some((domain) => truth[domain] > org.thresholds[domain] || truth[domain] - twoBefore[domain] >= 0.05);
}

/** The domains a pulse asked. */
export const askedAt = (counts: WaveCounts): Domain[] => [...new Set(counts.wave.items.map((item) => item.domain))];

/** A department's published figure on a domain: its share, respondents, and people once the domain's design effect is taken out. */
export interface PublishedReading {
  share: number;
  n: number;
  people: number;
}

/** Looks up what each pulse published for a department, indexed once rather than searched per question. */
export function publishedReadings(waves: readonly WaveCounts[], evaluations: readonly Evaluation[]) {
  const effects = waves.map((counts) => designEffects(counts));
  const groups = evaluations.map((evaluation) => new Map(evaluation.groups.map((group) => [group.id, group])));
  return (w: number, department: string, domain: Domain): PublishedReading | undefined => {
    const group = groups[w]?.get(`department:${department}`);
    const figure = group?.figures.find((f) => f.domain === domain);
    return group && figure ? { share: figure.share, n: group.n, people: group.n / (effects[w]!.get(domain) ?? 1) } : undefined;
  };
}
