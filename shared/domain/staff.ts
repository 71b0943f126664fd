import { z } from 'zod';
import { localeSchema } from './locale.js';

/** A person on the roster. Contacts live only here, never beside tokens or answers. */
export const staffSchema = z
  .object({
    id: z.string().min(1),
    email: z.email().optional(),
    /** E.164, e.g. +15555550123. */
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'not an E.164 phone number').optional(),
    department: z.string(),
    roleGroup: z.string(),
    locale: localeSchema,
    channel: z.enum(['email', 'sms', 'both']),
    active: z.boolean(),
  })
  .refine((s) => (s.channel === 'sms' || s.email !== undefined) && (s.channel === 'email' || s.phone !== undefined), {
    message: 'the channel needs a contact that is missing',
  });
export type Staff = z.infer<typeof staffSchema>;
