import { Hono } from 'hono/quick';
import { compress } from 'hono/compress';
import type { AppDeps, AppEnv } from './app-env.js';
import { requestLocale } from './request-locale.js';
import { AppError, ServiceBusyError } from '../../shared/errors.js';
import { DASHBOARD_CSS_HASH, PAGE_CSS_HASH } from '../../web/styles.js';
import { OutcomePage, type OutcomeKind } from '../../web/views/outcome-pages.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { devOutboxRoutes } from './routes/dev-outbox.js';
import { WaveCache } from '../../shared/services/pulse-links.js';
import { noCounters } from '../../shared/ports/counters.js';
import { errorName } from '../../shared/logger.js';
import { sourceFrames } from '../../shared/source-frames.js';
import { pulseRoutes } from './routes/pulse.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';

/**
 * Pages carry tokens in their URL and answers in their forms: no caching, no referrer, no
 * indexing, https only, and a CSP that allows no script at all and only our own stylesheet.
 * Written by hand rather than with hono/secure-headers: set before the response exists, they
 * are built into it, where the middleware copies them onto every finished response, which a
 * CPU profile of the submit path showed as a measurable cost.
 */
const SECURITY_HEADERS = Object.entries({
  'Content-Security-Policy': `default-src 'none'; style-src ${PAGE_CSS_HASH} ${DASHBOARD_CSS_HASH}; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  // Links are https on AWS; a browser that has seen us once never tries plain http again.
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
});

const OUTCOME_FOR: Record<string, OutcomeKind> = {
  'unknown-link': 'unknown',
  'already-answered': 'used',
  'link-expired': 'expired',
  busy: 'busy',
};

/** The one Hono app: pulse pages and submit, unsubscribe, leader dashboards, health, and (locally) the outbox. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const resolved = { random: Math.random, waveCache: new WaveCache(), counters: noCounters, ...deps };

  // API Gateway's HTTP APIs do not compress, so the app does, on AWS and locally alike: the
  // pulse page is a fraction of its size gzipped, on a phone's weak signal. Pages only:
  // the submit's thanks page comes gzipped from a cache, so the hot path skips this layer.
  app.get('*', compress({ threshold: 1024 }));
  app.use(async (c, next) => {
    c.set('deps', resolved);
    const started = performance.now();
    // Set before the response exists, so it is built with them instead of copied to add them.
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    await next();
    // The route pattern, never the path: a path carries the token.
    deps.log.info('request', { method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/p', pulseRoutes);
  app.route('/u', unsubscribeRoutes);
  app.route('/d', dashboardRoutes);
  if (deps.outbox) app.route('/dev/outbox', devOutboxRoutes(deps.outbox));

  app.notFound((c) => c.html(<OutcomePage locale={requestLocale(c, deps.org.defaultLocale)} orgName={deps.org.name} kind="unknown" />, 404));

  app.onError((error, c) => {
    const locale = requestLocale(c, deps.org.defaultLocale);
    if (error instanceof AppError) {
      if (error instanceof ServiceBusyError) c.header('Retry-After', String(error.retryAfterSeconds));
      if (error instanceof ServiceBusyError) {
        deps.log.warn('busy', { route: c.req.routePath, cause: errorName(error.cause) });
        resolved.counters.count('BusyReplies');
      }
      const kind = OUTCOME_FOR[error.code] ?? 'error';
      return c.html(<OutcomePage locale={locale} orgName={deps.org.name} kind={kind} supportResources={deps.org.supportResources} />, error.status as 404);
    }
    // The name only: messages of driver errors can quote keys, and keys can hold tokens.
    deps.log.error('unhandled', { route: c.req.routePath, error: errorName(error), at: sourceFrames(error) });
    return c.html(<OutcomePage locale={locale} orgName={deps.org.name} kind="error" />, 500);
  });

  return app;
}
