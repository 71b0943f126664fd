import type { Context } from 'hono';
import { pickLocale, type Locale } from '../../shared/domain/locale.js';

/** Locale for pages shown before we know the person's own: `?lang=`, then the browser's. */
export function requestLocale(c: Context, fallback: Locale): Locale {
  const query = c.req.query('lang');
  if (query) return pickLocale(query, fallback);
  const accept = c.req.header('accept-language')?.toLowerCase() ?? '';
  return accept.startsWith('es') ? 'es' : fallback;
}
