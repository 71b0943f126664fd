/**
 * A fair shuffle (Fisher-Yates): where an order could say who is who (the order messages go
 * out in, the order comments come in), the order is a random one instead.
 * `randomBelow(n)` gives a whole number from 0 to n - 1.
 */
export function shuffled<T>(items: readonly T[], randomBelow: (bound: number) => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
