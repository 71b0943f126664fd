import { Hono } from 'hono/quick';
import { unsubscribe } from '../../../shared/use-cases/unsubscribe.js';
import { UnsubscribePage } from '../../../web/views/unsubscribe-page.js';
import type { AppEnv } from '../app-env.js';
import { requestLocale } from '../request-locale.js';

/**
 * GET /u/:staffId/:token asks for confirmation (mail scanners follow links; a GET must
 * not unsubscribe anyone). POST does it: from the confirmation form, or as the one-click
 * unsubscribe of RFC 8058 that mail clients send.
 */
export const unsubscribeRoutes = new Hono<AppEnv>();

unsubscribeRoutes.get('/:staffId/:token', (c) => c.html(<UnsubscribePage locale={requestLocale(c, c.var.deps.org.defaultLocale)} state="confirm" />));

unsubscribeRoutes.post('/:staffId/:token', async (c) => {
  await unsubscribe(c.var.deps, c.req.param('staffId'), c.req.param('token'));
  return c.html(<UnsubscribePage locale={requestLocale(c, c.var.deps.org.defaultLocale)} state="done" />);
});
