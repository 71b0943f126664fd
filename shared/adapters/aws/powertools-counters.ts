import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Counters } from '../../ports/counters.js';

/**
 * Counters as CloudWatch metrics through Powertools: embedded metric format on stdout, so
 * counting costs no network call. One namespace and the service dimension Powertools adds,
 * nothing else: the counters are organization-wide by design (ports/counters.ts).
 */
export function powertoolsCounters(serviceName: string): Counters & { metrics: Metrics } {
  const metrics = new Metrics({ namespace: 'CarePulse', serviceName });
  return { metrics, count: (name, value = 1) => void metrics.addMetric(name, MetricUnit.Count, value) };
}
