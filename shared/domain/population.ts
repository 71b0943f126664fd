import { normalUpperTail } from './statistics.js';

/**
 * Borrowing strength: what a small department's few answers say, read against how the
 * organization's departments spread (empirical Bayes) and against the department's own earlier
 * pulses for as long as its level has not changed (a change-point model). Every figure these
 * functions read is a published share and its people, so nothing they return says more than the
 * published percents do.
 */

/** One pulse's answers in effective terms: adverse answers and people, both over the design effect. */
export interface Observation {
  adverse: number;
  people: number;
}

/** A distribution of true rates on a fixed grid. */
export interface Population {
  rates: readonly number[];
  weights: readonly number[];
}

/**
 * Rates at the middle of each of 100 one-point bins, so a line at a whole percent falls between
 * two of them. A stretch of pulses with more answers than {@link GRID_ANSWERS} is narrower than a
 * bin, and is read by the normal approximation instead.
 */
const BINS = 100;
export const RATE_GRID: readonly number[] = Array.from({ length: BINS }, (_, i) => (i + 0.5) / BINS);
const GRID_ANSWERS = 400;
const LOG_RATE = RATE_GRID.map(Math.log);
const LOG_OTHER = RATE_GRID.map((rate) => Math.log(1 - rate));

/** Every rate equally likely: what a rule reads a figure against when there is nothing to borrow. */
export const FLAT_POPULATION: Population = { rates: RATE_GRID, weights: RATE_GRID.map(() => 1 / RATE_GRID.length) };

/**
 * How many departments' worth of an even spread stands beside every fitted population: the fit
 * gives no weight to rates no department showed, and a department must still be able to be the
 * first there; with few departments it is mostly the even spread that speaks.
 */
export const EVEN_DEPARTMENTS = 8;
/**
 * EM rounds. Stopped well short of convergence, which would gather the weight onto a few rates
 * and make eight small departments sound as sure as eight hundred: the early stop keeps the fit
 * smooth.
 */
const FIT_ROUNDS = 150;

/** A pulse with how likely it is at each rate of the grid (scaled so the likeliest is 1): worked out once, read many times. */
export interface Reading extends Observation {
  likelihood: Float64Array;
  /** The bins outside `[from, to)` are too unlikely to count (under 1e-12 of the likeliest). */
  from: number;
  to: number;
}

export function reading(observation: Observation): Reading {
  const likelihood = new Float64Array(BINS);
  let top = -Infinity;
  for (let j = 0; j < BINS; j++) {
    likelihood[j] = observation.adverse * LOG_RATE[j]! + (observation.people - observation.adverse) * LOG_OTHER[j]!;
    if (likelihood[j]! > top) top = likelihood[j]!;
  }
  let from = BINS;
  let to = 0;
  for (let j = 0; j < BINS; j++) {
    const value = likelihood[j]! - top > -27.6 ? Math.exp(likelihood[j]! - top) : 0;
    likelihood[j] = value;
    if (value > 0) {
      from = Math.min(from, j);
      to = j + 1;
    }
  }
  return { ...observation, likelihood, from, to };
}

/**
 * The distribution of true rates that best explains the departments' figures: the
 * nonparametric maximum-likelihood estimate on the grid, by EM (Laird 1978). Unlike one bell
 * curve it keeps a few departments far above the rest where there are some, so it does not pull
 * a hot department towards the middle.
 */
export function fitPopulation(observations: readonly Observation[]): Population {
  if (observations.length === 0) return FLAT_POPULATION;
  const rows = observations.map(reading);
  let weights = new Float64Array(BINS).fill(1 / BINS);
  for (let round = 0; round < FIT_ROUNDS; round++) {
    const next = new Float64Array(BINS);
    for (const { likelihood, from, to } of rows) {
      let total = 0;
      for (let j = from; j < to; j++) total += weights[j]! * likelihood[j]!;
      if (total <= 0) continue;
      for (let j = from; j < to; j++) next[j]! += (weights[j]! * likelihood[j]!) / total;
    }
    for (let j = 0; j < BINS; j++) next[j]! /= rows.length;
    weights = next;
  }
  return { rates: RATE_GRID, weights: smoothed([...weights]) };
}

/**
 * No two departments have quite the same rate, whatever a pulse's figures suggest: the fit,
 * which gathers its weight on the few rates that explain the figures best, is spread by a few
 * points either side, so a department a little apart from a tight cluster is not read as one
 * of it.
 */
const SPREAD_POINTS = 3;
function smoothed(weights: readonly number[]): number[] {
  const kernel = Array.from({ length: 4 * SPREAD_POINTS + 1 }, (_, i) => Math.exp(-0.5 * ((i - 2 * SPREAD_POINTS) / SPREAD_POINTS) ** 2));
  const spread = weights.map((_, j) => kernel.reduce((sum, k, i) => sum + k * (weights[j + i - 2 * SPREAD_POINTS] ?? 0), 0));
  const total = spread.reduce((sum, weight) => sum + weight, 0);
  return spread.map((weight) => weight / total);
}

/** How much an even spread weighs beside a population fitted from `departments` departments. */
export function evenWeight(departments: number): number {
  return EVEN_DEPARTMENTS / (departments + EVEN_DEPARTMENTS);
}

/**
 * The distribution of one true rate after observations that share it, and the log of how likely
 * they were under the prior (up to a constant shared by any prior).
 */
export function posterior(prior: Population, pulses: readonly Reading[]): { weights: Float64Array; evidence: number } {
  let weights = Float64Array.from(prior.weights);
  let evidence = 0;
  for (const pulse of pulses) {
    const next = new Float64Array(BINS);
    const total = weighted(weights, pulse, next);
    evidence += Math.log(Math.max(total, Number.MIN_VALUE));
    if (total > 0) weights = next;
  }
  return { weights, evidence };
}

/** Writes weights times a pulse's likelihood, normalised, into `into` (left zero elsewhere), and returns their sum before normalising. */
function weighted(weights: ArrayLike<number>, { likelihood, from, to }: Reading, into: Float64Array): number {
  let total = 0;
  for (let j = from; j < to; j++) total += into[j] = weights[j]! * likelihood[j]!;
  if (total > 0) for (let j = from; j < to; j++) into[j]! /= total;
  return total;
}

export function meanOf(weights: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let j = 0; j < BINS; j++) mean += weights[j]! * RATE_GRID[j]!;
  let variance = 0;
  for (let j = 0; j < BINS; j++) variance += weights[j]! * (RATE_GRID[j]! - mean) ** 2;
  return { mean, variance };
}

export interface CurrentLevel {
  /** How likely the true rate now is above the line. */
  above: number;
  /** Pulses in the most likely stretch of unchanged level that ends now. */
  pulses: number;
  /** Log of how likely the pulses were under this population (up to a constant shared by any population). */
  evidence: number;
}

/** How much of a distribution on the grid lies above the line, the line's own bin split where it falls. */
function massAbove(weights: ArrayLike<number>, line: number): number {
  let above = 0;
  for (let j = 0; j < BINS; j++) above += weights[j]! * Math.min(1, Math.max(0, j + 1 - line * BINS));
  return above;
}

/**
 * Online change-point detection (Adams and MacKay 2007) over a department's pulses, oldest
 * first: at each pulse its level may have changed with probability `hazard`, and the new level
 * is drawn from the population. The chance the rate now is above `line` weighs every possible
 * time since the last change by how well it explains the pulses, so a pulse that reads clearly
 * below a hot history ends the pooling by itself, and a pulse that could be either does not.
 */
export function currentLevel(population: Population, pulses: readonly Reading[], hazard: number, line: number): CurrentLevel {
  type Run = { weight: number; rates: Float64Array; pulses: number; adverse: number; people: number };
  let runs: Run[] = [];
  let evidence = 0;
  for (const pulse of pulses) {
    const next: Run[] = [];
    for (const run of runs) {
      const rates = new Float64Array(BINS);
      const predictive = weighted(run.rates, pulse, rates);
      next.push({
        weight: run.weight * (1 - hazard) * predictive,
        rates,
        pulses: run.pulses + 1,
        adverse: run.adverse + pulse.adverse,
        people: run.people + pulse.people,
      });
    }
    const rates = new Float64Array(BINS);
    const fresh = weighted(population.weights, pulse, rates);
    next.push({ weight: (runs.length === 0 ? 1 : hazard) * fresh, rates, pulses: 1, adverse: pulse.adverse, people: pulse.people });
    const total = next.reduce((sum, run) => sum + run.weight, 0);
    evidence += Math.log(Math.max(total, Number.MIN_VALUE));
    for (const run of next) run.weight = total > 0 ? run.weight / total : 1 / next.length;
    runs = next;
  }
  let above = 0;
  for (const run of runs)
    above += run.weight * (run.people > GRID_ANSWERS ? normalAbove(run.adverse / run.people, run.people, line) : massAbove(run.rates, line));
  const likeliest = runs.reduce((best, run) => (run.weight > best.weight ? run : best), runs[0]!);
  return { above: Math.min(1, Math.max(0, above)), pulses: likeliest?.pulses ?? 0, evidence };
}

/** The chance a rate is above the line after many answers, when the prior no longer matters. */
function normalAbove(share: number, people: number, line: number): number {
  const spread = Math.sqrt(Math.max(share * (1 - share), 1 / people) / people);
  return normalUpperTail((line - share) / spread);
}
