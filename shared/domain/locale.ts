import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';

/** Languages the pulse is offered in. Every instrument item carries text in each. */
export const LOCALES = ['en', 'es'] as const;
export const localeSchema = lazySchema(() => z.enum(LOCALES));
export type Locale = z.infer<typeof localeSchema>;

/** Text in every supported locale. */
export const localizedTextSchema = lazySchema(() => z.object({ en: z.string().check(z.minLength(1)), es: z.string().check(z.minLength(1)) }));
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Accepts a plain string (used for every locale) or a per-locale object. */
export const looseLocalizedTextSchema = lazySchema(() =>
  z.union([
    z.pipe(
      z.string().check(z.minLength(1)),
      z.transform((text): LocalizedText => ({ en: text, es: text })),
    ),
    localizedTextSchema,
  ]),
);

/** Picks a supported locale from user input, falling back when it is unknown. */
export function pickLocale(candidate: string | undefined, fallback: Locale): Locale {
  const parsed = localeSchema.safeParse(candidate);
  return parsed.success ? parsed.data : fallback;
}
