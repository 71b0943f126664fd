import { Hono } from 'hono';
import { showDashboard } from '../../../shared/use-cases/show-dashboard.js';
import { DashboardNoticePage, DashboardPage } from '../../../web/views/dashboard-page.js';
import type { AppEnv } from '../app-env.js';

/** GET /d/:link: a leader's dashboard, from the signed link in their digest. */
export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/:link', async (c) => {
  const result = await showDashboard(c.var.deps, c.req.param('link'));
  switch (result.kind) {
    case 'dashboard':
      return c.html(<DashboardPage dashboard={result.dashboard} expiresAt={result.expiresAt} />);
    case 'empty':
      return c.html(<DashboardNoticePage kind="empty" leaderName={result.leaderName} />);
    case 'expired':
      return c.html(<DashboardNoticePage kind="expired" />, 410);
    case 'unknown':
      return c.html(<DashboardNoticePage kind="unknown" />, 404);
  }
});
