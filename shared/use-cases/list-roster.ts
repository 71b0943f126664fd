import { mapLimit } from '../concurrency.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Staff } from '../domain/staff.js';
import type { PulseStore } from '../ports/pulse-store.js';

/** Everyone on the roster of the org's departments, active or not, a bounded number of queries at a time. */
export async function listRoster(deps: { store: PulseStore; org: Pick<OrgConfig, 'departments'> }): Promise<Staff[]> {
  return (await mapLimit(deps.org.departments, 16, (d) => deps.store.listStaff(d.id))).flat();
}

/**
 * Hands the roster to `visit` one department at a time, a few departments in flight, so a
 * caller can keep what it needs of a large roster without ever holding all of it.
 */
export async function visitRoster(
  deps: { store: PulseStore },
  departments: readonly string[],
  visit: (staff: Staff[], department: string) => void | Promise<void>,
): Promise<void> {
  await mapLimit(departments, 4, async (department) => visit(await deps.store.listStaff(department), department));
}
