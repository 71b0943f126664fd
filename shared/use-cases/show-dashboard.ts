import { calendarDate, measureAction, wavesAround, type BeforeAfter } from '../domain/actions.js';
import { composeDashboard, DASHBOARD_WAVES, FULL_PAGE_ROWS, type Dashboard } from '../domain/dashboard.js';
import { digestSentAt } from '../domain/follow-ups.js';
import { oversees, oversightOf } from '../domain/leader-findings.js';
import { commentGroups, commentSections, type CommentSection } from '../domain/comments.js';
import { parseUnitKey } from '../domain/recording-units.js';
import { isWellFormedDashboardLink, verifyDashboardLink } from '../domain/dashboard-link.js';
import type { Action } from '../domain/actions.js';
import type { Evaluation } from '../domain/evaluate-hotspots.js';
import type { Wave } from '../domain/wave.js';
import { closedNewestFirst } from '../domain/wave.js';
import type { Locale } from '../domain/locale.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Clock } from '../ports/clock.js';
import type { Stores } from '../ports/stores.js';

/** Above this many departments in a leader's oversight, the page reads whole waves. */
const PER_DEPARTMENT_READ_LIMIT = 25;

export interface DashboardDeps extends Pick<Stores, 'waves' | 'figures'> {
  actions: Pick<Stores['actions'], 'listActions' | 'dashboardKey'>;
  clock: Clock;
  org: OrgConfig;
}

export type DashboardResult =
  /** `summary`: the first page of a leader over more departments than a page holds. */
  | { kind: 'dashboard'; dashboard: Dashboard; expiresAt: Date; summary: boolean }
  /** The link is genuine, but no closed pulse has been published yet. */
  | { kind: 'empty'; leaderName: string; locale: Locale }
  | { kind: 'unknown' }
  | { kind: 'expired'; locale: Locale };

/**
 * GET /d/:link -> verify the signature and expiry -> the leader from the org config (a
 * leader removed from it has no dashboard, whatever links they kept) -> published figures
 * of the last closed pulses -> the leader's part of them.
 */
export async function showDashboard(deps: DashboardDeps, link: string, view: { within?: string; firstPage?: boolean } = {}): Promise<DashboardResult> {
  const signed = await leaderFromLink(deps, link);
  if (signed.kind !== 'leader') return signed;
  const { leader } = signed;

  const closed = closedNewestFirst(await deps.waves.listWaves());
  // The last closed pulses only, so a page costs the same after years of history (a pulse
  // closed before the alert job stored its figures is left out). A leader over a few
  // departments reads just those; above that, the whole organization's figures.
  const scope = [...oversightOf(deps.org, leader)];
  const read = leader.executive || scope.length > PER_DEPARTMENT_READ_LIMIT ? {} : { departments: scope };
  // A large organization's first page is a summary of the newest pulse: no trends, no table,
  // no actions. It reads that pulse, and the earlier ones whose actions are still due.
  const summary = view.firstPage === true && (leader.executive ? deps.org.departments.length : scope.length) > FULL_PAGE_ROWS;
  const waves = summary
    ? closed.slice(0, DASHBOARD_WAVES).filter((wave, index) => index === 0 || stillDue(deps.org, wave, closed[0]!))
    : closed.slice(0, DASHBOARD_WAVES);
  const published = await readPublishedFigures(
    deps.figures,
    waves.map((wave) => wave.id),
    read,
  );
  const actions = await deps.actions.listActions(read);
  const measurements = summary ? new Map<string, BeforeAfter>() : await measureDoneActions(deps, actions, closed, published);
  const dashboard = composeDashboard(deps.org, leader, published, {
    actions,
    measurements,
    today: calendarDate(deps.clock.now(), deps.org.timeZone),
    waves: closed,
    now: deps.clock.now(),
    ...(view.within ? { within: view.within } : {}),
  });
  return dashboard ? { kind: 'dashboard', dashboard, expiresAt: signed.expiresAt, summary } : { kind: 'empty', leaderName: leader.name, locale: leader.locale };
}

export interface CommentsDeps extends DashboardDeps, Pick<Stores, 'comments'> {
  random: () => number;
}

export type CommentsResult =
  | {
      kind: 'comments';
      leader: OrgConfig['leaders'][number];
      wave: Wave;
      sections: CommentSection[];
      /** Shown groups in the leader's view whose comments are hidden: too few answered to show them. */
      withheld: number;
      expiresAt: Date;
    }
  | Exclude<DashboardResult, { kind: 'dashboard' }>;

/**
 * GET /d/:link/comments (and /csv) -> the leader, as for the dashboard -> the newest closed pulse's
 * published figures, whole (the comments' rule weighs every shown group, not just the
 * leader's) -> the comments of the groups it lets through that the leader oversees.
 */
export async function showComments(deps: CommentsDeps, link: string, as: 'page' | 'csv' = 'page'): Promise<CommentsResult> {
  // None once the organization turns them off, whatever was written before; as a file only
  // where it allows one, since a file travels further than a page.
  if (!deps.org.comments.enabled || (as === 'csv' && !deps.org.comments.csv)) return { kind: 'unknown' };
  const signed = await leaderFromLink(deps, link);
  if (signed.kind !== 'leader') return signed;
  const { leader } = signed;
  const closed = closedNewestFirst(await deps.waves.listWaves());
  const figures = await deps.figures.readPublishedMany(closed.slice(0, DASHBOARD_WAVES).map((w) => w.id));
  const wave = closed.find((w) => figures.has(w.id));
  const evaluation = wave && figures.get(wave.id);
  if (!wave || !evaluation) return { kind: 'empty', leaderName: leader.name, locale: leader.locale };
  const oversight = oversightOf(deps.org, leader);
  const sees = (group: Evaluation['groups'][number]) => oversees(leader, oversight, group);
  const shown = commentGroups(deps.org, wave, evaluation);
  const units = evaluation.groups.filter((group) => shown.has(group.id) && sees(group)).flatMap((group) => shown.get(group.id)!);
  const departments = [...new Set(units.map((unit) => parseUnitKey(unit).department))];
  const comments = await deps.comments.readComments(wave.id, departments);
  return {
    kind: 'comments',
    leader,
    wave,
    sections: commentSections(shown, evaluation, sees, comments, deps.random),
    withheld: evaluation.groups.filter((group) => !shown.has(group.id) && sees(group)).length,
    expiresAt: signed.expiresAt,
  };
}

/** Whether an action for a hotspot of `wave` can still be due when the digest of `newest` went out. */
function stillDue(org: OrgConfig, wave: Wave, newest: Wave): boolean {
  return digestSentAt(wave) + org.actionDueDays * 24 * 60 * 60 * 1000 > digestSentAt(newest);
}

/**
 * Published figures of `waveIds`, in that order. For the whole organization, every pulse at
 * once from the compressed copy the alert job stores beside the per-group items (a request
 * or two): reading every group's item costs a large organization many times the read units,
 * bytes and time (docs/benchmarks.md, "Figures behind the design").
 */
async function readPublishedFigures(store: Stores['figures'], waveIds: readonly string[], read: { departments?: readonly string[] }): Promise<Evaluation[]> {
  if (read.departments) return (await Promise.all(waveIds.map((id) => store.readPublished(id, read)))).filter((e): e is Evaluation => e !== undefined);
  const figures = await store.readPublishedMany(waveIds);
  return waveIds.flatMap((id) => figures.get(id) ?? []);
}

/**
 * The leader a dashboard link was signed for, if it is genuine, unexpired, and they are still
 * in the org config (a leader removed from it has no dashboard, whatever links they kept).
 */
export async function leaderFromLink(
  deps: DashboardDeps,
  link: string,
): Promise<{ kind: 'leader'; leader: OrgConfig['leaders'][number]; expiresAt: Date } | { kind: 'unknown' } | { kind: 'expired'; locale: Locale }> {
  // Probes of /d/... with junk cost no read.
  if (!isWellFormedDashboardLink(link)) return { kind: 'unknown' };
  const check = verifyDashboardLink(await deps.actions.dashboardKey(), link, deps.clock.now());
  if (!check.ok && check.reason === 'unknown') return { kind: 'unknown' };
  const leader = deps.org.leaders.find((l) => l.id === check.leaderId);
  if (!check.ok) return leader ? { kind: 'expired', locale: leader.locale } : { kind: 'unknown' };
  return leader ? { kind: 'leader', leader, expiresAt: check.expiresAt } : { kind: 'unknown' };
}

/**
 * Before-and-after for every done action shown: the published figures of the pulses around
 * each done date, read once per pulse and only for the departments acted on (the newest
 * pulses are usually in hand already).
 */
async function measureDoneActions(
  deps: DashboardDeps,
  actions: readonly Action[],
  closed: readonly Wave[],
  inHand: readonly Evaluation[],
): Promise<Map<string, BeforeAfter>> {
  const done = actions.filter((a) => a.status === 'done');
  const measurements = new Map<string, BeforeAfter>();
  if (done.length === 0) return measurements;
  const known = new Map(inHand.map((e) => [e.waveId, e]));
  const around = new Map(done.map((a) => [a.id, new Set(wavesAround(a, closed, deps.org.timeZone))]));
  const needed = [...new Set([...around.values()].flatMap((ids) => [...ids]))].filter((id) => !known.has(id));
  const departments = [...new Set(done.map((a) => a.department))];
  for (const evaluation of await Promise.all(needed.map((id) => deps.figures.readPublished(id, { departments }))))
    if (evaluation) known.set(evaluation.waveId, evaluation);
  for (const action of done) {
    // Only the pulses read for this action, so the result does not depend on what else was at hand.
    const ids = around.get(action.id)!;
    const change = measureAction(
      action,
      closed.filter((w) => ids.has(w.id)),
      known,
      deps.org.timeZone,
    );
    if (change) measurements.set(action.id, change);
  }
  return measurements;
}
