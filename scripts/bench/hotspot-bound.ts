import type { Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import { DOMAINS, type Domain } from '../../shared/domain/instrument.js';
import { RATE_GRID, reading } from '../../shared/domain/population.js';
import {
  ALONGSIDE,
  askedAt,
  changeWindow,
  EVERY_WAVE,
  HOT_DOMAIN_CHANCE,
  HOT_EXCESS,
  isQuiet,
  KINDS,
  ORDINARY_GAP,
  publishedReadings,
  RISE,
  RISE_ALONGSIDE,
  type SimulatedOrganization,
} from './signal-world.js';

/**
 * What a hotspot rule could do if it knew how the simulation makes its departments: the exact
 * posterior chance that a department-domain's rate is above the line now, given every pulse it
 * published so far, under the simulation's own mixture of ordinary, hot, recovering and
 * worsening departments. A rule that must learn the mixture from one organization's pulses
 * can only do worse, so this bounds what any setting of ours could reach.
 */
export interface KnownMixtureRead {
  above: number;
  share: number;
  line: number;
  truth: number;
  n: number;
  recovered: boolean;
  /** The department-wave, where it had nothing truly over a line or rising; undefined otherwise. */
  quietKey: string | undefined;
}

const GRID = RATE_GRID;
/** A pulse that published nothing for the group says nothing about its rate. */
const SILENT = new Float64Array(GRID.length).fill(1);

/** Mirrors how signal-world.ts draws its departments; only the domain's own story is modelled. */
function priorsFor(line: number, domain: Domain, waveCount: number) {
  const share = (kind: string) => KINDS.find(([k]) => k === kind)![1];
  const gapSd = Math.hypot(ORDINARY_GAP.stressSlope * Math.SQRT1_2, ORDINARY_GAP.noise);
  const normalize = (weights: number[]) => {
    const total = weights.reduce((sum, w) => sum + w, 0);
    return weights.map((w) => w / total);
  };
  const ordinary = normalize(
    GRID.map((rate) => {
      const gap = line - rate;
      return gap >= ORDINARY_GAP.low && gap <= ORDINARY_GAP.high ? Math.exp(-0.5 * ((gap - ORDINARY_GAP.mean) / gapSd) ** 2) : 0;
    }),
  );
  const hot = normalize(GRID.map((rate) => (rate >= line + HOT_EXCESS[0] && rate <= Math.min(0.95, line + HOT_EXCESS[1]) ? 1 : 0)));
  const [from, to] = changeWindow(waveCount);
  const changes = Array.from({ length: Math.ceil(to) - Math.floor(from) }, (_, i) => Math.floor(from) + i);
  const risesWith = Object.values(ALONGSIDE).filter((d) => d === domain).length;
  const hotShare = HOT_DOMAIN_CHANCE;
  const weights = {
    hot: share('hot') * hotShare,
    recovering: share('recovering') * hotShare,
    rising: EVERY_WAVE.includes(domain) ? share('worsening') / EVERY_WAVE.length : 0,
    risingAlongside: (share('worsening') / EVERY_WAVE.length) * risesWith,
  };
  return { ordinary, hot, changes, weights: { ...weights, steady: 1 - Object.values(weights).reduce((a, b) => a + b, 0) } };
}

export function knownMixtureReads({ org, departments, waves }: SimulatedOrganization, evaluations: readonly Evaluation[]): KnownMixtureRead[] {
  const observed = publishedReadings(waves, evaluations);
  const reads: KnownMixtureRead[] = [];
  for (const d of departments) {
    for (const domain of DOMAINS) {
      const line = org.thresholds[domain];
      const prior = priorsFor(line, domain, waves.length);
      const likelihoods: Float64Array[] = [];
      for (let w = 0; w < waves.length; w++) {
        const figure = observed(w, d.id, domain);
        if (!figure) {
          likelihoods.push(SILENT);
          continue;
        }
        likelihoods.push(reading({ adverse: figure.share * figure.people, people: figure.people }).likelihood);
        reads.push({
          above: posteriorAbove(likelihoods, prior, line, w),
          share: figure.share,
          line,
          truth: d.truth[w]![domain],
          n: figure.n,
          recovered: d.kind === 'recovering' && w >= d.changesAt,
          quietKey: w >= 1 && isQuiet(org, d, w, askedAt(waves[w]!)) ? `${d.id}@${w}` : undefined,
        });
      }
    }
  }
  return reads;
}

/** Each pulse's likelihood is scaled to its own peak; every story multiplies the same pulses, so their ratios are unchanged. */
function posteriorAbove(likelihoods: readonly Float64Array[], prior: ReturnType<typeof priorsFor>, line: number, now: number): number {
  const span = (from: number, to: number) => {
    const product = new Float64Array(GRID.length).fill(1);
    for (let w = from; w <= to; w++) for (let j = 0; j < GRID.length; j++) product[j]! *= likelihoods[w]![j]!;
    return product;
  };
  const mass = (likelihood: Float64Array, weights: readonly number[], keep: (rate: number) => boolean = () => true) =>
    likelihood.reduce((sum, l, j) => sum + (keep(GRID[j]!) ? weights[j]! * l : 0), 0);
  const isAbove = (rate: number) => rate > line;
  const all = span(0, now);
  let total = prior.weights.steady * mass(all, prior.ordinary) + prior.weights.hot * mass(all, prior.hot);
  let above = prior.weights.steady * mass(all, prior.ordinary, isAbove) + prior.weights.hot * mass(all, prior.hot);
  const each = 1 / prior.changes.length;
  for (const change of prior.changes) {
    const before = span(0, Math.min(change - 1, now));
    const after = span(change, now);
    // Recovering: hot before the change, ordinary from it.
    const recovering = prior.weights.recovering * each * mass(before, prior.hot) * mass(after, prior.ordinary);
    total += recovering;
    if (change > now) above += recovering;
    // Worsening: ordinary before, risen by a fixed step from it.
    for (const [weight, step] of [
      [prior.weights.rising, RISE],
      [prior.weights.risingAlongside, RISE_ALONGSIDE],
    ] as const) {
      if (weight === 0) continue;
      GRID.forEach((rate, j) => {
        const k = Math.min(GRID.length - 1, Math.floor(Math.min(0.95, rate + step) * GRID.length));
        const value = weight * each * prior.ordinary[j]! * before[j]! * after[k]!;
        total += value;
        if ((change <= now ? GRID[k]! : rate) > line) above += value;
      });
    }
  }
  return total > 0 ? above / total : 0;
}

export interface HotspotBound {
  /** The most hot units where 5 to 9 answered found at one bar for every group, within the goals. */
  oneBar: number;
  /** The same with a bar for each of 5-9, 10-19 and 20 or more answering. */
  barsBySize: number;
}

/**
 * The best recall of hot units where 5 to 9 answered, over bars on the known-mixture chance,
 * with hot recall overall at least `minRecall`, false hotspots after a recovery at most
 * `maxRecovered` per department-domain-wave, and hotspots on at most `maxQuiet` of the quiet
 * department-waves.
 */
export function hotspotBound(reads: readonly KnownMixtureRead[], goals: { minRecall: number; maxRecovered: number; maxQuiet: number }): HotspotBound {
  const hot = reads.filter((r) => r.truth >= r.line + 0.1);
  const small = hot.filter((r) => r.n >= 5 && r.n <= 9);
  const recovered = reads.filter((r) => r.recovered);
  const quietWaves = new Set(reads.flatMap((r) => (r.quietKey ? [r.quietKey] : []))).size;
  const best = (bars: readonly [number, number, number][]) => {
    let found = 0;
    for (const [few, some, many] of bars) {
      const flagged = (r: KnownMixtureRead) => r.share > r.line && r.above >= (r.n < 10 ? few : r.n < 20 ? some : many);
      if (recovered.filter(flagged).length > goals.maxRecovered * recovered.length) continue;
      if (hot.filter(flagged).length < goals.minRecall * hot.length) continue;
      if (new Set(reads.flatMap((r) => (r.quietKey && flagged(r) ? [r.quietKey] : []))).size > goals.maxQuiet * quietWaves) continue;
      found = Math.max(found, small.filter(flagged).length / small.length);
    }
    return Math.round(found * 1000) / 1000;
  };
  const steps = (from: number, to: number, by: number) => Array.from({ length: Math.round((to - from) / by) + 1 }, (_, i) => from + i * by);
  const bars = steps(0.4, 0.99, 0.01);
  const coarse = steps(0.4, 0.95, 0.05);
  const high = [...steps(0.6, 0.95, 0.05), 0.97, 0.99];
  return {
    oneBar: best(bars.map((bar) => [bar, bar, bar] as [number, number, number])),
    barsBySize: best(coarse.flatMap((few) => high.flatMap((some) => high.map((many) => [few, some, many] as [number, number, number])))),
  };
}
