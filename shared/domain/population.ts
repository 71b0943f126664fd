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
export const GRID_ANSWERS = 400;
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

function likelihoods(observation: Observation): number[] {
  const logs = RATE_GRID.map((_, j) => observation.adverse * LOG_RATE[j]! + (observation.people - observation.adverse) * LOG_OTHER[j]!);
  const top = Math.max(...logs);
  return logs.map((value) => Math.exp(value - top));
}

/**
 * The distribution of true rates that best explains the departments' figures: the
 * nonparametric maximum-likelihood estimate on the grid, by EM (Laird 1978). Unlike one bell
 * curve it keeps a few departments far above the rest where there are some, so it does not pull
 * a hot department towards the middle.
 */
export function fitPopulation(observations: readonly Observation[]): Population {
  if (observations.length === 0) return FLAT_POPULATION;
  const rows = observations.map(likelihoods);
  let weights = RATE_GRID.map(() => 1 / RATE_GRID.length);
  for (let round = 0; round < FIT_ROUNDS; round++) {
    const next = RATE_GRID.map(() => 0);
    for (const row of rows) {
      let total = 0;
      for (let j = 0; j < row.length; j++) total += weights[j]! * row[j]!;
      if (total <= 0) continue;
      for (let j = 0; j < row.length; j++) next[j]! += (weights[j]! * row[j]!) / total;
    }
    weights = next.map((weight) => weight / rows.length);
  }
  return { rates: RATE_GRID, weights: smoothed(weights) };
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
export function posterior(prior: Population, observations: readonly Observation[]): { weights: number[]; evidence: number } {
  let weights = [...prior.weights];
  let evidence = 0;
  for (const observation of observations) {
    const likelihood = likelihoods(observation);
    evidence += Math.log(
      Math.max(
        weights.reduce((sum, weight, j) => sum + weight * likelihood[j]!, 0),
        Number.MIN_VALUE,
      ),
    );
    weights = update(weights, likelihood);
  }
  return { weights, evidence };
}

function update(weights: readonly number[], likelihood: readonly number[]): number[] {
  const next = weights.map((weight, j) => weight * likelihood[j]!);
  const total = next.reduce((sum, weight) => sum + weight, 0);
  return total > 0 ? next.map((weight) => weight / total) : [...weights];
}

export function meanOf(weights: readonly number[]): { mean: number; variance: number } {
  const mean = weights.reduce((sum, weight, j) => sum + weight * RATE_GRID[j]!, 0);
  return { mean, variance: weights.reduce((sum, weight, j) => sum + weight * (RATE_GRID[j]! - mean) ** 2, 0) };
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
function massAbove(weights: readonly number[], line: number): number {
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
export function currentLevel(population: Population, pulses: readonly Observation[], hazard: number, line: number): CurrentLevel {
  type Run = { weight: number; rates: number[]; pulses: number; adverse: number; people: number };
  let runs: Run[] = [];
  let evidence = 0;
  for (const observation of pulses) {
    const likelihood = likelihoods(observation);
    const predictive = (weights: readonly number[]) => weights.reduce((sum, weight, j) => sum + weight * likelihood[j]!, 0);
    const next: Run[] = runs.map((run) => ({
      weight: run.weight * (1 - hazard) * predictive(run.rates),
      rates: update(run.rates, likelihood),
      pulses: run.pulses + 1,
      adverse: run.adverse + observation.adverse,
      people: run.people + observation.people,
    }));
    next.push({
      weight: (runs.length === 0 ? 1 : hazard) * predictive(population.weights),
      rates: update(population.weights, likelihood),
      pulses: 1,
      ...observation,
    });
    const total = next.reduce((sum, run) => sum + run.weight, 0);
    evidence += Math.log(Math.max(total, Number.MIN_VALUE));
    runs = next.map((run) => ({ ...run, weight: total > 0 ? run.weight / total : 1 / next.length }));
  }
  let above = 0;
  for (const run of runs)
    above += run.weight * (run.people > GRID_ANSWERS ? normalAbove(run.adverse / run.people, run.people, line) : massAbove(run.rates, line));
  const likeliest = runs.reduce((best, run) => (run.weight > best.weight ? run : best), runs[0] ?? { weight: 0, rates: [], pulses: 0, adverse: 0, people: 0 });
  return { above: Math.min(1, Math.max(0, above)), pulses: likeliest.pulses, evidence };
}

/** The chance a rate is above the line after many answers, when the prior no longer matters. */
function normalAbove(share: number, people: number, line: number): number {
  const spread = Math.sqrt(Math.max(share * (1 - share), 1 / people) / people);
  return normalUpperTail((line - share) / spread);
}
