import { actionTitle, openFirst, type Action, type BeforeAfter, type WaveDates } from './actions.js';
import { DepartmentTree } from './department-tree.js';
import { figureStatistics } from './explain-figure.js';
import { describeDue } from './digest.js';
import { dueFromLeader } from './follow-ups.js';
import type { Domain } from './instrument.js';
import {
  findingsFor,
  groupLabel,
  openingDayOf,
  KIND_ORDER,
  oversightOf,
  oversees,
  percent,
  pulseName,
  pulseNameFromId,
  suggestedActions,
  type Finding,
} from './leader-findings.js';
import type { Locale } from './locale.js';
import type { DomainFigure, Evaluation, PublishedGroup } from './evaluate-hotspots.js';
import type { OrgConfig } from './org-config.js';
import { referenceLinesFor } from './reference-rates.js';
import { summaryOf, type DashboardSummary, type HeatmapEntry } from './dashboard-summary.js';
import { WORDS } from '../words/words.js';

export { FULL_PAGE_ROWS, SUMMARY_ROWS, type DashboardSummary, type HeatmapEntry } from './dashboard-summary.js';

type Leader = OrgConfig['leaders'][number];

/** How many closed pulses a dashboard shows side by side, the newest included. */
export const DASHBOARD_WAVES = 6;

export type DashboardCell = Pick<DomainFigure, 'domain' | 'share' | 'low' | 'high' | 'threshold' | 'status'> & {
  worsening: boolean;
  /** A hotspot that has lasted `escalateAfterWaves` pulses in a department someone below the reader answers for. */
  persistent: boolean;
  /** Its line, interval, baseline and streak in words, as the digest gives them. */
  statistics: string;
  /** The same group's published share in the earlier pulses shown, oldest first; undefined where it was not published. */
  history: (number | undefined)[];
  /** Published rates measured the same way to set the figure beside, with their sources. */
  references: { label: string; url: string | undefined }[];
};

export interface DashboardRow {
  groupId: string;
  label: string;
  kind: PublishedGroup['kind'];
  /** Nesting under the leader's top departments, for indentation. */
  depth: number;
  n: number;
  staff: number;
  cells: DashboardCell[];
}

export interface Dashboard {
  /** The leader's language. */
  locale: Locale;
  leaderName: string;
  orgName: string;
  k: number;
  waveId: string;
  /** The earlier pulses the history columns stand for, oldest first. */
  earlierWaveIds: string[];
  rows: DashboardRow[];
  /** Departments in scope with answers whose figures stay hidden. Names only, no numbers. */
  hiddenDepartments: string[];
  /** Groups shown with at least one hotspot (a department and its role groups count apart). */
  groupsWithHotspot: number;
  /** The kinds this pulse asked, in the order of the columns, and those it left for another pulse. */
  kindsAsked: Domain[];
  kindsNotAsked: Domain[];
  /**
   * The heatmap's rows in the tree: each shown group by its index in `rows`, and each hidden
   * department where it sits, by its name and id (for a link to its page), never a figure.
   */
  heatmap: HeatmapEntry[];
  /** The department this page is limited to, when it is one department's page. */
  within?: { id: string; name: string };
  /** The first page's picture when there are too many groups for one page: the top-level groups and what lies under each. */
  summary: DashboardSummary;
  /** Hotspots in departments the leader answers for that no action answers yet, soonest due first. */
  dueFromYou: { sentence: string; department: string; dueOn: string; pastDue: boolean }[];
  /** The pulse as people name it (its dates), and the earlier ones, oldest first. */
  pulseName: string;
  earlierPulseNames: string[];
  /** Each pulse's opening day, short ("Nov 10"), oldest first and this one last: a trend's dates. */
  pulseDays: string[];
  /** What the leader's digest lists, in the same order: hotspots, then rising, then watch. */
  attention: { hotspots: AttentionItem[]; rising: AttentionItem[]; watch: AttentionItem[] };
  /** Actions logged for the departments the leader oversees, open ones first. */
  actions: DashboardAction[];
  /** Departments the leader may log an action for, in config order. */
  departmentChoices: { id: string; name: string }[];
  /** Actions to suggest for a title, per kind: the org's own, else the defaults in the leader's language. */
  suggestions: Record<Domain, string[]>;
}

/** One finding in the attention list, pointing at its row. */
export interface AttentionItem {
  groupId: string;
  label: string;
  domain: Domain;
  share: number;
  rising: boolean;
  persistent: boolean;
  /** The department the group belongs to, for a link to its page. */
  department?: string;
}

export interface DashboardAction {
  id: string;
  department: string;
  departmentName: string;
  kind: Domain;
  title: string;
  status: Action['status'];
  targetOn?: string;
  doneOn?: string;
  createdByName: string;
  /** Not done and past its target date. */
  overdue: boolean;
  /** For a done action, the figures before and after it, in words. */
  measured?: { sentence: string; change: BeforeAfter };
}

/**
 * A done action's before-and-after in plain words, e.g. "Admin burden 62% before 'EHR
 * upgrade', 31% after: down 31 points (95% interval 17 to 45 points), 48 and 51 people."
 */
export function describeBeforeAfter(title: string, change: BeforeAfter, locale: Locale = 'en'): string {
  const text = WORDS[locale].leader;
  const points = (x: number) => Math.round(Math.abs(x) * 100);
  const head = text.before({ kind: text.kind[change.kind], before: percent(change.before.share), title, after: percent(change.after.share) });
  if (!(change.low > 0 || change.high < 0)) {
    const signed = (x: number) => `${x < 0 ? '−' : '+'}${points(x)}`;
    return head + text.noClearChange({ low: signed(change.low), high: signed(change.high), before: change.before.n, after: change.after.n });
  }
  const down = change.high < 0;
  const [near, far] = down ? [-change.high, -change.low] : [change.low, change.high];
  // The change read is the difference of the two percents beside it: one worked out from the
  // exact shares would tell which way each of them was rounded.
  const moved = Math.abs(Math.round(change.after.share * 100) - Math.round(change.before.share * 100));
  return (
    head + text.change({ direction: down ? 'down' : 'up', points: moved, near: points(near), far: points(far), before: change.before.n, after: change.after.n })
  );
}

/**
 * A leader's dashboard from published evaluations (newest first): every group they
 * oversee that passed suppression in the newest closed pulse, with each domain's share,
 * interval and status, and the same figure in the pulses before. Input is published
 * figures only, so nothing hidden can appear; hidden departments are named, never counted.
 */
export function composeDashboard(
  org: OrgConfig,
  leader: Leader,
  published: readonly Evaluation[],
  loop: {
    actions: readonly Action[];
    measurements: ReadonlyMap<string, BeforeAfter>;
    today: string;
    waves?: readonly WaveDates[];
    /** The page's instant: actions logged up to it answer a due hotspot. */
    now?: Date;
    /** One department and everything under it, for a page of its own. */
    within?: string;
  } = {
    actions: [],
    measurements: new Map(),
    today: '',
  },
): Dashboard | undefined {
  const [latest, ...earlierNewestFirst] = published.slice(0, DASHBOARD_WAVES);
  if (!latest) return undefined;
  const earlier = [...earlierNewestFirst].reverse();
  const tree = new DepartmentTree(org.departments);
  const locale = leader.locale;
  const scope = oversightOf(org, leader, tree);
  const inside = loop.within === undefined ? undefined : new Set(tree.subtree(loop.within));
  const isInside = (department: string | undefined) => !inside || (department !== undefined && inside.has(department));
  const visible = (group: PublishedGroup) => oversees(leader, scope, group) && isInside(group.department);
  const position = new Map(org.departments.map((d, index) => [d.id, index]));
  // A department's own row first, then its roles in config order, pooled "other roles" last.
  const rolePosition = new Map(org.roleGroups.map((r, index) => [r.id, index + 1]));
  const roleRank = (group: PublishedGroup) => (group.kind !== 'role' ? 0 : (rolePosition.get(group.roleGroup ?? '') ?? org.roleGroups.length + 1));
  const earlierById = earlier.map((evaluation) => new Map(evaluation.groups.map((g) => [g.id, g])));
  const depthOf = (group: PublishedGroup) => {
    if (group.kind === 'org' || group.department === undefined) return 0;
    // Executives see the organization row above everything; a page of one department starts at it.
    const ancestors = tree.ancestors(group.department);
    const above = inside
      ? ancestors.filter((id) => inside.has(id)).length
      : leader.executive
        ? ancestors.length + 1
        : ancestors.filter((id) => scope.has(id)).length;
    return above + (group.kind === 'role' ? 1 : 0);
  };

  // The same few lines for every department: worked out once per kind of group and domain.
  const references = new Map<string, DashboardCell['references']>();
  const referencesOf = (group: PublishedGroup, domain: Domain) => {
    const of =
      group.kind === 'role' && group.roleGroup
        ? ({ kind: 'role', roleGroup: group.roleGroup } as const)
        : ({ kind: group.kind === 'org' ? 'org' : 'department' } as const);
    const key = `${of.kind}|${'roleGroup' in of ? of.roleGroup : ''}|${domain}`;
    let lines = references.get(key);
    if (!lines) references.set(key, (lines = referenceLinesFor(org, of, domain, locale).map((line) => ({ label: line.label, url: line.url }))));
    return lines;
  };
  // Persistent as the digest marks it: a hotspot lasting `escalateAfterWaves` pulses in a
  // department someone below the reader answers for.
  const all = findingsFor(org, latest, leader);
  const persistent = new Set(
    all.hotspots.filter((f) => f.escalated && f.figure.hotspotStreak >= org.escalateAfterWaves).map((f) => `${f.group.id}|${f.figure.domain}`),
  );
  const treeOrder = (a: PublishedGroup, b: PublishedGroup) =>
    kindRank(a) - kindRank(b) ||
    (position.get(a.department ?? '') ?? -1) - (position.get(b.department ?? '') ?? -1) ||
    roleRank(a) - roleRank(b) ||
    a.id.localeCompare(b.id);
  const shownGroups = latest.groups.filter(visible).sort(treeOrder);
  const rows = shownGroups.map(
    (group): DashboardRow => ({
      groupId: group.id,
      label: groupLabel(org, group, tree, locale),
      kind: group.kind,
      depth: depthOf(group),
      n: group.n,
      staff: group.staff,
      cells: [...group.figures]
        .sort((a, b) => KIND_ORDER.indexOf(a.domain) - KIND_ORDER.indexOf(b.domain))
        .map((figure) => ({
          domain: figure.domain,
          share: figure.share,
          low: figure.low,
          high: figure.high,
          threshold: figure.threshold,
          status: figure.status,
          worsening: figure.trend?.worsening ?? false,
          persistent: persistent.has(`${group.id}|${figure.domain}`),
          statistics: figureStatistics(figure, locale),
          history: earlierById.map((groups) => groups.get(group.id)?.figures.find((f) => f.domain === figure.domain)?.share),
          references: referencesOf(group, figure.domain),
        })),
    }),
  );

  const hiddenIds = latest.hiddenGroups
    .filter((id) => id.startsWith('department:'))
    .map((id) => id.slice('department:'.length))
    .filter((id) => (leader.executive || scope.has(id)) && isInside(id));
  const hiddenDepartments = hiddenIds.map((id) => org.departments.find((d) => d.id === id)?.name[locale] ?? id);
  // Hidden departments take their place in the tree, so a gap in the picture reads as one.
  const asGroup = (department: string): PublishedGroup => ({
    id: `department:${department}`,
    kind: 'department',
    department,
    covers: [],
    n: 0,
    staff: 0,
    figures: [],
  });
  const placed = [
    ...shownGroups.map((group, row) => ({ group, entry: { row } })),
    ...hiddenIds.map((id, index) => ({ group: asGroup(id), entry: { hidden: hiddenDepartments[index]!, depth: depthOf(asGroup(id)), department: id } })),
  ].sort((a, b) => treeOrder(a.group, b.group));
  const heatmap = placed.map(({ entry }) => entry);
  const kindsAsked = KIND_ORDER.filter((domain) => rows.some((row) => row.cells.some((c) => c.domain === domain)));

  const name = (id: string) => org.departments.find((d) => d.id === id)?.name[locale] ?? id;
  const actions = loop.actions
    .filter((a) => (leader.executive || scope.has(a.department)) && isInside(a.department))
    .sort(openFirst)
    .map((action): DashboardAction => {
      const change = loop.measurements.get(action.id);
      const title = actionTitle(action, locale);
      return {
        id: action.id,
        department: action.department,
        departmentName: name(action.department),
        kind: action.kind,
        title,
        status: action.status,
        ...(action.targetOn ? { targetOn: action.targetOn } : {}),
        ...(action.doneOn ? { doneOn: action.doneOn } : {}),
        createdByName: org.leaders.find((l) => l.id === action.createdBy)?.name ?? action.createdBy,
        overdue: action.status !== 'done' && action.targetOn !== undefined && action.targetOn < loop.today,
        ...(change ? { measured: { sentence: describeBeforeAfter(title, change, locale), change } } : {}),
      };
    });

  const dayFormat = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone: org.timeZone, month: 'short', day: 'numeric' });
  const shortDay = (waveId: string) => {
    const wave = loop.waves?.find((w) => w.id === waveId);
    const opened = wave ? new Date(wave.openedAt) : openingDayOf(waveId);
    return opened ? dayFormat.format(opened) : '';
  };
  const nameOf = (waveId: string) => {
    const wave = loop.waves?.find((w) => w.id === waveId);
    return wave ? pulseName(wave, org.timeZone, locale) : pulseNameFromId(waveId, org.timeZone, locale);
  };
  const mine = (list: Finding[]) => list.filter((f) => isInside(f.group.department));
  const findings = { hotspots: mine(all.hotspots), rising: mine(all.rising), watch: mine(all.watch) };
  const item = (f: Finding): AttentionItem => ({
    groupId: f.group.id,
    label: f.label,
    domain: f.figure.domain,
    share: f.figure.share,
    rising: f.figure.trend?.worsening ?? false,
    persistent: persistent.has(`${f.group.id}|${f.figure.domain}`),
    ...(f.group.department ? { department: f.group.department } : {}),
  });

  return {
    locale,
    leaderName: leader.name,
    orgName: org.name,
    k: org.k,
    waveId: latest.waveId,
    earlierWaveIds: earlier.map((e) => e.waveId),
    rows,
    hiddenDepartments,
    groupsWithHotspot: rows.filter((row) => row.cells.some((c) => c.status === 'hotspot')).length,
    kindsAsked,
    kindsNotAsked: rows.length === 0 ? [] : KIND_ORDER.filter((domain) => !kindsAsked.includes(domain)),
    heatmap,
    dueFromYou: dueOnDashboard(org, leader, latest, earlierNewestFirst, loop),
    actions,
    pulseName: nameOf(latest.waveId),
    earlierPulseNames: earlier.map((e) => nameOf(e.waveId)),
    pulseDays: [...earlier, latest].map((e) => shortDay(e.waveId)),
    attention: { hotspots: findings.hotspots.map(item), rising: findings.rising.map(item), watch: findings.watch.map(item) },
    departmentChoices: org.departments.filter((d) => (leader.executive || scope.has(d.id)) && isInside(d.id)).map((d) => ({ id: d.id, name: d.name[locale] })),
    ...(loop.within ? { within: { id: loop.within, name: name(loop.within) } } : {}),
    summary: summaryOf(org, leader, scope, tree, placed, findings.hotspots),
    suggestions: Object.fromEntries(KIND_ORDER.map((kind) => [kind, suggestedActions(org, kind, locale)])) as Record<Domain, string[]>,
  };
}

/** Organization first, then departments in config order, org-wide role cuts last. */
function kindRank(group: PublishedGroup): number {
  if (group.kind === 'org') return 0;
  return group.department === undefined ? 2 : 1;
}

/**
 * What the leader owes, as their digest said it, with actions logged since counted: the
 * digest's list, kept current. Past due only once the day has passed.
 */
function dueOnDashboard(
  org: OrgConfig,
  leader: Leader,
  latest: Evaluation,
  earlier: readonly Evaluation[],
  loop: { actions: readonly Action[]; today: string; waves?: readonly WaveDates[]; now?: Date },
): Dashboard['dueFromYou'] {
  const waveOf = (id: string) => loop.waves?.find((w) => w.id === id);
  const current = waveOf(latest.waveId);
  if (!current) return [];
  const history = earlier.flatMap((evaluation) => {
    const wave = waveOf(evaluation.waveId);
    return wave ? [{ wave, evaluation }] : [];
  });
  return dueFromLeader(org, leader, {
    current,
    previous: history[0]?.wave,
    history,
    actions: loop.actions,
    evaluation: latest,
    ...(loop.now ? { answeredBy: loop.now } : {}),
  })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    .map((due) => ({
      sentence: describeDue(org, due, leader.locale),
      department: due.department,
      dueOn: due.dueOn,
      pastDue: loop.today !== '' && due.dueOn < loop.today,
    }));
}
