import type { DepartmentTree } from './department-tree.js';
import type { Domain } from './instrument.js';
import { currentLevel, fitPopulation, FLAT_POPULATION, meanOf, posterior, type Observation, type Population } from './population.js';
import type { DomainFigure, FigureStatus } from './published.js';
import { wilsonInterval } from './statistics.js';

/** An earlier pulse that published the group and asked the same items. */
export interface ComparablePulse {
  waveId: string;
  share: number;
  n: number;
  figure: DomainFigure;
}

/** How the organization's departments spread on a domain this pulse, and how many showed it. */
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

export type FigureDecision = Pick<DomainFigure, 'low' | 'high' | 'status' | 'estimate' | 'pooled' | 'trend'>;
export type AlertRule = (evidence: FigureEvidence) => FigureDecision;

/** Fewer published departments without children than this say too little about how departments spread. */
export const MIN_DEPARTMENTS_TO_BORROW = 8;

/**
 * Per domain, how the pulse's published departments without children spread: the population
 * every figure of the pulse is read against. Fitted from published percents and n alone.
 */
export function borrowedPopulations(
  tree: DepartmentTree,
  shown: readonly { id: string; kind: string; department?: string | undefined }[],
  evidence: ReadonlyMap<string, readonly FigureEvidence[]>,
): Map<Domain, Borrowed> {
  const leaves = shown.filter((group) => group.kind === 'department' && tree.childrenOf(group.department).length === 0);
  const byDomain = new Map<Domain, Observation[]>();
  for (const leaf of leaves)
    for (const figure of evidence.get(leaf.id) ?? [])
      byDomain.set(figure.domain, [...(byDomain.get(figure.domain) ?? []), effective(figure.share, figure.n, figure.effect)]);
  const borrowed = new Map<Domain, Borrowed>();
  for (const [domain, observations] of byDomain)
    if (observations.length >= MIN_DEPARTMENTS_TO_BORROW) borrowed.set(domain, { population: fitPopulation(observations), departments: observations.length });
  return borrowed;
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
 * How sure a hotspot must be that the rate is above the line, read against the organization's
 * departments: at this level the benchmark's simulation kept false flags under its goal
 * (docs/alerts.md). Without departments to borrow from, a figure needs what a 95% interval's
 * lower bound above the line needs.
 */
export const HOTSPOT_BELIEF = 0.8;
export const HOTSPOT_BELIEF_ALONE = 0.975;

export const WORSENING_MIN_RISE = 0.05;
/** Earlier pulses with the same items pooled into a trend's baseline. */
export const BASELINE_WAVES = 6;
/** A rise one pulse shows alone must clear one-sided 0.07%: one pulse of a small unit swings a lot. */
export const Z_RISE_ONE_PULSE = 3.194651053763272;
/** A rise the last two pulses show together, with the newest alone at least one standard error up (one-sided 2%). */
export const Z_RISE_TWO_PULSES = 2.053748910631822;
export const Z_RISE_NEWEST_PULSE = 1;

export interface RuleSettings {
  hazard: number;
  belief: number;
  zOne: number;
  zTwo: number;
}
export const RULE_SETTINGS: RuleSettings = { hazard: CHANGE_HAZARD, belief: HOTSPOT_BELIEF, zOne: Z_RISE_ONE_PULSE, zTwo: Z_RISE_TWO_PULSES };

/**
 * A figure's status and trend, borrowing strength across departments and pulses:
 *
 * - a hotspot when the chance that the department's rate is above the line now, read against
 *   how the organization's departments spread and against its own pulses for as long as its
 *   level has not changed, is at least {@link HOTSPOT_BELIEF}; and this pulse's own share is
 *   above the line, so a hotspot never reads below it;
 * - a watch item when only the share is above the line;
 * - worsening when this pulse, or this pulse and the one before together, stand above the
 *   baseline of the six pulses before them, the baseline read against the organization's
 *   spread (so a run of chance lows in a small unit is not taken at its word), by at least five
 *   points; reported once.
 */
export function borrowedStrengthRule(e: FigureEvidence, settings: RuleSettings = RULE_SETTINGS): FigureDecision {
  const { share, n, effect, threshold, comparable } = e;
  const population = e.borrowed?.population ?? FLAT_POPULATION;
  const interval = wilsonInterval((share * n) / effect, n / effect);
  const history = comparable.slice(0, CHANGE_WINDOW - 1);
  const level = currentLevel(
    population,
    [...history.map((c) => effective(c.share, c.n, effect)).reverse(), effective(share, n, effect)],
    settings.hazard,
    threshold,
  );
  const belief = e.borrowed ? settings.belief : HOTSPOT_BELIEF_ALONE;
  const status: FigureStatus = share > threshold && level.above >= belief ? 'hotspot' : share > threshold ? 'watch' : 'ok';
  const pooled = [{ share, n, waveId: e.waveId }, ...history.slice(0, level.pulses - 1)];
  const pooledN = pooled.reduce((sum, c) => sum + c.n, 0);
  const decision: FigureDecision = {
    low: interval.low,
    high: interval.high,
    status,
    estimate: {
      above: level.above,
      share: pooled.reduce((sum, c) => sum + c.share * c.n, 0) / pooledN,
      n: pooledN,
      waveIds: pooled.map((c) => c.waveId).reverse(),
      departments: e.borrowed?.departments ?? 0,
    },
  };

  const previous = e.askedBefore[0];
  const baseline = comparable.slice(0, BASELINE_WAVES);
  if (baseline.length === 0) return decision;
  const single = { recent: [{ share, n, waveId: e.waveId }], baseline };
  const z = riseZ(single.recent, levelOf(population, baseline, effect), effect);
  // The pair only with the pulse just before, and not when that pulse was already reported
  // rising: a level that stays up is then the baseline's to absorb.
  const pair =
    comparable[0] && previous === comparable[0].figure && !previous.trend?.worsening
      ? { recent: [comparable[0], ...single.recent], baseline: comparable.slice(1, 1 + BASELINE_WAVES) }
      : undefined;
  const earlierLevel = pair && pair.baseline.length > 0 ? levelOf(population, pair.baseline, effect) : undefined;
  const risesOverTwo =
    earlierLevel !== undefined &&
    riseZ(pair!.recent, earlierLevel, effect) >= settings.zTwo &&
    riseZ(single.recent, earlierLevel, effect) >= Z_RISE_NEWEST_PULSE;
  // What the leader is shown, and what the five points count from, is the plain average of the
  // baseline's percents: a figure they can check against the trend line.
  const shown = z >= settings.zOne || !risesOverTwo ? single : pair!;
  const baselineShare = shown.baseline.reduce((sum, c) => sum + c.share * c.n, 0) / shown.baseline.reduce((sum, c) => sum + c.n, 0);
  const rising = (z >= settings.zOne || risesOverTwo) && !previous?.trend?.worsening && share - baselineShare >= WORSENING_MIN_RISE;
  decision.trend = {
    baselineShare,
    baselineN: shown.baseline.reduce((sum, c) => sum + c.n, 0),
    baselineWaveIds: shown.baseline.map((c) => c.waveId),
    recentWaveIds: shown.recent.map((c) => c.waveId),
    z,
    worsening: rising,
  };
  return decision;
}

/** A baseline's level: the posterior mean and variance of one rate behind its pulses, read against the population. */
function levelOf(population: Population, pulses: readonly { share: number; n: number }[], effect: number): { mean: number; variance: number } {
  return meanOf(
    posterior(
      population,
      pulses.map((c) => effective(c.share, c.n, effect)),
    ),
  );
}

/** How many standard errors the recent pulses stand above a baseline level, the baseline's own uncertainty included. */
function riseZ(recent: readonly { share: number; n: number }[], baseline: { mean: number; variance: number }, effect: number): number {
  const people = recent.reduce((sum, c) => sum + c.n, 0) / effect;
  const share = recent.reduce((sum, c) => sum + (c.share * c.n) / effect, 0) / people;
  const variance = (baseline.mean * (1 - baseline.mean)) / people + baseline.variance;
  return variance > 0 ? (share - baseline.mean) / Math.sqrt(variance) : 0;
}

export const alertRule: AlertRule = (evidence) => borrowedStrengthRule(evidence);
