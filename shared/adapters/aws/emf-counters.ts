import type { MiddlewareObj } from '@middy/core';
import type { CounterName, Counters } from '../../ports/counters.js';

/** The CloudWatch namespace every counter is published under. */
export const COUNTER_NAMESPACE = 'CarePulse';

export interface EmfCounters extends Counters {
  /** Writes what was counted since the last flush as one EMF line, or nothing if nothing was. */
  flush(): void;
}

/**
 * Counters as CloudWatch metrics in the embedded metric format: one JSON line on stdout per
 * invocation, which CloudWatch turns into metrics, so counting costs no network call. One
 * namespace and two dimensions, the organization and the service: the counters are
 * organization-wide by design (ports/counters.ts), and organizations sharing an account must
 * not set off each other's alarms. A counter counted several times in one invocation is written once,
 * as its sum, which is the statistic every alarm and dashboard of ours reads.
 *
 * Written here rather than with Powertools Metrics, whose logger and metrics together cost
 * 5 to 9 hundredths of every cold start (docs/design.md): the format is a documented JSON
 * shape (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * and a test holds each line to it.
 */
export function emfCounters(source: { org: string; service: string }, write: (line: string) => void = (line) => void process.stdout.write(line)): EmfCounters {
  const totals = new Map<CounterName, number>();
  return {
    count: (name, value = 1) => void totals.set(name, (totals.get(name) ?? 0) + value),
    flush: () => {
      if (totals.size === 0) return;
      const metrics = [...totals.keys()].map((name) => ({ Name: name, Unit: 'Count' }));
      const line = {
        _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: COUNTER_NAMESPACE, Dimensions: [['org', 'service']], Metrics: metrics }] },
        org: source.org,
        service: source.service,
        ...Object.fromEntries(totals),
      };
      totals.clear();
      write(`${JSON.stringify(line)}\n`);
    },
  };
}

/** Writes an invocation's counters when it ends, answered or thrown (middy). */
export function flushCounters(counters: EmfCounters): MiddlewareObj {
  return { after: () => counters.flush(), onError: () => counters.flush() };
}
