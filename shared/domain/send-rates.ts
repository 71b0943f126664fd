/**
 * Messages per second per channel when the org config names none: SES's production rate
 * for a new account is well above 10, and a US toll-free number manages about 3 SMS parts.
 */
export const DEFAULT_SEND_RATES = { email: 10, sms: 3 } as const;

/**
 * The share of the organization's send rates one of `instances` concurrent senders keeps to,
 * so that together they stay under the rates. Each channel's send function paces itself by
 * its channel's share, and its timeout is worked out from it.
 */
export function sendRatesPerInstance(
  channels: { email?: { maxPerSecond: number } | undefined; sms?: { maxPerSecond: number } | undefined },
  instances: number,
): { email: number; sms: number } {
  return {
    email: (channels.email?.maxPerSecond ?? DEFAULT_SEND_RATES.email) / instances,
    sms: (channels.sms?.maxPerSecond ?? DEFAULT_SEND_RATES.sms) / instances,
  };
}
