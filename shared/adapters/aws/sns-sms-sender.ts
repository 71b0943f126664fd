import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingMessage, SendOutcome } from '../../ports/messenger.js';
import { toDeliveryError, type SmsSender } from './channel-messenger.js';

/**
 * SMS through SNS, which keeps the opt-out list of numbers that replied STOP: we ask it
 * before every message and never send to an opted-out number.
 */
export class SnsSmsSender implements SmsSender {
  constructor(private readonly sns: SNSClient) {}

  async send(message: Extract<OutgoingMessage, { channel: 'sms' }>): Promise<SendOutcome> {
    try {
      const { isOptedOut } = await this.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: message.to }));
      if (isOptedOut) return 'opted-out';
      await this.sns.send(
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
