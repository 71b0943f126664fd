import '../shared/lambda-setup.js';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { powertoolsCounters } from '../../shared/adapters/aws/powertools-counters.js';
import { createLogger } from '../../shared/logger.js';
import type { DeliverDeps } from '../../shared/use-cases/deliver-message.js';
import { coreServices, messenger, waveSecrets } from '../shared/aws-services.js';
import { logErrors } from '../shared/log-errors.js';
import { processDeliveries } from './process-deliveries.js';

/** SQS -> processDeliveries -> deliverMessages -> SES / SNS. */
const services = coreServices();
const counters = powertoolsCounters('send');
// No wave cache: each batch reads its wave and secret once, and a wave closed since the
// last batch must not be sent to from a warm instance's memory.
const deps: DeliverDeps = { ...services, secrets: waveSecrets(), messenger: messenger(services.org), log: createLogger('send'), baseUrl: services.settings.PUBLIC_BASE_URL, counters };

// logMetrics writes the batch's counters (messages sent and failed) when it ends, thrown or not.
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(logMetrics(counters.metrics))
  .use(logErrors(deps.log))
  .handler((event, context) => processDeliveries(event, deps, { remainingMs: () => context.getRemainingTimeInMillis() }));
