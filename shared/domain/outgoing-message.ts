/**
 * Why a message goes out. Only the local outbox reads it (to filter a year of demo mail); the
 * SES and SNS senders pass on exactly the fields they always did.
 */
export const MESSAGE_KINDS = ['invitation', 'reminder', 'digest'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * What the domain composes for a person (an invitation or a reminder) or a leader (a digest);
 * the Messenger port sends it. Defined here so the domain depends on nothing above it.
 */
export type OutgoingMessage =
  | {
      channel: 'email';
      kind: MessageKind;
      to: string;
      subject: string;
      text: string;
      html: string;
      /** One-click unsubscribe URL (RFC 8058), sent as List-Unsubscribe. */
      unsubscribeUrl?: string;
    }
  | { channel: 'sms'; kind: MessageKind; to: string; text: string };
