import type { OrgConfig } from '../domain/org-config.js';
import { canBeSent, type Staff } from '../domain/staff.js';
import { reachableByUnit, reachThreshold, shortUnits, type ShortUnit } from '../domain/reach.js';
import { acceptsAnswers, type Wave } from '../domain/wave.js';
import type { Clock } from '../ports/clock.js';
import type { RosterStore } from '../ports/roster-store.js';
import type { WaveStore } from '../ports/wave-store.js';
import { listWholeRoster } from '../services/roster-reads.js';

/** Waves `status` lists, newest last. */
export const STATUS_RECENT_WAVES = 6;

export interface OrgStatus {
  /** `reachableStaff`: active staff a link can reach now (a channel that is on, not opted out): who the next wave counts. */
  departments: { id: string; name: string; activeStaff: number; reachableStaff: number; inactiveStaff: number }[];
  /**
   * People filed under departments the org file no longer has (dropped or renamed): no wave
   * counts them, yet their contacts are kept until an import deactivates them or they are
   * deleted on request.
   */
  unlistedDepartments: { id: string; activeStaff: number; inactiveStaff: number }[];
  /** `responses`: counted at close; undefined while the wave is open (and for waves closed before it was kept). */
  waves: { id: string; status: 'open' | 'closed'; openedAt: string; closesAt: string; issued: number; responses: number | undefined }[];
  /** Older waves left out of `waves`. */
  olderWaves: number;
  /**
   * For the open wave: recording units fewer than k of whose people can be reached now, with
   * the departments not yet sent their messages that wait for them.
   */
  shortUnits: ShortUnit[];
}

/**
 * What an admin checks: roster head counts per department (and how many of them a link can
 * reach, which is who a wave counts) and, for recent waves, links issued and answers counted
 * organization-wide, as the wave's close recorded them. Nothing is counted while a wave is
 * open: watching a count move would tell an admin when someone answered, and reading the
 * counts would need the unit-by-unit aggregates, which the admins' role cannot read. It does
 * say which units of the open wave hold their messages back for want of k reachable people.
 * CLI -> describeStatus -> roster, waves
 */
export async function describeStatus(deps: {
  roster: Pick<RosterStore, 'visitAllStaff'>;
  waves: Pick<WaveStore, 'listWaves'>;
  org: OrgConfig;
  clock: Clock;
}): Promise<OrgStatus> {
  const { org } = deps;
  const counts = new Map<string, { active: number; reachable: number; inactive: number }>();
  const roster = await listWholeRoster(deps);
  for (const person of roster) {
    const entry = counts.get(person.department) ?? { active: 0, reachable: 0, inactive: 0 };
    if (person.active) entry.active++;
    else entry.inactive++;
    if (canBeSent(person, org.channels)) entry.reachable++;
    counts.set(person.department, entry);
  }
  const departments = org.departments.map((department) => ({
    id: department.id,
    name: department.name.en,
    activeStaff: counts.get(department.id)?.active ?? 0,
    reachableStaff: counts.get(department.id)?.reachable ?? 0,
    inactiveStaff: counts.get(department.id)?.inactive ?? 0,
  }));
  const listed = new Set(org.departments.map((d) => d.id));
  const unlistedDepartments = [...counts]
    .filter(([id]) => !listed.has(id))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, entry]) => ({ id, activeStaff: entry.active, inactiveStaff: entry.inactive }));
  const all = (await deps.waves.listWaves()).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const recent = all.slice(-STATUS_RECENT_WAVES);
  const waves = recent.map((wave) => ({
    id: wave.id,
    status: wave.status,
    openedAt: wave.openedAt,
    closesAt: wave.closesAt,
    issued: wave.issued,
    responses: wave.responses,
  }));
  const open = all.find((wave) => acceptsAnswers(wave, deps.clock.now()));
  return { departments, unlistedDepartments, waves, olderWaves: all.length - recent.length, shortUnits: open ? waitingUnderK(open, org, roster) : [] };
}

/** The open wave's units that would hold their departments' next messages back, as dispatch would find them now. */
function waitingUnderK(wave: Wave, org: OrgConfig, roster: readonly Staff[]): ShortUnit[] {
  const notSent = org.departments
    .map((department) => department.id)
    .filter((id) => !wave.dispatchedInvite.includes(id) || (wave.reminderRequested && !wave.dispatchedReminder.includes(id)));
  return shortUnits(wave, notSent, reachableByUnit(wave, roster, org.channels), reachThreshold(wave, org.k));
}
