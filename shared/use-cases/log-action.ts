import type * as z from 'zod/mini';
import { actionChangeSchema, calendarDate, newActionId, newActionSchema, type Action, type ActionChange, type NewAction } from '../domain/actions.js';
import { oversightOf } from '../domain/leader-findings.js';
import type { OrgConfig } from '../domain/org-config.js';
import { formatPath, InvalidInputError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ActionStore } from '../ports/action-store.js';

export interface ActionDeps {
  actions: Pick<ActionStore, 'saveAction' | 'listActions'>;
  clock: Clock;
  org: OrgConfig;
}

type Leader = OrgConfig['leaders'][number];

/**
 * A leader commits to an action for one of the departments they oversee.
 * dashboard form or CLI -> logAction -> actions
 */
export async function logAction(deps: ActionDeps, leaderId: string, input: NewAction | Readonly<Record<string, string>>): Promise<Action> {
  const leader = findLeader(deps.org, leaderId);
  const parsed = newActionSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const given = parsed.data;
  const problems = [...departmentProblems(deps.org, leader, given.department), ...dateProblems(deps, given.doneOn)];
  if (problems.length > 0) throw new InvalidInputError(problems);

  const now = deps.clock.now();
  const action: Action = {
    id: newActionId(now),
    department: given.department,
    kind: given.kind,
    title: given.title,
    translations: given.titleEs ? { es: given.titleEs } : {},
    status: given.status,
    ...(given.targetOn ? { targetOn: given.targetOn } : {}),
    ...(given.status === 'done' ? { doneOn: given.doneOn ?? calendarDate(now, deps.org.timeZone) } : {}),
    createdBy: leader.id,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.actions.saveAction(action);
  return action;
}

/**
 * Changes an action's status, dates or wording. With a leader, only one who oversees its
 * department may (the dashboard); without, the admin CLI.
 * dashboard form or CLI -> changeAction -> actions
 */
export async function changeAction(
  deps: ActionDeps,
  actionId: string,
  input: ActionChange | Readonly<Record<string, string>>,
  leaderId?: string,
): Promise<Action> {
  const parsed = actionChangeSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const change = parsed.data;
  const leader = leaderId === undefined ? undefined : findLeader(deps.org, leaderId);
  const scope = leader && !leader.executive ? [...oversightOf(deps.org, leader)] : undefined;
  const existing = (await deps.actions.listActions(scope ? { departments: scope } : {})).find((a) => a.id === actionId);
  if (!existing)
    throw new InvalidInputError([
      `action ${actionId}: not found${leader ? ' among the departments you oversee' : ''}; \`npm run pulse -- actions list\` shows every action's id`,
    ]);
  const problems = dateProblems(deps, change.doneOn);
  const status = change.status ?? existing.status;
  if (change.doneOn !== undefined && status !== 'done') problems.push('doneOn: a done date goes with the status "done"');
  if (problems.length > 0) throw new InvalidInputError(problems);

  const now = deps.clock.now();
  const { doneOn: _previousDoneOn, ...rest } = existing;
  const updated: Action = {
    ...rest,
    status,
    ...(change.title ? { title: change.title } : {}),
    ...(change.titleEs ? { translations: { ...existing.translations, es: change.titleEs } } : {}),
    ...(change.targetOn ? { targetOn: change.targetOn } : {}),
    // Done keeps the day it was done; an action reopened has none.
    ...(status === 'done' ? { doneOn: change.doneOn ?? existing.doneOn ?? calendarDate(now, deps.org.timeZone) } : {}),
    updatedAt: now.toISOString(),
  };
  await deps.actions.saveAction(updated, existing.updatedAt);
  return updated;
}

function findLeader(org: OrgConfig, leaderId: string): Leader {
  const leader = org.leaders.find((l) => l.id === leaderId);
  if (!leader) throw new InvalidInputError([`leader "${leaderId}": not in the org config (leaders: ${org.leaders.map((l) => l.id).join(', ') || 'none'})`]);
  return leader;
}

function departmentProblems(org: OrgConfig, leader: Leader, department: string): string[] {
  if (!org.departments.some((d) => d.id === department)) return [`department: unknown department "${department}"`];
  if (!leader.executive && !oversightOf(org, leader).has(department))
    return [`department: ${leader.name} does not oversee "${department}"; an action is logged by a leader of the department or one above it`];
  return [];
}

function dateProblems(deps: ActionDeps, doneOn: string | undefined): string[] {
  const today = calendarDate(deps.clock.now(), deps.org.timeZone);
  return doneOn !== undefined && doneOn > today
    ? [`doneOn: ${doneOn} is in the future; log the action as planned or in progress, and mark it done on the day`]
    : [];
}

function invalid(error: z.core.$ZodError): InvalidInputError {
  return new InvalidInputError(error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
}
