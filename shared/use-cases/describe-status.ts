import { mapLimit } from '../concurrency.js';
import type { OrgConfig } from '../domain/org-config.js';
import { ORG_UNIT } from '../domain/recording-units.js';
import type { PulseStore } from '../ports/pulse-store.js';

export interface OrgStatus {
  departments: { id: string; name: string; activeStaff: number; inactiveStaff: number }[];
  waves: { id: string; status: 'open' | 'closed'; openedAt: string; closesAt: string; issued: number; responses: number }[];
}

/**
 * What an admin checks: roster head counts per department and, per wave, links issued and
 * answers counted organization-wide. Per-department answer counts are not shown here:
 * watching them move while a wave is open would tell an admin when someone answered.
 * CLI -> describeStatus -> store
 */
export async function describeStatus(deps: { store: PulseStore; org: OrgConfig }): Promise<OrgStatus> {
  const { store, org } = deps;
  const departments = await mapLimit(
    org.departments, 16, async (department) => {
      const staff = await store.listStaff(department.id);
      const active = staff.filter((s) => s.active).length;
      return { id: department.id, name: department.name.en, activeStaff: active, inactiveStaff: staff.length - active };
    },
  );
  const waves = (await store.listWaves()).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const units = [...org.departments.map((d) => d.id), ORG_UNIT];
  const withAnswers = await mapLimit(
    waves, 1, async (wave) => {
      const perDepartment = await mapLimit(units, 16, (unit) => store.readAggregates(wave.id, unit));
      const responses = perDepartment.flat().reduce((sum, role) => sum + role.counts.n, 0);
      return { id: wave.id, status: wave.status, openedAt: wave.openedAt, closesAt: wave.closesAt, issued: wave.issued, responses };
    },
  );
  return { departments, waves: withAnswers };
}
