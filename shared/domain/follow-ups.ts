import { calendarDate, type Action, type WaveDates } from './actions.js';
import { DepartmentTree } from './department-tree.js';
import type { Evaluation } from './evaluate-hotspots.js';
import type { Domain } from './instrument.js';
import type { OrgConfig } from './org-config.js';

type Leader = OrgConfig['leaders'][number];

/** Something a leader's report owes: an action for a hotspot, or an action past its date. */
export interface FollowUp {
  reason: 'no-action' | 'overdue';
  department: string;
  /** Set when the hotspot was a role group's, not the whole department's. */
  roleGroup?: string;
  domain: Domain;
  /** The leader who owns it; they report to the digest's reader. */
  ownerId: string;
  /** For a hotspot without action: the pulse that found it. */
  waveId?: string;
  /** The day an action was due (a hotspot's) or the action's own target date. */
  dueOn: string;
  action?: Action;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a pulse's digest went out: at its close, which an admin may bring forward. A due date
 * counted from the scheduled close of a pulse closed early fell after the digest that named it.
 */
export const digestSentAt = (wave: WaveDates) => Math.min(Date.parse(wave.closesAt), wave.closedAt ? Date.parse(wave.closedAt) : Number.POSITIVE_INFINITY);

/**
 * The leaders who answer for a department: those who name it, or else the department
 * nearest above it that someone names. A director over a whole service answers for a unit
 * only when no manager below them names it.
 */
export function ownersOf(org: OrgConfig, department: string, tree = DepartmentTree.of(org.departments)): Leader[] {
  for (const id of [department, ...tree.ancestors(department)]) {
    const owners = org.leaders.filter((l) => l.departments.includes(id));
    if (owners.length > 0) return owners;
  }
  return [];
}

export interface FollowUpInput {
  /** The wave this digest is about. */
  current: WaveDates;
  /** The closed wave before it, whose digest went out last time. */
  previous: WaveDates | undefined;
  /** Earlier closed waves with what they published. */
  history: readonly { wave: WaveDates; evaluation: Evaluation }[];
  actions: readonly Action[];
}

/**
 * What goes up to `leader` from the leaders who report to them, in the digest of `current`:
 *
 * - a hotspot from an earlier pulse with no action for its department and kind logged within
 *   `actionDueDays` of that pulse's close (when its digest went out). It is listed once: in
 *   the first digest after the day it fell due. An action on the department or one below it
 *   counts; one that was done before the hotspot's pulse opened does not.
 * - an action not done by its target date, in every digest while it stays so.
 *
 * Dates come from the waves, not the clock, so a retried alert run composes the same digest.
 */
export function followUpsFor(org: OrgConfig, leader: Leader, input: FollowUpInput): FollowUp[] {
  const tree = DepartmentTree.of(org.departments);
  const reports = new Set(org.leaders.filter((l) => l.reportsTo === leader.id).map((l) => l.id));
  if (reports.size === 0) return [];
  const ownerReporting = (department: string) => ownersOf(org, department, tree).find((owner) => reports.has(owner.id));
  const digestAt = digestSentAt(input.current);
  const lastDigestAt = input.previous ? digestSentAt(input.previous) : -Infinity;
  const followUps: FollowUp[] = [];
  const listed = new Set<string>();
  for (const { wave, evaluation } of input.history) {
    const dueAt = digestSentAt(wave) + org.actionDueDays * DAY_MS;
    if (dueAt <= lastDigestAt || dueAt > digestAt) continue;
    for (const hotspot of hotspotsWithoutAction(org, tree, { wave, evaluation }, input.actions, dueAt)) {
      const key = `${hotspot.department}|${hotspot.domain}`;
      const owner = ownerReporting(hotspot.department);
      if (listed.has(key) || !owner) continue;
      listed.add(key);
      followUps.push({ reason: 'no-action', ...hotspot, ownerId: owner.id, waveId: wave.id, dueOn: calendarDate(new Date(dueAt), org.timeZone) });
    }
  }

  const today = calendarDate(new Date(digestAt), org.timeZone);
  for (const action of input.actions) {
    if (action.status === 'done' || action.targetOn === undefined || action.targetOn >= today) continue;
    const owner = ownerReporting(action.department);
    if (owner) followUps.push({ reason: 'overdue', department: action.department, domain: action.kind, ownerId: owner.id, dueOn: action.targetOn, action });
  }
  return followUps;
}

/** A hotspot in a department the digest's reader leads, with no action for it yet, and the day one is due. */
export interface DueFromLeader {
  department: string;
  roleGroup?: string;
  domain: Domain;
  /** The pulse that found it. */
  waveId: string;
  dueOn: string;
}

/**
 * What `leader` owes, in the digest of `current`: each hotspot in a department they answer for
 * (`ownersOf`), found by this pulse or by an earlier one whose due date is still to come,
 * that no action for its kind answers yet. Their own leader hears of it once the day has
 * passed (`followUpsFor`); this is the reader's notice before then, so nobody is named to
 * their leader for something they were never told was due.
 */
export function dueFromLeader(
  org: OrgConfig,
  leader: Leader,
  input: FollowUpInput & {
    evaluation: Evaluation /** Count actions logged up to this instant (a dashboard's now) instead of the digest's. */;
    answeredBy?: Date;
  },
): DueFromLeader[] {
  // Only a leader who names departments answers for any (ownersOf).
  if (leader.departments.length === 0) return [];
  const tree = DepartmentTree.of(org.departments);
  const digestAt = digestSentAt(input.current);
  const answeredBy = input.answeredBy ? Math.max(input.answeredBy.getTime(), digestAt) : digestAt;
  const due: DueFromLeader[] = [];
  const listed = new Set<string>();
  for (const { wave, evaluation } of [{ wave: input.current, evaluation: input.evaluation }, ...input.history]) {
    const dueAt = digestSentAt(wave) + org.actionDueDays * DAY_MS;
    if (dueAt <= digestAt) continue;
    for (const hotspot of hotspotsWithoutAction(org, tree, { wave, evaluation }, input.actions, answeredBy)) {
      const key = `${hotspot.department}|${hotspot.domain}`;
      if (listed.has(key) || !ownersOf(org, hotspot.department, tree).some((owner) => owner.id === leader.id)) continue;
      listed.add(key);
      due.push({ ...hotspot, waveId: wave.id, dueOn: calendarDate(new Date(dueAt), org.timeZone) });
    }
  }
  return due;
}

/**
 * The department and role-group hotspots of one pulse that no action for their kind answers,
 * counting actions logged by `loggedBy`. An action on the department or one below it answers
 * for it (a rollup is hot because a unit is); one on a department above does not, or a single
 * old plan would silence every unit under it for good. One done before the pulse opened does
 * not. Departments come before role groups, so a department's own hotspot names it once.
 */
function hotspotsWithoutAction(
  org: OrgConfig,
  tree: DepartmentTree,
  pulse: { wave: WaveDates; evaluation: Evaluation },
  actions: readonly Action[],
  loggedBy: number,
): { department: string; roleGroup?: string; domain: Domain }[] {
  const openedOn = calendarDate(pulse.wave.openedAt, org.timeZone);
  const within = (actionDepartment: string, hotDepartment: string) =>
    actionDepartment === hotDepartment || tree.ancestors(actionDepartment).includes(hotDepartment);
  const groups = [...pulse.evaluation.groups].sort((a, b) => (a.kind === 'role' ? 1 : 0) - (b.kind === 'role' ? 1 : 0));
  return groups.flatMap((group) => {
    const department = group.department;
    if (group.kind === 'org' || department === undefined) return [];
    return group.figures
      .filter((figure) => figure.status === 'hotspot')
      .filter(
        (figure) =>
          !actions.some(
            (a) =>
              a.kind === figure.domain &&
              within(a.department, department) &&
              Date.parse(a.createdAt) <= loggedBy &&
              !(a.status === 'done' && a.doneOn !== undefined && a.doneOn < openedOn),
          ),
      )
      .map((figure) => ({ department, ...(group.kind === 'role' && group.roleGroup ? { roleGroup: group.roleGroup } : {}), domain: figure.domain }));
  });
}
