import { DeliveryError, type Messenger, type OutgoingMessage, type SendOutcome } from '../../ports/messenger.js';

/** Errors the provider answers as the caller's fault after which the same send may still succeed later. */
const RETRYABLE = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'LimitExceededException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
  'KMSThrottlingException',
  'SendingPausedException',
]);

/**
 * A provider's failure as a DeliveryError, retryable unless the provider refused the send for
 * good: an error it answered as the caller's fault (a rejected or unverified address, access
 * denied) that is not throttling. Its own faults (5xx) and anything it never answered (a
 * dropped connection, a timeout) may pass, and are tried again.
 */
export function toDeliveryError(error: unknown, channel: string): DeliveryError {
  const name = error instanceof Error ? error.name : 'Unknown';
  // The name only: provider messages can quote the address.
  return new DeliveryError(`${channel} ${name}`, !refusedForGood(error, name), { cause: error });
}

function refusedForGood(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null || !('$fault' in error) || error.$fault !== 'client') return false;
  if (RETRYABLE.has(name) || ('$retryable' in error && Boolean(error.$retryable))) return false;
  const status =
    '$metadata' in error && typeof error.$metadata === 'object' && error.$metadata !== null && 'httpStatusCode' in error.$metadata
      ? error.$metadata.httpStatusCode
      : undefined;
  return status !== 429;
}

/** Sends one channel's messages through its provider (SES: ses-email-sender.ts; SNS: sns-sms-sender.ts). */
export interface ChannelSender<C extends OutgoingMessage['channel']> {
  send(message: Extract<OutgoingMessage, { channel: C }>): Promise<SendOutcome>;
}
export type EmailSender = ChannelSender<'email'>;
export type SmsSender = ChannelSender<'sms'>;

/**
 * Hands each message to its channel's sender. A channel given no sender is refused for good:
 * each send function carries its own channel's client only (so its bundle holds no other
 * provider's code), and the alerts function sends digests by email only.
 */
export class ChannelMessenger implements Messenger {
  constructor(private readonly senders: { email?: EmailSender; sms?: SmsSender }) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    if (message.channel === 'email') {
      if (!this.senders.email) throw new DeliveryError('email NotConfigured', false);
      return this.senders.email.send(message);
    }
    if (!this.senders.sms) throw new DeliveryError('sms NotConfigured', false);
    return this.senders.sms.send(message);
  }
}

/**
 * Keeps a messenger under a rate per channel for this process. Each send function runs at
 * a fixed maximum concurrency, so each instance gets its share of its channel's rate.
 */
export class RateLimitedMessenger implements Messenger {
  private readonly nextSlot = { email: 0, sms: 0 };

  constructor(
    private readonly inner: Messenger,
    private readonly perSecond: { email: number; sms: number },
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly now: () => number = () => Date.now(),
  ) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    const interval = 1000 / this.perSecond[message.channel];
    const current = this.now();
    const slot = Math.max(current, this.nextSlot[message.channel]);
    this.nextSlot[message.channel] = slot + interval;
    if (slot > current) await this.sleep(slot - current);
    return this.inner.send(message);
  }
}
