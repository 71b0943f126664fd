import type { OrgConfig } from '../../shared/domain/org-config.js';
import { sendRatesPerInstance } from '../../shared/domain/send-rates.js';
import type { Channel } from '../../shared/domain/staff.js';
import { DELIVERY_BATCH_SIZE } from '../../shared/ports/delivery-queue.js';

/** Concurrent instances of each channel's send function; each takes this share of its channel's rate. */
export const SEND_CONCURRENCY = 2;

/** Provider calls for one message, generously: SES answers in about 0.1 s, SNS in two calls of about that. */
const PROVIDER_CALL_SECONDS = 0.25;
/** Start-up, the batch's reads and its closing write, and room to spare. */
const BATCH_OVERHEAD_SECONDS = 30;
/** Lambda stops every function at 15 minutes. */
const LAMBDA_LIMIT_SECONDS = 15 * 60;

/**
 * How long a channel's send function may run: a full batch of that channel's deliveries at
 * the share of its rate each instance keeps to (the rate the function's RateLimitedMessenger
 * is given). Messages are sent one after another, so a person costs the channel's interval
 * plus their provider calls. Fails synthesis when a batch could not fit in Lambda's 15
 * minutes.
 */
export function sendTimeoutSeconds(org: Pick<OrgConfig, 'channels'>, channel: Channel): number {
  const perSecond = sendRatesPerInstance(org.channels, SEND_CONCURRENCY)[channel];
  const seconds = Math.ceil(DELIVERY_BATCH_SIZE * (1 / perSecond + PROVIDER_CALL_SECONDS) + BATCH_OVERHEAD_SECONDS);
  if (seconds > LAMBDA_LIMIT_SECONDS) {
    throw new Error(
      `A batch of ${DELIVERY_BATCH_SIZE} ${channel} deliveries at this send rate needs ${seconds} s, more than a Lambda function may run (${LAMBDA_LIMIT_SECONDS} s): raise channels.${channel}.maxPerSecond.`,
    );
  }
  return seconds;
}
