import type { OrgConfig } from '../../shared/domain/org-config.js';
import { sendRatesPerInstance } from '../../shared/domain/send-rates.js';
import { channelsOn } from '../../shared/domain/staff.js';
import { DELIVERY_BATCH_SIZE } from '../../shared/ports/delivery-queue.js';

/** Concurrent send functions; each takes this share of the org's send rates. */
export const SEND_CONCURRENCY = 2;

/** One channel's provider calls for one person, generously: SES answers in about 0.1 s, SNS in two calls of about that. */
const PROVIDER_CALL_SECONDS = 0.25;
/** Start-up, the batch's reads and its closing write, and room to spare. */
const BATCH_OVERHEAD_SECONDS = 30;
/** Lambda stops every function at 15 minutes. */
const LAMBDA_LIMIT_SECONDS = 15 * 60;

/**
 * How long the send function may run: a full batch of people reachable on every channel it has on, at
 * the share of the org's rates each instance keeps to (the same rates the send function's
 * RateLimitedMessenger is given). Messages are sent one after another and each channel waits
 * only for its own rate, so a person costs the slower channel's interval plus their provider
 * calls. Fails synthesis when a batch could not fit in Lambda's 15 minutes.
 */
export function sendTimeoutSeconds(org: Pick<OrgConfig, 'channels'>): number {
  const perSecond = sendRatesPerInstance(org.channels, SEND_CONCURRENCY);
  // A channel the organization has not turned on sends nothing, so its rate holds nobody up.
  const on = channelsOn(org.channels);
  const perPerson = Math.max(0, ...on.map((channel) => 1 / perSecond[channel])) + on.length * PROVIDER_CALL_SECONDS;
  const seconds = Math.ceil(DELIVERY_BATCH_SIZE * perPerson + BATCH_OVERHEAD_SECONDS);
  if (seconds > LAMBDA_LIMIT_SECONDS) {
    throw new Error(`A batch of ${DELIVERY_BATCH_SIZE} deliveries at these send rates needs ${seconds} s, more than a Lambda function may run (${LAMBDA_LIMIT_SECONDS} s): raise ${on.map((channel) => `channels.${channel}.maxPerSecond`).join(' or ')}.`);
  }
  return seconds;
}
