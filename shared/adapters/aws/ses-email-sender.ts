import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { OutgoingMessage, SendOutcome } from '../../ports/messenger.js';
import { toDeliveryError, type EmailSender } from './channel-messenger.js';

/**
 * Email through SES v2, which takes custom headers, so List-Unsubscribe needs no hand-built
 * MIME: from the organization's address, through its configuration set.
 */
export class SesEmailSender implements EmailSender {
  constructor(
    private readonly options: {
      /** The client, or where to get it when the first email goes out (the alerts function: most runs send none). */
      ses: SESv2Client | (() => SESv2Client);
      from: string;
      configurationSet?: string;
    },
  ) {}

  async send(message: Extract<OutgoingMessage, { channel: 'email' }>): Promise<SendOutcome> {
    const { ses, from, configurationSet } = this.options;
    const client = typeof ses === 'function' ? ses() : ses;
    try {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
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
