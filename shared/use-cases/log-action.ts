import type * as z from 'zod/mini';
import { actionFormSchemas, calendarDate, newActionId, type Action, type ActionChange, type NewAction } from '../domain/actions.js';
import type { Locale } from '../domain/locale.js';
import { WORDS } from '../words/words.js';
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
  const parsed = actionFormSchemas(leader.locale).newAction.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, leader.locale);
  const given = parsed.data;
  const problems = [...departmentProblems(deps.org, leader, given.department), ...dateProblems(deps, given.doneOn, leader.locale)];
  if (problems.length > 0) throw new InvalidInputError(problems);

  const now = deps.clock.now();
  const action: Action = {
    id: newActionId(now),
    department: given.department,
    kind: given.kind,
    title: given.title,
    translations: { ...(given.titleEs ? { es: given.titleEs } : {}), ...(given.titleEn ? { en: given.titleEn } : {}) },
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
  const leader = leaderId === undefined ? undefined : findLeader(deps.org, leaderId);
  const locale = leader?.locale ?? 'en';
  const parsed = actionFormSchemas(locale).change.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, locale);
  const change = parsed.data;
  const scope = leader && !leader.executive ? [...oversightOf(deps.org, leader)] : undefined;
  const existing = (await deps.actions.listActions(scope ? { departments: scope } : {})).find((a) => a.id === actionId);
  if (!existing)
    throw new InvalidInputError([
      leader
        ? WORDS[locale].leader.actionProblems.notFound(actionId)
        : `action ${actionId}: not found; \`npm run pulse -- actions list\` shows every action's id`,
    ]);
  const problems = dateProblems(deps, change.doneOn, locale);
  const status = change.status ?? existing.status;
  const words = WORDS[locale].leader.actionProblems;
  if (change.doneOn !== undefined && status !== 'done') problems.push(`${words.field.doneOn}: ${words.doneDateNeedsDone}`);
  if (problems.length > 0) throw new InvalidInputError(problems);

  const now = deps.clock.now();
  const { doneOn: _previousDoneOn, ...rest } = existing;
  const updated: Action = {
    ...rest,
    status,
    ...(change.title ? { title: change.title } : {}),
    ...(change.titleEs || change.titleEn
      ? { translations: { ...existing.translations, ...(change.titleEs ? { es: change.titleEs } : {}), ...(change.titleEn ? { en: change.titleEn } : {}) } }
      : {}),
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
  const words = WORDS[leader.locale].leader.actionProblems;
  if (!org.departments.some((d) => d.id === department)) return [`${words.field.department}: ${words.unknownDepartment(department)}`];
  if (!leader.executive && !oversightOf(org, leader).has(department)) return [`${words.field.department}: ${words.notOverseen(leader.name, department)}`];
  return [];
}

function dateProblems(deps: ActionDeps, doneOn: string | undefined, locale: Locale): string[] {
  const today = calendarDate(deps.clock.now(), deps.org.timeZone);
  const words = WORDS[locale].leader.actionProblems;
  return doneOn !== undefined && doneOn > today ? [`${words.field.doneOn}: ${words.future(doneOn)}`] : [];
}

/** Each problem with the field it is about, named in the leader's language. */
function invalid(error: z.core.$ZodError, locale: Locale): InvalidInputError {
  const fields: Record<string, string> = WORDS[locale].leader.actionProblems.field;
  return new InvalidInputError(
    error.issues.map((issue) => {
      const [first] = issue.path;
      const field = typeof first === 'string' && issue.path.length === 1 ? (fields[first] ?? first) : formatPath(issue.path);
      return issue.code === 'unrecognized_keys' ? issue.message : `${field}: ${issue.message}`;
    }),
  );
}
