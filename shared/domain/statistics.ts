/**
 * The statistics behind alerts, kept small and checked against published values.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;
/** z for a one-sided test at 5%. */
export const Z_ONE_SIDED_05 = 1.6448536269514722;
/** z for a one-sided test at 1%. */
export const Z_ONE_SIDED_01 = 2.3263478740408408;

/**
 * Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3). Unlike
 * the normal approximation it stays inside [0, 1] and behaves at small n, which is where
 * unit-level pulse figures live.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return { low: Math.max(0, (centre - margin) / denominator), high: Math.min(1, (centre + margin) / denominator) };
}

/**
 * Two-proportion z statistic (pooled), positive when the first proportion is higher.
 * Returns 0 when either sample is empty or there is no variance to test against.
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return 0;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 0;
  return (x1 / n1 - x2 / n2) / se;
}

/** Upper-tail probability of the standard normal (Abramowitz and Stegun 26.2.17, |error| < 7.5e-8). */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return density * poly;
}

/**
 * 95% interval for a difference of two independent proportions, p1 - p2, by Newcombe's
 * hybrid score method (Newcombe 1998, method 10): each proportion's Wilson interval, combined.
 * It stays inside [-1, 1] and keeps its coverage at the small n and extreme shares of a
 * department's before-and-after, where the simple Wald interval does not.
 */
export function differenceInterval(x1: number, n1: number, x2: number, n2: number, z = Z95): { difference: number; low: number; high: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const one = wilsonInterval(x1, n1, z);
  const two = wilsonInterval(x2, n2, z);
  const difference = p1 - p2;
  return {
    difference,
    low: difference - Math.sqrt((p1 - one.low) ** 2 + (two.high - p2) ** 2),
    high: difference + Math.sqrt((one.high - p1) ** 2 + (p2 - two.low) ** 2),
  };
}
