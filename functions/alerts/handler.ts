import '../shared/lambda-setup.js';
import middy from '@middy/core';
import { emfCounters, flushCounters } from '../../shared/adapters/aws/emf-counters.js';
import { createLogger } from '../../shared/logger.js';
import { DigestsLeftToRetryError } from '../../shared/errors.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { coreServices, emailMessenger } from '../shared/aws-services.js';
import { logErrors } from '../shared/log-errors.js';

/**
 * EventBridge Scheduler (daily, an hour after waves close) -> runAlerts -> SES. Running it
 * again, or after a retry, sends nothing twice: the alert log is claimed per leader first.
 * One leader's failed send never stops the others'.
 */
const services = coreServices();
const log = createLogger('alerts');
const counters = emfCounters({ org: services.org.id, service: 'alerts' });
const deps = { ...services, messenger: emailMessenger(services.org), log, baseUrl: services.settings.PUBLIC_BASE_URL, counters };

// The run's counters (digests sent, refused, left to retry) are written when it ends, thrown or not.
export const handler = middy()
  .use(flushCounters(counters))
  .use(logErrors(log))
  .handler(async () => {
    const report = await runAlerts(deps);
    // Thrown only when a retry can help (Lambda retries the run, the errors alarm fires); refusals alone are raised by DigestsRefused.
    if (report.retryLater.length > 0) throw new DigestsLeftToRetryError(report);
    return {
      wave: report.waveId,
      digests: report.digests.length,
      sent: report.sent.length,
      alreadySent: report.alreadySent.length,
      refused: report.refused.length,
    };
  });
