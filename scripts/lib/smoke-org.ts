import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseOrgConfig } from '../../shared/config.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { Staff } from '../../shared/domain/staff.js';

/**
 * The throwaway organization the smoke test runs on, and the check that an organization is
 * one: its id starts with `smoke-`, and every address it sends to is the SES mailbox
 * simulator's "success" mailbox, so no message of a smoke run reaches a person and none
 * bounces.
 */

/** The template both targets start from: two departments of six, a leader each, an executive. */
export const SMOKE_TEMPLATE_FILE = 'orgs/smoke-example.json';

/** The SES mailbox simulator's address that accepts every message, with an optional +label. */
const SIMULATOR_SUCCESS = /^success(\+[a-z0-9._-]+)?@simulator\.amazonses\.com$/;

/** Staff per department: at least k + 1, so one link can be kept back and every department still publishes. */
function staffPerDepartment(org: Pick<OrgConfig, 'k'>): number {
  return Math.max(6, org.k + 1);
}

/** A fresh id for a local run's organization and table, e.g. `smoke-3f9a2c`. */
export function newSmokeId(): string {
  return `smoke-${randomBytes(3).toString('hex')}`;
}

/** The template with another id: the organization a local run builds in code. */
export async function smokeOrgFromTemplate(id: string, file = SMOKE_TEMPLATE_FILE): Promise<OrgConfig> {
  const template = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return parseOrgConfig(JSON.stringify({ ...template, id }), file);
}

/**
 * The smoke roster as CSV, in the format `roster import` reads: in every department,
 * simulator addresses labelled by department and number, by email, in the default language.
 */
export function smokeRosterCsv(org: OrgConfig): string {
  const role = org.roleGroups[0]!.id;
  const rows = org.departments.flatMap((department) =>
    Array.from(
      { length: staffPerDepartment(org) },
      (_, i) => `success+${department.id}-${i + 1}@simulator.amazonses.com,,${department.id},${role},${org.defaultLocale},email`,
    ),
  );
  return `email,phone,department,role,locale,channel\n${rows.join('\n')}\n`;
}

/**
 * Why an organization is not one the smoke test may run on, if it is not: a smoke run derives
 * every person's link (which needs the wave secret) and answers for them, which only a
 * throwaway organization may allow. Empty when it may.
 */
export function throwawayProblems(org: OrgConfig, roster: readonly Staff[] = []): string[] {
  const problems: string[] = [];
  if (!org.id.startsWith('smoke-')) problems.push(`its id "${org.id}" does not start with "smoke-"`);
  const leaders = org.leaders.filter((leader) => !SIMULATOR_SUCCESS.test(leader.email)).length;
  if (leaders > 0) problems.push(`${leaders} of its leaders' addresses are not the SES mailbox simulator's (success+<label>@simulator.amazonses.com)`);
  if (org.channels.sms?.enabled) problems.push('it sends text messages (channels.sms.enabled), and SMS has no mailbox simulator');
  // Counts only: a roster entry's contact is not for the terminal.
  const people = roster.filter((person) => person.phone !== undefined || person.email === undefined || !SIMULATOR_SUCCESS.test(person.email)).length;
  if (people > 0) problems.push(`${people} of the ${roster.length} people on its roster have an address other than the SES mailbox simulator's, or a phone`);
  return problems;
}
