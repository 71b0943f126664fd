import { DASHBOARD_LINK_DAYS, signDashboardLink } from '../domain/dashboard-link.js';
import type { ActionStore } from '../ports/action-store.js';

/** A dashboard URL for one leader, valid for {@link DASHBOARD_LINK_DAYS} days from `now`. */
export function dashboardUrl(key: string, baseUrl: string, leaderId: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + DASHBOARD_LINK_DAYS * 86_400_000);
  return `${baseUrl.replace(/\/$/, '')}/d/${signDashboardLink(key, leaderId, expiresAt)}`;
}

/** The organization's dashboard key, made the first time it is needed. */
export async function ensureDashboardKey(actions: Pick<ActionStore, 'dashboardKey'>): Promise<string> {
  const key = await actions.dashboardKey({ create: true });
  if (!key) throw new Error('The dashboard key could not be read back after it was created.');
  return key;
}
