import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { emfCounters, flushCounters } from '../../shared/adapters/aws/emf-counters.js';
import type { Channel } from '../../shared/domain/staff.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { createLogger } from '../../shared/logger.js';
import type { Messenger } from '../../shared/ports/messenger.js';
import type { DeliverDeps } from '../../shared/use-cases/deliver-message.js';
import { coreServices, waveSecrets } from '../shared/aws-services.js';
import { logErrors } from '../shared/log-errors.js';
import { processDeliveries } from './process-deliveries.js';

/**
 * A send function for one channel, fed by that channel's queue. The messenger is built by
 * the handler module that imports this, so each bundle carries only its own channel's client.
 */
export function sendHandler(channel: Channel, messenger: (org: OrgConfig) => Messenger) {
  const services = coreServices();
  const counters = emfCounters({ org: services.org.id, service: `send-${channel}` });
  // No wave cache: each batch reads its wave and secret once, and a wave closed since the
  // last batch must not be sent to from a warm instance's memory.
  const deps: DeliverDeps = {
    ...services,
    secrets: waveSecrets(),
    messenger: messenger(services.org),
    log: createLogger(`send-${channel}`),
    baseUrl: services.settings.PUBLIC_BASE_URL,
    counters,
  };
  // The batch's counters (messages sent and failed) are written when it ends, thrown or not.
  return middy<SQSEvent, SQSBatchResponse>()
    .use(flushCounters(counters))
    .use(logErrors(deps.log))
    .handler((event, context) => processDeliveries(event, deps, { channel, remainingMs: () => context.getRemainingTimeInMillis() }));
}
