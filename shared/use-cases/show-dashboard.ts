import { composeDashboard, DASHBOARD_WAVES, oversightOf, type Dashboard } from '../domain/dashboard.js';
import { DASHBOARD_LINK_DAYS, isWellFormedDashboardLink, signDashboardLink, verifyDashboardLink } from '../domain/dashboard-link.js';
import type { Evaluation } from '../domain/evaluate-hotspots.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Clock } from '../ports/clock.js';
import type { PulseStore } from '../ports/pulse-store.js';

/** Above this many departments in a leader's oversight, the page reads whole waves. */
const PER_DEPARTMENT_READ_LIMIT = 25;

export interface DashboardDeps {
  store: PulseStore;
  clock: Clock;
  org: OrgConfig;
}

export type DashboardResult =
  | { kind: 'dashboard'; dashboard: Dashboard; expiresAt: Date }
  /** The link is genuine, but no closed pulse has been published yet. */
  | { kind: 'empty'; leaderName: string }
  | { kind: 'unknown' }
  | { kind: 'expired' };

/**
 * GET /d/:link -> verify the signature and expiry -> the leader from the org config (a
 * leader removed from it has no dashboard, whatever links they kept) -> published figures
 * of the last closed pulses -> the leader's part of them.
 */
export async function showDashboard(deps: DashboardDeps, link: string): Promise<DashboardResult> {
  // Probes of /d/... with junk cost no read.
  if (!isWellFormedDashboardLink(link)) return { kind: 'unknown' };
  const check = verifyDashboardLink(await deps.store.dashboardKey(), link, deps.clock.now());
  if (!check.ok) return { kind: check.reason };
  const leader = deps.org.leaders.find((l) => l.id === check.leaderId);
  if (!leader) return { kind: 'unknown' };

  const closed = (await deps.store.listWaves()).filter((w) => w.status === 'closed').sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  // The last closed pulses only, so a page costs the same after years of history (a pulse
  // closed before the alert job stored its figures is left out). A leader over a few
  // departments reads just those; above that, one read of each whole pulse takes fewer
  // requests than a query per department.
  const scope = [...oversightOf(deps.org, leader)];
  const read = leader.executive || scope.length > PER_DEPARTMENT_READ_LIMIT ? {} : { departments: scope };
  const published = (await Promise.all(closed.slice(0, DASHBOARD_WAVES).map((wave) => deps.store.readPublished(wave.id, read)))).filter((e): e is Evaluation => e !== undefined);
  const dashboard = composeDashboard(deps.org, leader, published);
  return dashboard ? { kind: 'dashboard', dashboard, expiresAt: check.expiresAt } : { kind: 'empty', leaderName: leader.name };
}

/** A dashboard URL for one leader, valid for {@link DASHBOARD_LINK_DAYS} days from `now`. */
export function dashboardUrl(key: string, baseUrl: string, leaderId: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + DASHBOARD_LINK_DAYS * 86_400_000);
  return `${baseUrl.replace(/\/$/, '')}/d/${signDashboardLink(key, leaderId, expiresAt)}`;
}

/** The organization's dashboard key, made the first time it is needed. */
export async function ensureDashboardKey(store: PulseStore): Promise<string> {
  const key = await store.dashboardKey({ create: true });
  if (!key) throw new Error('The dashboard key could not be read back after it was created.');
  return key;
}
