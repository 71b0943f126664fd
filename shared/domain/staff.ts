import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { localeSchema } from './locale.js';

/** A person on the roster. Contacts live only here, never beside tokens or answers. */
export const staffSchema = lazySchema(() =>
  z
    .object({
      id: z.string().check(z.minLength(1)),
      email: z.optional(z.email()),
      /** E.164, e.g. +15555550123. */
      phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'not an E.164 phone number'))),
      department: z.string(),
      roleGroup: z.string(),
      locale: localeSchema,
      channel: z.enum(['email', 'sms', 'both']),
      active: z.boolean(),
      /** Set when the person unsubscribed by email link; honoured on the next send. */
      emailOptOut: z._default(z.boolean(), false),
      /** Set when the carrier or SNS reports that the number replied STOP. */
      smsOptOut: z._default(z.boolean(), false),
      /**
       * Secret part of the person's unsubscribe link (`/u/<id>/<token>`). It only lets its
       * holder stop their own emails, and lives beside the contact it belongs to.
       */
      unsubscribeToken: z.optional(z.string()),
    })
    .check(
      z.refine((s) => (s.channel === 'sms' || s.email !== undefined) && (s.channel === 'email' || s.phone !== undefined), {
        message: 'the channel needs a contact that is missing',
      }),
    ),
);
export type Staff = z.infer<typeof staffSchema>;
export type StaffInput = z.input<typeof staffSchema>;

/** The ways a pulse reaches a person. Each has its own queue and sender, so neither waits on the other's rate. */
export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Which channels an organization sends pulses on: `channels.email` (with its sender) and `channels.sms`, each as enabled. */
export interface EnabledChannels {
  email?: { enabled: boolean } | undefined;
  sms?: { enabled: boolean } | undefined;
}

/** The channels the organization sends pulses on. */
export function channelsOn(enabled: EnabledChannels): Channel[] {
  return CHANNELS.filter((channel) => enabled[channel]?.enabled === true);
}

/** The channels the organization does not send pulses on. */
export function channelsOff(enabled: EnabledChannels): Channel[] {
  const on = channelsOn(enabled);
  return CHANNELS.filter((channel) => !on.includes(channel));
}

/** A channel as people write it in a sentence. */
export function channelLabel(channel: Channel): string {
  return channel === 'sms' ? 'SMS' : 'email';
}

/**
 * What the org file needs for the channels that are off to be on: `channels.email` takes a
 * sender address as well, where it is missing.
 */
export function channelsToTurnOn(enabled: EnabledChannels): string[] {
  return channelsOff(enabled).map((channel) =>
    channel === 'sms' ? 'channels.sms.enabled' : enabled.email ? 'channels.email.enabled' : 'channels.email (with its from address)',
  );
}

/** Whether a pulse can go to this person at all: on the roster, and reachable on a channel that is on. */
export function canBeSent(staff: Staff, enabled: EnabledChannels): boolean {
  return sendChannels(staff, enabled).length > 0;
}

/** The channels a pulse goes out on to this person now: none once they are off the roster. */
export function sendChannels(staff: Staff, enabled: EnabledChannels): Channel[] {
  return staff.active ? reachableChannels(staff, enabled) : [];
}

/**
 * The channels a pulse may actually go out on to this person today: the ones the person
 * asked for, has a contact for and has not opted out of, and that the organization has
 * turned on. An organization that never enabled SMS sends none, whatever the roster says:
 * texting someone needs their consent and costs money.
 */
export function reachableChannels(staff: Staff, enabled: EnabledChannels): Channel[] {
  return channelsOnOffer(staff, enabled).filter((channel) => !(channel === 'email' ? staff.emailOptOut : staff.smsOptOut));
}

/** The channels a person asked for and has a contact for that the organization sends on, before opt-outs. */
export function channelsOnOffer(person: Pick<Staff, 'channel' | 'email' | 'phone'>, enabled: EnabledChannels): Channel[] {
  const channels: Channel[] = [];
  if (enabled.email?.enabled && (person.channel === 'email' || person.channel === 'both') && person.email) channels.push('email');
  if (enabled.sms?.enabled && (person.channel === 'sms' || person.channel === 'both') && person.phone) channels.push('sms');
  return channels;
}
