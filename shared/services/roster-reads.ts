import { mapLimit } from '../concurrency.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Staff } from '../domain/staff.js';
import type { RosterStore } from '../ports/roster-store.js';

/**
 * Everyone filed under the org's departments, active or not, a bounded number of queries at
 * a time: who a wave can count, as only a department in the org file has a place in one.
 */
export async function listRoster(deps: { roster: Pick<RosterStore, 'listStaff'>; org: Pick<OrgConfig, 'departments'> }): Promise<Staff[]> {
  return (await mapLimit(deps.org.departments, 16, (d) => deps.roster.listStaff(d.id))).flat();
}

/**
 * Everyone on the roster, whatever department they are filed under: what concerns a person
 * rather than a department (a request to be deleted, the status an admin checks) must also
 * find someone whose department the org file has since dropped or renamed.
 */
export async function listWholeRoster(deps: { roster: Pick<RosterStore, 'visitAllStaff'> }): Promise<Staff[]> {
  const staff: Staff[] = [];
  await deps.roster.visitAllStaff((page) => void staff.push(...page));
  return staff;
}
