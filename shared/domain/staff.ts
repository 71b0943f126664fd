import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { localeSchema } from './locale.js';

/** A person on the roster. Contacts live only here, never beside tokens or answers. */
export const staffSchema = lazySchema(() => z
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
  ));
export type Staff = z.infer<typeof staffSchema>;
export type StaffInput = z.input<typeof staffSchema>;

/** The channels a message may actually go out on today, after opt-outs. */
export function reachableChannels(staff: Staff): ('email' | 'sms')[] {
  const channels: ('email' | 'sms')[] = [];
  if ((staff.channel === 'email' || staff.channel === 'both') && staff.email && !staff.emailOptOut) channels.push('email');
  if ((staff.channel === 'sms' || staff.channel === 'both') && staff.phone && !staff.smsOptOut) channels.push('sms');
  return channels;
}
