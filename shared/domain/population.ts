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

/** Rates at the middle of each of 50 two-point bins: finer than any figure a department shows. */
export const RATE_GRID: readonly number[] = Array.from({ length: 50 }, (_, i) => (i + 0.5) / 50);
const LOG_RATE = RATE_GRID.map(Math.log);
const LOG_OTHER = RATE_GRID.map((rate) => Math.log(1 - rate));

/** Every rate equally likely: what a rule reads a figure against when there is nothing to borrow. */
export const FLAT_POPULATION: Population = { rates: RATE_GRID, weights: RATE_GRID.map(() => 1 / RATE_GRID.length) };

/**
 * A small share of every fitted population spread evenly: the fit gives no weight to rates no
 * department showed this pulse, and a department must still be able to be the first there.
 */
const EVEN_SHARE = 0.02;
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
  return { rates: RATE_GRID, weights: weights.map((weight) => (1 - EVEN_SHARE) * weight + EVEN_SHARE / RATE_GRID.length) };
}

/** The distribution of one true rate after observations that share it. */
export function posterior(prior: Population, observations: readonly Observation[]): number[] {
  let weights = [...prior.weights];
  for (const observation of observations) weights = update(weights, likelihoods(observation));
  return weights;
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
  /** Pulses, oldest first, in the most likely stretch of unchanged level that ends now. */
  pulses: number;
}

/**
 * Online change-point detection (Adams and MacKay 2007) over a department's pulses, oldest
 * first: at each pulse its level may have changed with probability `hazard`, and the new level
 * is drawn from the population. The chance the rate now is above `line` weighs every possible
 * time since the last change by how well it explains the pulses, so a pulse that reads clearly
 * below a hot history ends the pooling by itself, and a pulse that could be either does not.
 */
export function currentLevel(population: Population, pulses: readonly Observation[], hazard: number, line: number): CurrentLevel {
  let runs: { weight: number; rates: number[]; pulses: number }[] = [];
  for (const observation of pulses) {
    const likelihood = likelihoods(observation);
    const predictive = (weights: readonly number[]) => weights.reduce((sum, weight, j) => sum + weight * likelihood[j]!, 0);
    const fresh = predictive(population.weights);
    const next = runs.map((run) => ({
      weight: run.weight * (1 - hazard) * predictive(run.rates),
      rates: update(run.rates, likelihood),
      pulses: run.pulses + 1,
    }));
    next.push({ weight: (runs.length === 0 ? 1 : hazard) * fresh, rates: update(population.weights, likelihood), pulses: 1 });
    const total = next.reduce((sum, run) => sum + run.weight, 0);
    runs = next.map((run) => ({ ...run, weight: total > 0 ? run.weight / total : 1 / next.length }));
  }
  let above = 0;
  for (const run of runs) for (let j = 0; j < RATE_GRID.length; j++) if (RATE_GRID[j]! > line) above += run.weight * run.rates[j]!;
  const likeliest = runs.reduce((best, run) => (run.weight > best.weight ? run : best), runs[0] ?? { weight: 0, rates: [], pulses: 0 });
  return { above: Math.min(1, above), pulses: likeliest.pulses };
}
