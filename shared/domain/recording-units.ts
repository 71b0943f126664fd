import { DepartmentTree } from './department-tree.js';
import type { OrgConfig } from './org-config.js';

/**
 * Where answers are recorded at rest. Invariant 2 (docs/design.md) applies to stored aggregates
 * too: a unit with fewer than k staff records into its parent (or, when the parent has too
 * few people of its own, into the parent's smallest child that stands alone), role groups are kept
 * apart only when every role bucket in the recording department has at least k staff,
 * so even an operator reading the table cannot single out someone alone in a role or unit.
 */
export interface RecordingUnit {
  department: string;
  roleGroup: string;
}

/** Records of departments whose chain of parents never reaches k staff. */
export const ORG_UNIT = '_org';
/** All roles of a recording department pooled together. */
export const ALL_ROLES = '_all';
/** The roles that are too small alone, pooled, when the pool itself reaches k. */
export const OTHER_ROLES = '_other';
/**
 * Holders of a department's printed one-time cards, a role bucket of their own: kept apart
 * when the department's roles are and it has k cards, pooled like any small role otherwise.
 * A role id in the config starts with a letter or digit, so no configured role is this one.
 */
export const CARD_ROLE = '_cards';

export interface StaffCount {
  department: string;
  roleGroup: string;
  count: number;
}

export interface RecordingPlan {
  /** Where a person in this department and role has their answers recorded. */
  unitFor(department: string, roleGroup: string): RecordingUnit;
  /** Staff per recording unit, for response rates. */
  readonly staffPerUnit: ReadonlyMap<string, number>;
}

export function unitKey(unit: RecordingUnit): string {
  return `${unit.department}/${unit.roleGroup}`;
}

/** The unit a {@link unitKey} names: department ids hold no slash, so the first one splits it. */
export function parseUnitKey(key: string): RecordingUnit {
  const slash = key.indexOf('/');
  return { department: key.slice(0, slash), roleGroup: key.slice(slash + 1) };
}

/** The printed cards the config gives each department a wave, as head counts in {@link CARD_ROLE}. */
export function cardCounts(org: Pick<OrgConfig, 'departments'>): StaffCount[] {
  return org.departments.flatMap((d) => (d.cards === undefined ? [] : [{ department: d.id, roleGroup: CARD_ROLE, count: d.cards }]));
}

/**
 * Builds the recording plan for a wave from the roster's head counts and the config's printed
 * cards: a card is handed to someone who can answer, so it counts in its department like a
 * person a link reaches.
 */
export function planRecordingUnits(org: Pick<OrgConfig, 'departments' | 'k'>, staff: readonly StaffCount[]): RecordingPlan {
  const k = org.k;
  const tree = new DepartmentTree(org.departments);

  // Role head counts per department, which small departments hand up to their parents.
  const roleCounts = new Map<string, Map<string, number>>();
  const bucket = (department: string) => {
    let roles = roleCounts.get(department);
    if (!roles) roleCounts.set(department, (roles = new Map()));
    return roles;
  };
  for (const row of [...staff, ...cardCounts(org)]) {
    const roles = bucket(row.department);
    roles.set(row.roleGroup, (roles.get(row.roleGroup) ?? 0) + row.count);
  }
  const total = (department: string) => [...(roleCounts.get(department)?.values() ?? [])].reduce((a, b) => a + b, 0);

  // Deepest first, so a department sees what its small children handed up before it decides.
  const redirect = new Map<string, string>();
  const standalone = (id: string) => roleCounts.has(id) && total(id) >= k;
  const smallestStandalone = (ids: string[]) => ids.filter(standalone).sort((a, b) => total(a) - total(b) || a.localeCompare(b))[0];
  const moveInto = (from: string, target: string) => {
    redirect.set(from, target);
    const into = bucket(target);
    for (const [role, count] of roleCounts.get(from) ?? []) into.set(role, (into.get(role) ?? 0) + count);
    roleCounts.delete(from);
  };
  const deepestFirst = [...org.departments].sort((a, b) => tree.depth(b.id) - tree.depth(a.id));
  for (const department of deepestFirst) {
    const headCount = total(department.id);
    if (headCount === 0 || headCount >= k) continue;
    // A leaf goes up to its parent. A parent left with a few people of its own (say, two
    // directors) joins its smallest child that stands alone, which keeps them local.
    moveInto(department.id, smallestStandalone([...tree.childrenOf(department.id)]) ?? department.parent ?? ORG_UNIT);
  }
  const orgRemainder = total(ORG_UNIT);
  if (orgRemainder > 0 && orgRemainder < k) {
    const largestPossible = smallestStandalone([...roleCounts.keys()].filter((id) => id !== ORG_UNIT));
    if (largestPossible !== undefined) moveInto(ORG_UNIT, largestPossible);
  }

  const roleMapping = new Map<string, Map<string, string>>();
  const staffPerUnit = new Map<string, number>();
  for (const [department, roles] of roleCounts) {
    const mapping = new Map<string, string>();
    const small = [...roles].filter(([, count]) => count < k);
    const pooled = small.reduce((sum, [, count]) => sum + count, 0);
    const separate = pooled === 0 || pooled >= k;
    for (const [role] of roles) {
      mapping.set(role, !separate ? ALL_ROLES : roles.get(role)! >= k ? role : OTHER_ROLES);
    }
    // A single bucket is the whole department, whatever it was called.
    if (new Set(mapping.values()).size === 1) for (const role of mapping.keys()) mapping.set(role, ALL_ROLES);
    roleMapping.set(department, mapping);
    for (const [role, count] of roles) {
      const key = unitKey({ department, roleGroup: mapping.get(role)! });
      staffPerUnit.set(key, (staffPerUnit.get(key) ?? 0) + count);
    }
  }

  return {
    staffPerUnit,
    unitFor(department, roleGroup) {
      let recordingDepartment = department;
      for (let next = redirect.get(recordingDepartment); next !== undefined; next = redirect.get(recordingDepartment)) recordingDepartment = next;
      const mapped = roleMapping.get(recordingDepartment)?.get(roleGroup);
      return { department: recordingDepartment, roleGroup: mapped ?? ALL_ROLES };
    },
  };
}
