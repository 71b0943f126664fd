import { adverseTallyAttribute, countAttribute, type AggregateCounts } from '../../shared/domain/aggregates.js';
import { evaluateWave, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import { DEFAULT_INSTRUMENT, DOMAINS, itemsForWave, type Domain } from '../../shared/domain/instrument.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import type { Wave } from '../../shared/domain/wave.js';
import { seededRandom } from '../lib/demo-answers.js';

/**
 * Signal quality on an organization that looks like the ones we serve, with the truth known:
 * departments of 8 to 60 staff of whom 35% to 80% answer, the same people every wave, each
 * person's answers correlated across a domain's items (a person-level propensity drives
 * every item), rotating items as the instrument asks them. Departments are ordinary (some
 * close to a threshold), hot on one or two domains (10 to 30 points over), hot then
 * recovering, or ordinary then worsening by 15 points. The real evaluator runs on each wave
 * with what earlier waves published.
 */
export interface SignalResult {
  /** Simulated organizations, one per seed, their counts pooled. */
  organizations: number;
  /** Departments in each. */
  departments: number;
  waves: number;
  /** Truly hot department-domain-waves (10 to 30 points over threshold, published) flagged as hotspots. */
  hotRecall: number;
  /** The same where 5 to 9 people answered. */
  hotRecallSmall: number;
  /** Recall by respondents: 5-9, 10-19, 20-39, 40+. */
  hotRecallByN: Record<string, number>;
  /** A single-wave test that knows each group's true person-level variance, at our false-alert rate. */
  oracleHotRecall: number;
  /** Hotspots on department-domain-waves whose true rate is at or below threshold. */
  falseHotspotsPerDomainWave: number;
  /** Department-waves with nothing truly hot and nothing truly rising that got any flag (hotspot or rising). */
  falseFlagsPerDepartmentWave: number;
  /** Rises of 15 points flagged as worsening at the wave they happen or the next. */
  worseningRecall: number;
  /** Hotspots from groups under k: must be 0. */
  smallGroupAlerts: number;
}

type Kind = 'ordinary' | 'hot' | 'recovering' | 'worsening';
/**
 * The domains a rise is simulated in: those the core items ask every wave. A rotating one is
 * asked once in several waves, mostly not in the two waves a rise is scored in.
 */
const EVERY_WAVE: readonly Domain[] = DOMAINS.filter((domain) => DEFAULT_INSTRUMENT.items.some((item) => item.domain === domain && item.module === 'core'));
const N_BINS = [
  ['5-9', 5, 9],
  ['10-19', 10, 19],
  ['20-39', 20, 39],
  ['40+', 40, Infinity],
] as const;

/**
 * Runs the simulation over one organization per seed, with the given number of departments
 * each, and pools the counts: a tenth of the departments worsen, so one organization of a few
 * hundred holds too few rises for a stable figure.
 */
export function runSignalSimulation(options: { departments?: number; waves?: number; seeds?: readonly number[] } = {}): SignalResult {
  const departmentCount = options.departments ?? 60;
  const waveCount = options.waves ?? 8;
  const seeds = options.seeds ?? [42];
  const sink: Sink = {
    tally: { hot: 0, hotFound: 0, notHot: 0, falseHotspots: 0, quietDepartmentWaves: 0, falseFlags: 0, rises: 0, risesFound: 0, small: 0 },
    byBin: new Map(N_BINS.map(([label]) => [label, { total: 0, found: 0 }])),
    oracle: [],
  };
  for (const seed of seeds) simulateOrganization(departmentCount, waveCount, seed, sink);
  const { tally, byBin, oracle } = sink;
  const falseRate = tally.notHot ? tally.falseHotspots / tally.notHot : 0;
  // The oracle's cutoff lets through the same share of not-hot groups as ours did.
  const notHotZ = oracle
    .filter((o) => !o.hot)
    .map((o) => o.z)
    .sort((a, b) => b - a);
  const cutoff = notHotZ[Math.floor(falseRate * notHotZ.length)] ?? Infinity;
  const hotZ = oracle.filter((o) => o.hot);
  const share = (found: number, total: number) => (total ? Math.round((found / total) * 1000) / 1000 : 0);
  return {
    organizations: seeds.length,
    departments: departmentCount,
    waves: waveCount,
    hotRecall: share(tally.hotFound, tally.hot),
    hotRecallSmall: share(byBin.get('5-9')!.found, byBin.get('5-9')!.total),
    hotRecallByN: Object.fromEntries([...byBin].map(([label, entry]) => [label, share(entry.found, entry.total)])),
    oracleHotRecall: share(hotZ.filter((o) => o.z > cutoff).length, hotZ.length),
    falseHotspotsPerDomainWave: Math.round(falseRate * 10000) / 10000,
    falseFlagsPerDepartmentWave: share(tally.falseFlags, tally.quietDepartmentWaves),
    worseningRecall: share(tally.risesFound, tally.rises),
    smallGroupAlerts: tally.small,
  };
}

interface Sink {
  tally: {
    hot: number;
    hotFound: number;
    notHot: number;
    falseHotspots: number;
    quietDepartmentWaves: number;
    falseFlags: number;
    rises: number;
    risesFound: number;
    small: number;
  };
  byBin: Map<string, { total: number; found: number }>;
  oracle: { z: number; hot: boolean }[];
}

function simulateOrganization(departmentCount: number, waveCount: number, seed: number, sink: Sink): void {
  const random = seededRandom(seed);
  const uniform = (low: number, high: number) => low + random() * (high - low);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const org = orgConfigSchema.parse({
    id: 'sim',
    name: 'Simulated Health',
    timeZone: 'UTC',
    departments: Array.from({ length: departmentCount }, (_, i) => ({ id: `d${i}`, name: `Department ${i}` })),
    roleGroups: [{ id: 'staff', name: 'Staff' }],
    // What every org file names, though the simulation sends nothing: the digests' sender and
    // the alarms' mailbox.
    channels: { email: { enabled: true, from: 'pulse@sim.example' } },
    deploy: { alarmEmail: 'alarms@sim.example' },
  });
  const t = org.thresholds;

  // How strongly one person's answers hang together, on the logit scale.
  const PERSON_SD = 1.2;
  const departments = org.departments.map((d, i) => {
    const kind: Kind = (['hot', 'recovering', 'worsening', 'ordinary', 'ordinary', 'ordinary', 'hot', 'ordinary', 'ordinary', 'ordinary'] as const)[i % 10]!;
    const ordinary = Object.fromEntries(DOMAINS.map((domain) => [domain, t[domain] - uniform(0.03, 0.25)])) as Record<Domain, number>;
    const hotDomains = new Set(DOMAINS.filter(() => random() < 0.3));
    if (hotDomains.size === 0) hotDomains.add(DOMAINS[Math.floor(random() * DOMAINS.length)]!);
    const hot = Object.fromEntries(
      DOMAINS.map((domain) => [domain, hotDomains.has(domain) ? Math.min(0.95, t[domain] + uniform(0.1, 0.3)) : ordinary[domain]]),
    ) as Record<Domain, number>;
    const risingDomain = EVERY_WAVE[Math.floor(random() * EVERY_WAVE.length)]!;
    const risesAt = Math.floor(uniform(waveCount / 3, (2 * waveCount) / 3));
    const staff = Array.from({ length: Math.floor(uniform(8, 61)) }, () => normal() * PERSON_SD);
    return { id: d.id, kind, ordinary, hot, risingDomain, risesAt, staff, responseRate: uniform(0.35, 0.8) };
  });
  const rateAt = (d: (typeof departments)[number], domain: Domain, w: number) => {
    if (d.kind === 'hot') return d.hot[domain];
    if (d.kind === 'recovering') return w < waveCount / 2 ? d.hot[domain] : d.ordinary[domain];
    if (d.kind === 'worsening' && domain === d.risingDomain && w >= d.risesAt) return Math.min(0.95, d.ordinary[domain] + 0.15);
    return d.ordinary[domain];
  };
  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  /** Each person's probability of an adverse answer, so the department's mean is `rate`. */
  const propensities = (people: number[], rate: number) => {
    // Shift the intercept until the staff's mean propensity is the department's true rate.
    let low = -10;
    let high = 10;
    for (let step = 0; step < 40; step++) {
      const mid = (low + high) / 2;
      const mean = people.reduce((sum, u) => sum + expit(mid + u), 0) / people.length;
      if (mean < rate) low = mid;
      else high = mid;
    }
    return people.map((u) => expit(low + u));
  };

  const published: Evaluation[] = [];
  const { tally, byBin, oracle } = sink;
  const risingSeen = new Map<string, boolean>();

  for (let w = 0; w < waveCount; w++) {
    const items = itemsForWave(DEFAULT_INSTRUMENT, w);
    const askedDomains = [...new Set(items.map((item) => item.domain))];
    const units = [];
    const personShares = new Map<string, Map<Domain, number[]>>();
    for (const d of departments) {
      const p = new Map(askedDomains.map((domain) => [domain, propensities(d.staff, rateAt(d, domain, w))]));
      const counts: Record<string, number> = {};
      const shares = new Map<Domain, number[]>(askedDomains.map((domain) => [domain, []]));
      let n = 0;
      d.staff.forEach((_, person) => {
        if (random() >= d.responseRate) return;
        n++;
        const adverse = new Map<Domain, number>();
        for (const item of items) {
          const isAdverse = random() < p.get(item.domain)![person]!;
          adverse.set(item.domain, (adverse.get(item.domain) ?? 0) + (isAdverse ? 1 : 0));
          const pool = item.options.filter((o) => item.adverse.includes(o.value) === isAdverse);
          const value = pool[Math.floor(random() * pool.length)]!.value;
          counts[countAttribute(item.id, value)] = (counts[countAttribute(item.id, value)] ?? 0) + 1;
        }
        for (const domain of askedDomains) {
          shares.get(domain)!.push(adverse.get(domain)! / items.filter((i) => i.domain === domain).length);
          const tally = adverseTallyAttribute(domain, adverse.get(domain)!);
          counts[tally] = (counts[tally] ?? 0) + 1;
        }
      });
      personShares.set(d.id, shares);
      if (n > 0) units.push({ department: d.id, roleGroup: ALL_ROLES, counts: { n, counts } satisfies AggregateCounts });
    }
    const wave: Wave = {
      id: `w2026${String(w).padStart(4, '0')}-01`,
      sequence: w,
      status: 'closed',
      openedAt: new Date(Date.UTC(2026, 0, 1 + 14 * w)).toISOString(),
      closesAt: new Date(Date.UTC(2026, 0, 6 + 14 * w)).toISOString(),
      instrumentVersion: DEFAULT_INSTRUMENT.version,
      items,
      staffPerUnit: Object.fromEntries(departments.map((d) => [`${d.id}/${ALL_ROLES}`, d.staff.length])),
      units: Object.fromEntries(departments.map((d) => [`${d.id}/staff`, `${d.id}/${ALL_ROLES}`])),
      issued: departments.reduce((s, d) => s + d.staff.length, 0),
      reminderRequested: false,
      dispatchedInvite: [],
      dispatchedReminder: [],
      news: {},
    };
    const evaluation = evaluateWave(org, { wave, units }, published);
    published.push(evaluation);

    for (const d of departments) {
      const group = evaluation.groups.find((g) => g.id === `department:${d.id}`);
      const n = units.find((u) => u.department === d.id)?.counts.n ?? 0;
      let quiet = true;
      let flagged = false;
      for (const domain of askedDomains) {
        const truth = rateAt(d, domain, w);
        const figure = group?.figures.find((f) => f.domain === domain);
        if (n > 0 && n < org.k && figure?.status === 'hotspot') tally.small++;
        const truthRises = d.kind === 'worsening' && domain === d.risingDomain && (w === d.risesAt || w === d.risesAt + 1);
        if (truth > t[domain] || truthRises) quiet = false;
        if (figure?.status === 'hotspot' || figure?.trend?.worsening) flagged = true;
        if (d.kind === 'worsening' && domain === d.risingDomain && truthRises) {
          const key = `${d.id}/${domain}`;
          if (figure?.trend?.worsening) risingSeen.set(key, true);
          if (w === d.risesAt + 1 || (w === d.risesAt && w === waveCount - 1)) {
            tally.rises++;
            if (risingSeen.get(key)) tally.risesFound++;
          }
        }
        if (!group || n < org.k) continue;
        // The oracle: one wave, the group's true person-level variance, the best cutoff.
        const shares = personShares.get(d.id)!.get(domain)!;
        const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
        const variance = Math.max(1e-9, shares.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, shares.length - 1));
        const z = (mean - t[domain]) / Math.sqrt(variance / shares.length);
        if (truth >= t[domain] + 0.1) {
          tally.hot++;
          const found = figure?.status === 'hotspot';
          if (found) tally.hotFound++;
          const bin = N_BINS.find(([, low, high]) => n >= low && n <= high)![0];
          const entry = byBin.get(bin)!;
          entry.total++;
          if (found) entry.found++;
          oracle.push({ z, hot: true });
        } else if (truth <= t[domain]) {
          tally.notHot++;
          if (figure?.status === 'hotspot') tally.falseHotspots++;
          oracle.push({ z, hot: false });
        }
      }
      if (quiet && group) {
        tally.quietDepartmentWaves++;
        if (flagged) tally.falseFlags++;
      }
    }
  }
}
