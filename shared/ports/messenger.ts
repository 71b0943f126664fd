import type { OutgoingMessage } from '../domain/outgoing-message.js';

export type { OutgoingMessage } from '../domain/outgoing-message.js';

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
