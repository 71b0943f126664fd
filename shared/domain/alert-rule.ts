import type { DepartmentTree } from './department-tree.js';
import type { Domain } from './instrument.js';
import {
  currentLevel,
  evenWeight,
  fitPopulation,
  FLAT_POPULATION,
  meanOf,
  posterior,
  reading,
  type CurrentLevel,
  type Observation,
  type Population,
  type Reading,
} from './population.js';
import type { DomainFigure, FigureStatus } from './published.js';
import { wilsonInterval } from './statistics.js';

/** An earlier pulse that published the group and asked the same items. */
export interface ComparablePulse {
  waveId: string;
  share: number;
  n: number;
  figure: DomainFigure;
}

/** How the organization's departments spread on a domain this pulse, and how many of them it was read from. */
export interface Borrowed {
  population: Population;
  departments: number;
}

/** Everything an alert rule may read about one figure; all of it is published, or read from what is. */
export interface FigureEvidence {
  domain: Domain;
  waveId: string;
  items: string[];
  share: number;
  n: number;
  /** How much one person's answers to the domain's items hang together (see designEffects). */
  effect: number;
  threshold: number;
  /** Earlier pulses that published the group with the same items, newest first. */
  comparable: readonly ComparablePulse[];
  /** Earlier pulses that asked the domain, newest first: the figure, or undefined where the group was not published. */
  askedBefore: readonly (DomainFigure | undefined)[];
  borrowed?: Borrowed | undefined;
}

/** What a rule decides; `pooled` is the previous rule's, which the benchmark still runs. */
export type FigureDecision = Pick<DomainFigure, 'low' | 'high' | 'status' | 'estimate' | 'pooled' | 'trend'>;
export type AlertRule = (evidence: FigureEvidence) => FigureDecision;

/**
 * Above this many departments one department's own figure moves the population too little to
 * matter, and fitting it once per department would cost a large organization seconds.
 */
const LEAVE_ONE_OUT_UP_TO = 50;

/**
 * Per domain, how the pulse's published departments without children spread: the population
 * every figure of the pulse is read against, fitted from published percents and n alone, never
 * from a hidden group. In a smaller organization each of those departments is read against the
 * others only, so a department does not vouch for itself.
 */
export function borrowedPopulations(
  tree: DepartmentTree,
  shown: readonly { id: string; kind: string; department?: string | undefined }[],
  evidence: ReadonlyMap<string, readonly FigureEvidence[]>,
): (groupId: string, domain: Domain) => Borrowed | undefined {
  const leaves = shown.filter((group) => group.kind === 'department' && tree.childrenOf(group.department).length === 0);
  const byDomain = new Map<Domain, { groupId: string; observation: Observation }[]>();
  for (const leaf of leaves)
    for (const figure of evidence.get(leaf.id) ?? []) {
      const read = byDomain.get(figure.domain) ?? [];
      read.push({ groupId: leaf.id, observation: effective(figure.share, figure.n, figure.effect) });
      byDomain.set(figure.domain, read);
    }
  const fitted = new Map(
    [...byDomain].map(([domain, read]) => {
      const all: Borrowed = { population: fitPopulation(read.map((r) => r.observation)), departments: read.length };
      const without = new Map<string, Borrowed>();
      if (read.length <= LEAVE_ONE_OUT_UP_TO)
        for (const { groupId } of read) {
          const others = read.filter((r) => r.groupId !== groupId).map((r) => r.observation);
          without.set(groupId, { population: fitPopulation(others), departments: others.length });
        }
      return [domain, { all, without }] as const;
    }),
  );
  return (groupId, domain) => {
    const domainFit = fitted.get(domain);
    const borrowed = domainFit?.without.get(groupId) ?? domainFit?.all;
    return borrowed && borrowed.departments > 0 ? borrowed : undefined;
  };
}

function effective(share: number, n: number, effect: number): Observation {
  return { adverse: (share * n) / effect, people: n / effect };
}

/**
 * The chance per pulse that a department's level changed, in the change-point model. Far above
 * how often departments really change: a lower one pooled longer and found more small hot
 * departments, but kept calling a department that had recovered a hotspot (docs/alerts.md).
 */
export const CHANGE_HAZARD = 0.3;
/** Pulses, this one included, the change-point model reads. */
export const CHANGE_WINDOW = 6;
/**
 * How sure a hotspot must be that the rate is above the line where the organization's
 * departments vouch for rates like this one's, by how many answered this pulse: 60% where
 * `FEW_ANSWERED` did, rising evenly to 85% at `MANY_ANSWERED` and above. At one bar for every
 * group most hot units where few answered were never found, since a few answers a pulse make a
 * chance climb slowly; a hot team is no less hot for being small. A group of twenty or more
 * reads sharply enough that the higher bar costs it little, and keeps a department that has
 * just recovered from being held up by its hot pulses. Even, not in steps, so one more person
 * answering never moves the bar far. The benchmark's simulation chose the ends
 * (docs/alerts.md). Where nothing vouches (no other departments, or a rate none of them
 * shows), any figure needs 97%, about what a 95% interval's lower bound above the line asks;
 * in between, the bar moves with how far the departments' spread explains the figure's pulses
 * better than an even spread does.
 */
export const HOTSPOT_BELIEF: HotspotBelief = { few: 0.6, many: 0.85 };
export const HOTSPOT_BELIEF_ALONE = 0.97;
export const FEW_ANSWERED = 5;
export const MANY_ANSWERED = 20;

export interface HotspotBelief {
  /** The bar where `FEW_ANSWERED` or fewer answered this pulse. */
  few: number;
  /** The bar where `MANY_ANSWERED` or more did. */
  many: number;
}

export const WORSENING_MIN_RISE = 0.05;
/** Earlier pulses with the same items pooled into a trend's baseline. */
export const BASELINE_WAVES = 6;
/** A rise one pulse shows alone must clear one-sided 0.1%: one pulse of a small unit swings a lot. */
export const Z_RISE_ONE_PULSE = 3.090232306167813;
/**
 * A rise the last two pulses show together, with the newest alone at least one standard error
 * up (one-sided 2.5%). The rule before borrowing strength asked 3%; at that level, with the
 * hotspot bar lowered for small groups, the simulation's false flags sat at the edge of their
 * goal (docs/alerts.md).
 */
export const Z_RISE_TWO_PULSES = 1.959963984540054;
export const Z_RISE_NEWEST_PULSE = 1;

export interface RuleSettings {
  hazard: number;
  belief: HotspotBelief;
  zOne: number;
  zTwo: number;
}
export const RULE_SETTINGS: RuleSettings = { hazard: CHANGE_HAZARD, belief: HOTSPOT_BELIEF, zOne: Z_RISE_ONE_PULSE, zTwo: Z_RISE_TWO_PULSES };

/**
 * A figure's status and trend, borrowing strength across departments and pulses:
 *
 * - a hotspot when this pulse's share is above the line (so a hotspot never reads below it)
 *   and the chance that the rate now is above it reaches the bar: read against how the
 *   organization's departments spread and against the group's own pulses for as long as its
 *   level has not changed, the bar {@link HOTSPOT_BELIEF} (by how many answered) where the
 *   departments vouch for such a rate and {@link HOTSPOT_BELIEF_ALONE} where nothing does;
 * - a watch item when only the share is above the line;
 * - worsening when this pulse, or this pulse and the one before together, stand above the
 *   baseline of the six pulses before them by the tests' z and by at least five points, the
 *   baseline lifted by borrowing where that lifts it; reported once.
 */
export function borrowedStrengthRule(e: FigureEvidence, settings: RuleSettings = RULE_SETTINGS): FigureDecision {
  const { share, n, effect, threshold, comparable } = e;
  const interval = wilsonInterval((share * n) / effect, n / effect);
  // Each pulse's likelihood over the grid is worked out once and read by every test below.
  const readings = new Map<object, Reading>();
  const read = (pulse: { share: number; n: number }) => {
    let found = readings.get(pulse);
    if (!found) readings.set(pulse, (found = reading(effective(pulse.share, pulse.n, effect))));
    return found;
  };
  const current = { share, n, waveId: e.waveId };
  const history = comparable.slice(0, CHANGE_WINDOW - 1);
  const pulses = [...history.map(read).reverse(), read(current)];
  const { level, vouched } = readLevel(pulses, e.borrowed, settings.hazard, threshold);
  const barAt = (belief: number) => Math.round(100 * (HOTSPOT_BELIEF_ALONE + (belief - HOTSPOT_BELIEF_ALONE) * vouched)) / 100;
  const fewness = Math.min(1, Math.max(0, (MANY_ANSWERED - n) / (MANY_ANSWERED - FEW_ANSWERED)));
  const bar = barAt(settings.belief.many - (settings.belief.many - settings.belief.few) * fewness);
  // Published, and compared with the bar, in whole percents, and never written as certain.
  const above = Math.min(0.99, Math.max(0.01, Math.floor(level.above * 100) / 100));
  const status: FigureStatus = share > threshold && above >= bar ? 'hotspot' : share > threshold ? 'watch' : 'ok';
  const pooled = [current, ...history.slice(0, level.pulses - 1)];
  const pooledN = pooled.reduce((sum, c) => sum + c.n, 0);
  const decision: FigureDecision = {
    low: interval.low,
    high: interval.high,
    status,
    estimate: {
      above,
      bar,
      share: pooled.reduce((sum, c) => sum + c.share * c.n, 0) / pooledN,
      n: pooledN,
      waveIds: pooled.map((c) => c.waveId).reverse(),
      read: history.length + 1,
      borrowed: vouched >= 0.5,
      // Named wherever the bar is lower than a large group's, so the leader is told why.
      ...(bar < barAt(settings.belief.many) ? { barLoweredFor: n } : {}),
    },
  };

  // Report once: not when the last pulse that published the group already reported it, even
  // over a pulse between that published nothing for it.
  const previous = e.askedBefore[0];
  const lastPublished = e.askedBefore.find((figure) => figure !== undefined);
  const baseline = comparable.slice(0, BASELINE_WAVES);
  if (baseline.length === 0) return decision;
  const single = { recent: [current], baseline };
  const z = riseZ(single.recent, levelOf(baseline.map(read), e.borrowed), effect);
  // The pair only with the pulse just before, and not when that pulse was already reported
  // rising: a level that stays up is then the baseline's to absorb.
  const pair =
    comparable[0] && previous === comparable[0].figure && !previous.trend?.worsening
      ? { recent: [comparable[0], ...single.recent], baseline: comparable.slice(1, 1 + BASELINE_WAVES) }
      : undefined;
  const earlierLevel = pair && pair.baseline.length > 0 ? levelOf(pair.baseline.map(read), e.borrowed) : undefined;
  const zTwo = earlierLevel ? riseZ(pair!.recent, earlierLevel, effect) : -Infinity;
  const risesOverTwo = earlierLevel !== undefined && zTwo >= settings.zTwo && riseZ(single.recent, earlierLevel, effect) >= Z_RISE_NEWEST_PULSE;
  // What the leader is shown, and what the five points count from, is the plain average of the
  // baseline's percents: a figure they can check against the trend line.
  const shown = z >= settings.zOne || !risesOverTwo ? single : pair!;
  const baselineShare = shown.baseline.reduce((sum, c) => sum + c.share * c.n, 0) / shown.baseline.reduce((sum, c) => sum + c.n, 0);
  const rising = (z >= settings.zOne || risesOverTwo) && !lastPublished?.trend?.worsening && share - baselineShare >= WORSENING_MIN_RISE;
  decision.trend = {
    baselineShare,
    baselineN: shown.baseline.reduce((sum, c) => sum + c.n, 0),
    baselineWaveIds: shown.baseline.map((c) => c.waveId),
    recentWaveIds: shown.recent.map((c) => c.waveId),
    z: shown === pair ? zTwo : z,
    worsening: rising,
  };
  return decision;
}

/**
 * The current level read against a mixture: the departments' fitted spread, and an even spread
 * worth `EVEN_DEPARTMENTS` (population.ts) departments. `vouched` is how much the fitted
 * spread accounts for the pulses: near 1 for a figure like many departments', near 0 for a
 * rate none of them shows or an organization with few departments.
 */
function readLevel(pulses: readonly Reading[], borrowed: Borrowed | undefined, hazard: number, line: number): { level: CurrentLevel; vouched: number } {
  const even = currentLevel(FLAT_POPULATION, pulses, hazard, line);
  if (!borrowed) return { level: even, vouched: 0 };
  const fitted = currentLevel(borrowed.population, pulses, hazard, line);
  const vouched = vouchedFor(fitted.evidence, even.evidence, borrowed.departments);
  return { level: { ...(vouched >= 0.5 ? fitted : even), above: vouched * fitted.above + (1 - vouched) * even.above }, vouched };
}

/**
 * A baseline's level: the mean and variance of one rate behind the department's own pulses,
 * read against the same mixture as the hotspot test where that lifts it, so a run of chance
 * lows in a small department ("rising from 0%") does not make its next ordinary pulse a rise.
 */
function levelOf(pulses: readonly Reading[], borrowed: Borrowed | undefined): { mean: number; variance: number } {
  const even = posterior(FLAT_POPULATION, pulses);
  if (!borrowed) return meanOf(even.weights);
  const fitted = posterior(borrowed.population, pulses);
  const vouched = vouchedFor(fitted.evidence, even.evidence, borrowed.departments);
  const mixed = meanOf(fitted.weights.map((weight, j) => vouched * weight + (1 - vouched) * even.weights[j]!));
  const own = meanOf(even.weights);
  // Borrowing may only lift a baseline: a run of chance lows is not taken at its word, but a
  // department steadily above the others is never told its ordinary pulses are rises.
  return mixed.mean > own.mean ? mixed : own;
}

/** How much of the mixture the fitted spread holds after the pulses: its prior weight times how well it explained them. */
function vouchedFor(fittedEvidence: number, evenEvidence: number, departments: number): number {
  const evenPrior = evenWeight(departments);
  const top = Math.max(fittedEvidence, evenEvidence);
  const forFitted = (1 - evenPrior) * Math.exp(fittedEvidence - top);
  const forEven = evenPrior * Math.exp(evenEvidence - top);
  return forFitted / (forFitted + forEven);
}

/** How many standard errors the recent pulses stand above a baseline level, the baseline's own uncertainty included. */
function riseZ(recent: readonly { share: number; n: number }[], baseline: { mean: number; variance: number }, effect: number): number {
  const people = recent.reduce((sum, c) => sum + c.n, 0) / effect;
  const share = recent.reduce((sum, c) => sum + (c.share * c.n) / effect, 0) / people;
  const variance = (baseline.mean * (1 - baseline.mean)) / people + baseline.variance;
  return variance > 0 ? (share - baseline.mean) / Math.sqrt(variance) : 0;
}

export const alertRule: AlertRule = (evidence) => borrowedStrengthRule(evidence);
