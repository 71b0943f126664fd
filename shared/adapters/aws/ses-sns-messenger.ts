import type { SESv2Client} from '@aws-sdk/client-sesv2';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeliveryError, type Messenger, type OutgoingMessage, type SendOutcome } from '../../ports/messenger.js';

/** Errors after which the same send may succeed later. */
const RETRYABLE = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'LimitExceededException', 'ServiceUnavailable', 'InternalFailure', 'InternalError', 'KMSThrottlingException', 'SendingPausedException']);

function toDeliveryError(error: unknown, channel: string): DeliveryError {
  const name = error instanceof Error ? error.name : 'Unknown';
  const retryable = RETRYABLE.has(name) || (typeof error === 'object' && error !== null && '$retryable' in error && Boolean(error.$retryable));
  // The name only: provider messages can quote the address.
  return new DeliveryError(`${channel} ${name}`, retryable, { cause: error });
}

/**
 * Email through SES (v2, which takes custom headers, so List-Unsubscribe needs no
 * hand-built MIME) and SMS through SNS, which keeps the opt-out list of numbers that
 * replied STOP; we ask it before every SMS and never send to an opted-out number.
 */
export class SesSnsMessenger implements Messenger {
  constructor(
    private readonly options: {
      ses: SESv2Client;
      sns: SNSClient;
      from: string;
      configurationSet?: string;
    },
  ) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    return message.channel === 'email' ? this.sendEmail(message) : this.sendSms(message);
  }

  private async sendEmail(message: Extract<OutgoingMessage, { channel: 'email' }>): Promise<SendOutcome> {
    try {
      await this.options.ses.send(
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

  private async sendSms(message: Extract<OutgoingMessage, { channel: 'sms' }>): Promise<SendOutcome> {
    try {
      const { isOptedOut } = await this.options.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: message.to }));
      if (isOptedOut) return 'opted-out';
      await this.options.sns.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
      return 'sent';
    } catch (error) {
      throw toDeliveryError(error, 'sms');
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
