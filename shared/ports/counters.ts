/**
 * Operational counters, organization-wide only. Never per department or role: a count per
 * department over time would say who answered when (a unit of five, one answer at 14:02).
 * Never per person, and never a value that names one (docs/design.md, invariant 5).
 */
export const COUNTER_NAMES = [
  'AnswersCounted',
  /** Comments kept with their answers. */
  'CommentsKept',
  /** Comments given up because their unit's bucket was full: the answers were counted without them. */
  'CommentsDropped',
  'BusyReplies',
  /** Staff invitations and reminders handed to the provider. */
  'MessagesSent',
  /** Staff messages whose send failed in a way that may pass (throttling): the queue brings them back. */
  'MessagesFailed',
  /** Staff messages the provider refused for good (unverified identity, access denied, a bad address): nobody will retry them. */
  'MessagesRefused',
  /**
   * People a send batch reached whose unit's count could not be written (a throttled
   * transaction): their unit's answers wait until a reminder counts them.
   */
  'ReachNotCounted',
  'DigestsSent',
  /** Leaders' digests the provider refused for good, counted once, in the run that met the refusal. */
  'DigestsRefused',
  /** Leaders' digests left to the next alert run after a failure that may pass. */
  'DigestsRetryLater',
] as const;
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
