import '../shared/lambda-setup.js';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Wave } from '../../shared/domain/wave.js';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { powertoolsCounters } from '../../shared/adapters/aws/powertools-counters.js';
import { createLogger } from '../../shared/logger.js';
import type { DeliverDeps } from '../../shared/use-cases/deliver-message.js';
import { coreServices, messenger } from '../shared/aws-services.js';
import { processDeliveries } from './process-deliveries.js';

/** SQS -> processDeliveries -> deliverMessage -> SES / SNS. */
const services = coreServices();
// Waves and secrets change rarely; they are kept for one batch at a time.
const cache = { waves: new Map<string, Wave | undefined>(), secrets: new Map<string, Buffer | undefined>() };
const counters = powertoolsCounters('send');
const deps: DeliverDeps = { ...services, messenger: messenger(services.org), log: createLogger('send'), baseUrl: services.settings.PUBLIC_BASE_URL, cache, counters };

// logMetrics writes the batch's counters (messages sent and failed) when it ends, thrown or not.
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(logMetrics(counters.metrics))
  .handler((event) => processDeliveries(event, deps));
