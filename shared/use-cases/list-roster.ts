import { mapLimit } from '../concurrency.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Staff } from '../domain/staff.js';
import type { PulseStore } from '../ports/pulse-store.js';

/** Everyone on the roster of the org's departments, active or not, a bounded number of queries at a time. */
export async function listRoster(deps: { store: PulseStore; org: Pick<OrgConfig, 'departments'> }): Promise<Staff[]> {
  return (await mapLimit(deps.org.departments, 16, (d) => deps.store.listStaff(d.id))).flat();
}
