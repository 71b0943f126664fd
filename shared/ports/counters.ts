/**
 * Operational counters, organization-wide only. Never per department or role: a count per
 * department over time would say who answered when (a unit of five, one answer at 14:02).
 * Never per person, and never a value that names one (docs/design.md, invariant 5).
 */
export const COUNTER_NAMES = ['AnswersCounted', 'BusyReplies', 'MessagesSent', 'MessagesFailed', 'DigestsSent'] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

export interface Counters {
  count(name: CounterName, value?: number): void;
}

/** Counting nothing: the local platform, and tests that do not look. */
export const noCounters: Counters = { count: () => {} };

/** Counters kept in memory, for tests. */
export function memoryCounters(): Counters & { totals: Map<CounterName, number> } {
  const totals = new Map<CounterName, number>();
  return { totals, count: (name, value = 1) => void totals.set(name, (totals.get(name) ?? 0) + value) };
}
