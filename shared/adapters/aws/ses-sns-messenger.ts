import type { SESv2Client} from '@aws-sdk/client-sesv2';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DeliveryError, type Messenger, type OutgoingMessage, type SendOutcome } from '../../ports/messenger.js';

/** Errors after which the same send may succeed later. */
const RETRYABLE = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'LimitExceededException', 'ServiceUnavailable', 'InternalFailure', 'InternalError', 'KMSThrottlingException', 'SendingPausedException']);

export function toDeliveryError(error: unknown, channel: string): DeliveryError {
  const name = error instanceof Error ? error.name : 'Unknown';
  const retryable = RETRYABLE.has(name) || (typeof error === 'object' && error !== null && '$retryable' in error && Boolean(error.$retryable));
  // The name only: provider messages can quote the address.
  return new DeliveryError(`${channel} ${name}`, retryable, { cause: error });
}

/** Sends text messages; kept apart so a function that sends only email carries no SMS client. */
export interface SmsSender {
  send(message: Extract<OutgoingMessage, { channel: 'sms' }>): Promise<SendOutcome>;
}

/**
 * Email through SES (v2, which takes custom headers, so List-Unsubscribe needs no
 * hand-built MIME) and SMS through the sender given (SNS: sns-sms-sender.ts). Without one,
 * an SMS is refused for good: the alerts function sends digests by email only.
 */
export class SesSnsMessenger implements Messenger {
  constructor(
    private readonly options: {
      /** The client, or where to get it when the first email goes out; none where staff get no email. */
      ses?: SESv2Client | (() => SESv2Client);
      sms?: SmsSender;
      from: string;
      configurationSet?: string;
    },
  ) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    if (message.channel === 'email') {
      if (!this.options.ses) throw new DeliveryError('email NotConfigured', false);
      return this.sendEmail(message, this.options.ses);
    }
    if (!this.options.sms) throw new DeliveryError('sms NotConfigured', false);
    return this.options.sms.send(message);
  }

  private async sendEmail(message: Extract<OutgoingMessage, { channel: 'email' }>, ses: SESv2Client | (() => SESv2Client)): Promise<SendOutcome> {
    const client = typeof ses === 'function' ? ses() : ses;
    try {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: this.options.from,
          Destination: { ToAddresses: [message.to] },
          ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
              Headers: message.unsubscribeUrl
                ? [
                    { Name: 'List-Unsubscribe', Value: `<${message.unsubscribeUrl}>` },
                    { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
                  ]
                : [],
            },
          },
        }),
      );
      return 'sent';
    } catch (error) {
      throw toDeliveryError(error, 'email');
    }
  }
}

/**
 * Keeps a messenger under a rate per channel for this process. The send function runs at
 * a fixed maximum concurrency, so each instance gets its share of the configured rate.
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
