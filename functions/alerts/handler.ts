import '../shared/lambda-setup.js';
import middy from '@middy/core';
import { emfCounters, flushCounters } from '../../shared/adapters/aws/emf-counters.js';
import { createLogger } from '../../shared/logger.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { coreServices, emailMessenger } from '../shared/aws-services.js';
import { logErrors } from '../shared/log-errors.js';

/**
 * EventBridge Scheduler (daily, an hour after waves close) -> runAlerts -> SES. Running it
 * again, or after a retry, sends nothing twice: the alert log is claimed per leader first.
 */
const services = coreServices();
const log = createLogger('alerts');
const counters = emfCounters('alerts');
const deps = { ...services, messenger: emailMessenger(services.org), log, baseUrl: services.settings.PUBLIC_BASE_URL, counters };

// The run's counter (digests sent) is written when it ends, thrown or not.
export const handler = middy().use(flushCounters(counters)).use(logErrors(log)).handler(async () => {
  const report = await runAlerts(deps);
  return { wave: report.waveId, sent: report.sent.length, digests: report.digests.length };
});
