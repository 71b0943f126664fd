/** An email or SMS leaving the platform. */
export type OutgoingMessage =
  | {
      channel: 'email';
      to: string;
      subject: string;
      text: string;
      html: string;
      /** One-click unsubscribe URL (RFC 8058), sent as List-Unsubscribe. */
      unsubscribeUrl?: string;
    }
  | { channel: 'sms'; to: string; text: string };

/** What happened to one message. */
export type SendOutcome = 'sent' | 'opted-out';

/** A send that failed; `retryable` says whether trying again later may work (throttling). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/** Sends messages: SES and SNS on AWS, the outbox locally. Throws DeliveryError on failure. */
export interface Messenger {
  send(message: OutgoingMessage): Promise<SendOutcome>;
}
