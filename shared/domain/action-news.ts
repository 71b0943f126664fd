import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { domainSchema } from './instrument.js';
import { localeSchema } from './locale.js';

export const ACTION_STATUSES = ['planned', 'in-progress', 'done'] as const;
export const actionStatusSchema = lazySchema(() => z.enum(ACTION_STATUSES, { error: `a status is one of ${ACTION_STATUSES.join(', ')}` }));
export type ActionStatus = z.infer<typeof actionStatusSchema>;

/**
 * What staff are told about one action on their next pulse ("you said, we did"), frozen
 * into the wave when it opens. Carries no figure of any kind.
 */
export const actionNewsSchema = lazySchema(() =>
  z.object({
    department: z.string().check(z.minLength(1)),
    kind: domainSchema,
    title: z.string().check(z.minLength(1)),
    translations: z._default(z.partialRecord(localeSchema, z.string().check(z.minLength(1))), {}),
    status: actionStatusSchema,
  }),
);
export type ActionNews = z.infer<typeof actionNewsSchema>;
