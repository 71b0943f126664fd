import type { AlertRule } from '../../shared/domain/alert-rule.js';
import { evaluateWave, HISTORY_WAVES, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import type { Domain } from '../../shared/domain/instrument.js';
import { hotspotBound, knownMixtureReads, type HotspotBound, type KnownMixtureRead } from './hotspot-bound.js';
import { askedAt, isQuiet, publishedReadings, RISE, simulateOrganization, type PublishedReading, type SimulatedOrganization } from './signal-world.js';

/** The goal for false flags of any kind per quiet department-wave, all of which rising flags could take. */
const FALSE_FLAG_BUDGET = 0.04;
/** The goals a hotspot rule is held to besides false flags: hot recall overall, and false hotspots after a recovery. */
const HOT_RECALL_GOAL = 0.72;
const RECOVERED_BUDGET = 0.005;

/**
 * Signal quality: each rule runs over the same simulated organizations (signal-world.ts), every
 * pulse evaluated by the real evaluator with what the rule published before, and is scored
 * against the truth.
 */
export interface SignalScore {
  /** Truly hot department-domain-waves (10 points or more over the line, published) flagged as hotspots. */
  hotRecall: number;
  /** Recall by respondents: 5-9, 10-19, 20-39, 40+. */
  hotRecallByN: Record<string, number>;
  /** Hotspots on department-domain-waves whose true rate is at or below the line. */
  falseHotspotsPerDomainWave: number;
  /** Department-waves with nothing truly over a line and nothing truly rising that got any flag (hotspot or rising). */
  falseFlagsPerDepartmentWave: number;
  /** The same, counting rising flags alone. */
  falseRisingPerDepartmentWave: number;
  /** Hotspots in departments after they recovered, per department-domain-wave (every domain is under its line then). */
  recoveredFalseHotspots: number;
  /** The same over the domains that had been hot alone. */
  recoveredFalseHotspotsWereHot: number;
  /** 15-point rises flagged as rising at the pulse they happen. */
  risesFoundAtPulse: number;
  /** ... at that pulse or the next. */
  risesFoundByNext: number;
  /** Hotspots from groups under k: must be 0. */
  smallGroupAlerts: number;
}

export interface SignalResult {
  organizations: number;
  departments: number;
  waves: number;
  /** Department-waves scored, and how many of them had nothing truly over a line or rising. */
  departmentWaves: number;
  quietDepartmentWaves: number;
  rises: number;
  scores: Record<string, SignalScore>;
  /**
   * About the most any rule could find: rises found by the next pulse by tests that know each
   * department's true rate before the rise, at the false rising flags of the first rule, and
   * at the whole goal for false flags of any kind.
   */
  riseOracle: { falseRising: number; risesFoundByNext: number; atWholeBudget: number };
  /**
   * About the most any hotspot rule could find where 5 to 9 answered within the goals (hot
   * recall overall, recovered false hotspots, and false flags less the first rule's rising
   * ones): one that knew how the simulation makes its departments (hotspot-bound.ts).
   */
  hotspotBound: HotspotBound;
}

const N_BINS = [
  ['5-9', 5, 9],
  ['10-19', 10, 19],
  ['20-39', 20, 39],
  ['40+', 40, Infinity],
] as const;

/**
 * Runs every rule over one organization per seed, each of the given number of departments,
 * and pools the counts: a single organization of a few hundred holds too few rises for a
 * stable figure.
 */
export function runSignalSimulation(options: {
  departments?: number;
  waves?: number;
  seeds?: readonly number[];
  rules: Record<string, AlertRule>;
}): SignalResult {
  const departments = options.departments ?? 60;
  const waves = options.waves ?? 12;
  const seeds = options.seeds ?? [42];
  const organizations = seeds.map((seed) => simulateOrganization(departments, waves, seed));
  const scores: Record<string, SignalScore> = {};
  let totals = { departmentWaves: 0, quietDepartmentWaves: 0, rises: 0 };
  const oracle: OracleScores = { quiet: [], rises: [] };
  const mixtureReads: KnownMixtureRead[] = [];
  for (const [index, [name, rule]] of Object.entries(options.rules).entries()) {
    const tally = newTally();
    for (const simulated of organizations) {
      const evaluations = scoreOrganization(simulated, rule, tally);
      if (index !== 0) continue;
      knownBaselineTest(simulated, evaluations, oracle);
      mixtureReads.push(...knownMixtureReads(simulated, evaluations));
    }
    scores[name] = summarize(tally);
    totals = { departmentWaves: tally.departmentWaves, quietDepartmentWaves: tally.quiet, rises: tally.rises };
  }
  const falseRising = Object.values(scores)[0]?.falseRisingPerDepartmentWave ?? 0;
  // The better of the two tests at each rate: neither bound should flatter the rule.
  const foundAt = (rate: number) => {
    const found = (test: 'z' | 'ratio') => {
      const cutoff =
        oracle.quiet
          .map((q) => q[test])
          .filter(Number.isFinite)
          .sort((a, b) => b - a)[Math.floor(rate * oracle.quiet.length)] ?? Infinity;
      return oracle.rises.filter((r) => r[test] > cutoff).length;
    };
    return oracle.rises.length ? Math.round((Math.max(found('z'), found('ratio')) / oracle.rises.length) * 1000) / 1000 : 0;
  };
  return {
    organizations: seeds.length,
    departments,
    waves,
    ...totals,
    scores,
    riseOracle: { falseRising, risesFoundByNext: foundAt(falseRising), atWholeBudget: foundAt(FALSE_FLAG_BUDGET) },
    hotspotBound: hotspotBound(mixtureReads, { minRecall: HOT_RECALL_GOAL, maxRecovered: RECOVERED_BUDGET, maxQuiet: FALSE_FLAG_BUDGET - falseRising }),
  };
}

/** Per department-wave, the largest statistic of each known-rate test. */
interface OracleScores {
  quiet: { z: number; ratio: number }[];
  rises: { z: number; ratio: number }[];
}

/**
 * The rise tests of a rule that knew each department's true rate: a z test, and the likelihood
 * ratio against a rise of exactly the simulated size (the most powerful test for that rise).
 * For a department-wave with nothing truly over a line or rising, the largest over the pulse's
 * domains of this pulse alone and with the pulse before, against the truth; for each rise, the
 * largest of its pulse alone, the next alone, and both, against the rate before it.
 */
function knownBaselineTest({ org, departments, waves }: SimulatedOrganization, evaluations: readonly Evaluation[], into: OracleScores): void {
  const observed = publishedReadings(waves, evaluations);
  const test = (pulses: readonly (PublishedReading | undefined)[], truths: readonly number[]) => {
    let deviation = 0;
    let variance = 0;
    let people = 0;
    pulses.forEach((pulse, i) => {
      if (!pulse) return;
      deviation += (pulse.share - truths[i]!) * pulse.people;
      variance += truths[i]! * (1 - truths[i]!) * pulse.people;
      people += pulse.people;
    });
    if (variance <= 0) return { z: -Infinity, ratio: -Infinity };
    const z = deviation / Math.sqrt(variance);
    // How many standard errors the simulated rise would move z: the log likelihood ratio of
    // that rise against none, in the normal approximation, is shift * z - shift^2 / 2.
    const shift = (RISE * people) / Math.sqrt(variance);
    return { z, ratio: shift * z - (shift * shift) / 2 };
  };
  const largest = (tests: readonly { z: number; ratio: number }[]) => ({
    z: Math.max(...tests.map((t) => t.z)),
    ratio: Math.max(...tests.map((t) => t.ratio)),
  });
  for (const d of departments) {
    for (let w = 1; w < waves.length; w++) {
      const asked = askedAt(waves[w]!);
      if (!asked.some((domain) => observed(w, d.id, domain)) || !isQuiet(org, d, w, asked)) continue;
      into.quiet.push(
        largest(
          asked.flatMap((domain) => {
            const now = observed(w, d.id, domain);
            const truth = d.truth[w]![domain];
            return [test([now], [truth]), test([now, observed(w - 1, d.id, domain)], [truth, d.truth[w - 1]![domain]])];
          }),
        ),
      );
    }
    if (d.kind !== 'worsening' || d.changesAt + 1 >= waves.length) continue;
    const domain = d.risingDomain;
    const before = d.truth[d.changesAt - 1]![domain];
    const atRise = observed(d.changesAt, d.id, domain);
    const next = observed(d.changesAt + 1, d.id, domain);
    into.rises.push(largest([test([atRise], [before]), test([next], [before]), test([atRise, next], [before, before])]));
  }
}

function newTally() {
  return {
    hot: 0,
    hotFound: 0,
    byBin: new Map(N_BINS.map(([label]) => [label, { total: 0, found: 0 }])),
    notHot: 0,
    falseHotspots: 0,
    departmentWaves: 0,
    quiet: 0,
    falseFlags: 0,
    falseRising: 0,
    recovered: 0,
    recoveredFlagged: 0,
    recoveredWereHot: 0,
    recoveredWereHotFlagged: 0,
    rises: 0,
    risesAtPulse: 0,
    risesByNext: 0,
    small: 0,
  };
}
type Tally = ReturnType<typeof newTally>;

function scoreOrganization({ org, departments, waves }: SimulatedOrganization, rule: AlertRule, tally: Tally): Evaluation[] {
  const published: Evaluation[] = [];
  const risingFlags = new Map<string, number[]>();
  for (const [w, counts] of waves.entries()) {
    const evaluation = evaluateWave(org, counts, published.slice(-HISTORY_WAVES), rule);
    published.push(evaluation);
    const groups = new Map(evaluation.groups.map((g) => [g.id, g]));
    const respondents = new Map(counts.units.map((u) => [u.department, u.counts.n]));
    const asked = askedAt(counts);
    for (const d of departments) {
      const group = groups.get(`department:${d.id}`);
      const n = respondents.get(d.id) ?? 0;
      const truth = d.truth[w]!;
      const quiet = isQuiet(org, d, w, asked);
      let flagged = false;
      let rising = false;
      for (const domain of asked) {
        const figure = group?.figures.find((f) => f.domain === domain);
        const line = org.thresholds[domain];
        if (n > 0 && n < org.k && figure?.status === 'hotspot') tally.small++;
        if (figure?.status === 'hotspot') flagged = true;
        if (figure?.trend?.worsening) {
          flagged = rising = true;
          const key = `${d.id}|${domain}`;
          risingFlags.set(key, [...(risingFlags.get(key) ?? []), w]);
        }
        if (!group) continue;
        const hotspot = figure?.status === 'hotspot';
        if (truth[domain] >= line + 0.1) {
          tally.hot++;
          const bin = tally.byBin.get(N_BINS.find(([, low, high]) => n >= low && n <= high)![0])!;
          bin.total++;
          if (hotspot) {
            tally.hotFound++;
            bin.found++;
          }
        } else if (truth[domain] <= line) {
          tally.notHot++;
          if (hotspot) tally.falseHotspots++;
        }
        if (d.kind === 'recovering' && w >= d.changesAt) {
          tally.recovered++;
          if (hotspot) tally.recoveredFlagged++;
          if (d.hotDomains.has(domain)) {
            tally.recoveredWereHot++;
            if (hotspot) tally.recoveredWereHotFlagged++;
          }
        }
      }
      if (!group) continue;
      tally.departmentWaves++;
      if (quiet) {
        tally.quiet++;
        if (flagged) tally.falseFlags++;
        if (rising) tally.falseRising++;
      }
    }
  }
  for (const d of departments) {
    if (d.kind !== 'worsening' || d.changesAt + 1 >= waves.length) continue;
    const flags = risingFlags.get(`${d.id}|${d.risingDomain satisfies Domain}`) ?? [];
    tally.rises++;
    if (flags.includes(d.changesAt)) tally.risesAtPulse++;
    if (flags.includes(d.changesAt) || flags.includes(d.changesAt + 1)) tally.risesByNext++;
  }
  return published;
}

function summarize(tally: Tally): SignalScore {
  const share = (found: number, total: number, places = 3) => (total ? Math.round((found / total) * 10 ** places) / 10 ** places : 0);
  return {
    hotRecall: share(tally.hotFound, tally.hot),
    hotRecallByN: Object.fromEntries([...tally.byBin].map(([label, entry]) => [label, share(entry.found, entry.total)])),
    falseHotspotsPerDomainWave: share(tally.falseHotspots, tally.notHot, 4),
    falseFlagsPerDepartmentWave: share(tally.falseFlags, tally.quiet),
    falseRisingPerDepartmentWave: share(tally.falseRising, tally.quiet),
    recoveredFalseHotspots: share(tally.recoveredFlagged, tally.recovered, 4),
    recoveredFalseHotspotsWereHot: share(tally.recoveredWereHotFlagged, tally.recoveredWereHot, 4),
    risesFoundAtPulse: share(tally.risesAtPulse, tally.rises),
    risesFoundByNext: share(tally.risesByNext, tally.rises),
    smallGroupAlerts: tally.small,
  };
}
