/**
 * What the domain composes for a person (an invitation) or a leader (a digest); the Messenger
 * port sends it. Defined here so the domain depends on nothing above it.
 */
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
