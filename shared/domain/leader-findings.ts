import type { WaveDates } from './actions.js';
import { DepartmentTree } from './department-tree.js';
import { ownersOf } from './follow-ups.js';
import type { DomainFigure, Evaluation, PublishedGroup } from './evaluate-hotspots.js';
import type { Domain } from './instrument.js';
import type { Locale } from './locale.js';
import type { OrgConfig } from './org-config.js';
import { ALL_ROLES, CARD_ROLE, OTHER_ROLES } from './recording-units.js';
import { WORDS } from '../words/words.js';

/**
 * What one leader is told about one pulse, in one place, so the digest and the dashboard
 * can never disagree: the same groups, the same hotspots, the same order.
 */

type Leader = OrgConfig['leaders'][number];

/** Hotspot kinds in the order leaders act on them: what the organization can change comes first. */
export const KIND_ORDER: Domain[] = ['workload', 'admin_burden', 'burnout', 'retention', 'connection', 'safety'];

/** A share as leaders read it: whole percent. */
export const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A share as the page shows it, a whole percent, for anything drawn from it: a chart's
 * coordinate computed from the exact share would carry what the rounded figure hides.
 */
export const shownShare = (x: number) => Math.round(x * 100) / 100;

/** A leader's own departments: the ones named and everything under them. */
export function scopeOf(org: OrgConfig, leader: Leader, tree = DepartmentTree.of(org.departments)): Set<string> {
  return new Set(leader.departments.flatMap((id) => tree.subtree(id)));
}

/**
 * Everything a leader oversees: their own departments with everything under them, and
 * those of every leader who reports to them, however far down.
 */
export function oversightOf(org: OrgConfig, leader: Leader, tree = DepartmentTree.of(org.departments)): Set<string> {
  const scope = new Set<string>();
  const seen = new Set<string>();
  const visit = (current: Leader) => {
    if (seen.has(current.id)) return;
    seen.add(current.id);
    for (const id of scopeOf(org, current, tree)) scope.add(id);
    for (const report of org.leaders.filter((l) => l.reportsTo === current.id)) visit(report);
  };
  visit(leader);
  return scope;
}

/** Whether a leader sees a published group: executives everything, others the groups of departments they oversee. */
export function oversees(leader: Leader, oversight: ReadonlySet<string>, group: PublishedGroup): boolean {
  return leader.executive || (group.kind !== 'org' && group.department !== undefined && oversight.has(group.department));
}

/** A role group's name, the pooled ones (`_other`, `_all`, `_cards`) included, in the leader's language. */
export function roleGroupName(org: Pick<OrgConfig, 'roleGroups'>, id: string, locale: Locale): string {
  const text = WORDS[locale].leader;
  if (id === OTHER_ROLES) return text.otherRoles;
  if (id === ALL_ROLES) return text.allRoles;
  if (id === CARD_ROLE) return text.cardHolders;
  return org.roleGroups.find((r) => r.id === id)?.name[locale] ?? id;
}

/** A name a leader recognizes, saying which other units' staff are counted in it. */
export function groupLabel(org: OrgConfig, group: PublishedGroup, tree = DepartmentTree.of(org.departments), locale: Locale = 'en'): string {
  const text = WORDS[locale].leader;
  const name = (id: string) => org.departments.find((d) => d.id === id)?.name[locale] ?? id;
  const roleName = (id: string) => roleGroupName(org, id, locale);
  if (group.kind === 'org') return org.name;
  if (group.kind === 'role' && !group.department) return text.wholeOrganization(roleName(group.roleGroup!));
  if (group.kind === 'role') return `${name(group.department!)}: ${roleName(group.roleGroup!)}`;
  const own = new Set(tree.subtree(group.department!));
  const extra = group.covers.filter((id) => !own.has(id));
  return extra.length > 0 ? text.withOthers(name(group.department!), extra.map(name).join(', ')) : name(group.department!);
}

/** What a leader is offered to do about a kind of hotspot: the organization's own suggestions as written, else the defaults in the leader's language. */
export function suggestedActions(org: OrgConfig, kind: Domain, locale: Locale): string[] {
  return org.actions[kind] ?? WORDS[locale].leader.suggestedActions[kind];
}

export interface Finding {
  group: PublishedGroup;
  figure: DomainFigure;
  label: string;
  /** In a department someone below the leader answers for (`ownersOf`), not one they answer for themselves. */
  escalated: boolean;
}

export interface LeaderFindings {
  /** Every group the leader oversees with a hotspot, rollups and role groups included. */
  hotspots: Finding[];
  /** Rising, not (yet) a hotspot. */
  rising: Finding[];
  /** Above the threshold, not yet confidently, and not rising. */
  watch: Finding[];
}

const GROUP_RANK = { org: 0, department: 1, role: 2 } as const;
/**
 * By kind as leaders act on them, whole departments before their role groups, then the worst
 * first as shown: two figures that both read 23% keep their names' order, since ranking them
 * by their exact shares would tell which is the higher.
 */
const sortFindings = (a: Finding, b: Finding) =>
  KIND_ORDER.indexOf(a.figure.domain) - KIND_ORDER.indexOf(b.figure.domain) ||
  GROUP_RANK[a.group.kind] - GROUP_RANK[b.group.kind] ||
  shownShare(b.figure.share) - shownShare(a.figure.share) ||
  a.label.localeCompare(b.label);

/**
 * The findings of one pulse for one leader: every group they oversee (their reports' too),
 * each flagged once per kind, in the order leaders act on them. A rollup and its unit, or a
 * department and one of its role groups, are both listed when both are flagged: each is a
 * figure the leader can see, and leaving one out is what made digests and dashboards disagree.
 */
export function findingsFor(org: OrgConfig, evaluation: Evaluation, leader: Leader): LeaderFindings {
  const tree = DepartmentTree.of(org.departments);
  const oversight = oversightOf(org, leader, tree);
  // Whether the reader answers for a department, or someone below them does (ownersOf): a
  // director naming a whole service is not the one who owns a unit its manager names.
  const ownsIt = new Map<string, boolean>();
  const ledBelow = (department: string) => {
    let answer = ownsIt.get(department);
    if (answer === undefined) {
      const owners = ownersOf(org, department, tree);
      ownsIt.set(department, (answer = owners.length > 0 && !owners.some((owner) => owner.id === leader.id)));
    }
    return answer;
  };
  const all = evaluation.groups
    .filter((group) => oversees(leader, oversight, group))
    .flatMap((group) => {
      const label = groupLabel(org, group, tree, leader.locale);
      const escalated = group.department !== undefined && ledBelow(group.department);
      return group.figures.map((figure) => ({ group, figure, label, escalated }));
    });
  return {
    hotspots: all.filter((f) => f.figure.status === 'hotspot').sort(sortFindings),
    rising: all.filter((f) => f.figure.status !== 'hotspot' && f.figure.trend?.worsening).sort(sortFindings),
    watch: all.filter((f) => f.figure.status === 'watch' && !f.figure.trend?.worsening).sort(sortFindings),
  };
}

/** A pulse as people name it: its dates in the organization's time zone, e.g. "Nov 4 – 9, 2026". */
export function pulseName(wave: Pick<WaveDates, 'openedAt' | 'closesAt'>, timeZone: string, locale: Locale = 'en'): string {
  const format = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' });
  // The close instant is the end of the last day, so the range ends on that day.
  return format.formatRange(new Date(wave.openedAt), new Date(Date.parse(wave.closesAt) - 1));
}

/** A calendar date (YYYY-MM-DD) as people read it, e.g. "Dec 11, 2026" or "11 dic 2026". */
export function dayName(isoDate: string, locale: Locale = 'en'): string {
  const day = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(day.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(day);
}

/** The day a pulse opened, read from its id (`wYYYYMMDD-nn`), at noon UTC; undefined for an id of another form. */
export function openingDayOf(waveId: string): Date | undefined {
  const match = /^w(\d{4})(\d{2})(\d{2})-/.exec(waveId);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12)) : undefined;
}

/** The pulse's name from its id alone, for a pulse whose header is not at hand: its opening day. */
export function pulseNameFromId(waveId: string, timeZone: string, locale: Locale = 'en'): string {
  const day = openingDayOf(waveId);
  if (!day) return waveId;
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(day);
}
