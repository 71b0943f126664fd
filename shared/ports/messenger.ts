/** An email or SMS leaving the platform. */
export type OutgoingMessage =
  | { channel: 'email'; to: string; subject: string; text: string; html: string }
  | { channel: 'sms'; to: string; text: string };

/** Sends messages: SES and SNS on AWS, the outbox locally. */
export interface Messenger {
  send(message: OutgoingMessage): Promise<void>;
}
