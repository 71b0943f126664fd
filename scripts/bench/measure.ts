import { report } from './snapshot.js';
/** Small helpers for benchmarks: percentiles, timers, a table printer. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Bounded fan-out, the same helper the platform uses. */
export { mapLimit as pool } from '../../shared/concurrency.js';

export function printTable(title: string, rows: [string, string][]) {
  report(`\n${title}`);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [key, value] of rows) report(`  ${key.padEnd(width)}  ${value}`);
}

/**
 * When `count` people answer at random over `windowMs` at a steady rate (a Poisson process,
 * as independent people are): evenly spaced arrivals would never overlap and hide conflicts.
 */
export function poissonArrivals(count: number, windowMs: number, random: () => number = Math.random): number[] {
  const meanGap = windowMs / count;
  const times: number[] = [];
  for (let t = 0, i = 0; i < count; i++) times.push((t += -Math.log(1 - random()) * meanGap));
  return times;
}
