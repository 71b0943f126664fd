/**
 * One retry policy for DynamoDB, so no error is retried by two loops at once (three SDK
 * attempts inside each of six of ours once let one submit reach DynamoDB 18 times):
 * - Throttling and transient errors (5xx, timeouts, dropped connections) are the SDK's: adaptive
 *   mode, which also slows the whole client while DynamoDB throttles it, with at most
 *   SDK_MAX_ATTEMPTS attempts a request. When they run out the caller gives up at once (a
 *   person is told the service is busy and to try again in a moment).
 * - What the SDK takes for an answer is ours: a transaction cancelled because another one held
 *   an item (TransactionConflict) is tried again by recordSubmission, and items a batch request
 *   hands back unprocessed are resent by the batch loops, each with the backoff below, up to
 *   `attempts` times.
 */
export const SDK_MAX_ATTEMPTS = 3;

/** Our half of the policy: how often, and how far apart, to try what the SDK does not. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so fault tests run without waiting. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 20,
  maxDelayMs: 800,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** "Full jitter" backoff: concurrent losers of a conflict spread out instead of colliding again. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(policy.random() * ceiling);
}
