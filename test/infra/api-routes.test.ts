import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import type { AppDeps } from '../../functions/api/app-env.js';
import { API_ROUTES } from '../../infra/stacks/service-stack.js';

/**
 * The HTTP API names its routes one by one (access logs then name a route, never a token), so
 * a page the app serves that API Gateway does not route answers 404 on AWS and works
 * everywhere else: locally, in every test. Held here: every route the app serves is routed.
 */
describe('the routes API Gateway sends to the app', () => {
  // Routes are registered when the app is made; no handler runs here.
  const app = createApp({ org: {}, log: { debug() {}, info() {}, warn() {}, error() {} } } as unknown as AppDeps);
  const served = app.routes
    .filter((route) => route.method !== 'ALL' && route.path !== '/*' && route.path !== '*' && !route.path.startsWith('/dev/'))
    .map((route) => `${route.method} ${route.path.replace(/:[A-Za-z]+/g, '{}')}`);
  const routed = API_ROUTES.flatMap((route) => route.methods.map((method) => `${method} ${route.path.replace(/\{[A-Za-z]+\}/g, '{}')}`));

  it('hold every page and form the app serves', () => {
    expect(served.length).toBeGreaterThan(5);
    expect(served.filter((route) => !routed.includes(route))).toEqual([]);
  });

  it('hold nothing the app does not serve', () => {
    expect(routed.filter((route) => !served.includes(route))).toEqual([]);
  });
});
