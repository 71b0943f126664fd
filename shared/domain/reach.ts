import { sendChannels, type EnabledChannels, type Staff } from './staff.js';
import { cardsPerUnit, type Wave } from './wave.js';

/**
 * Who a recording unit can reach. A unit's links go out only while at least k of the people
 * its plan counted can be sent one, and its answers are counted only once k of them have
 * actually been sent one: otherwise an admin who deactivates all but one of a unit before its
 * send window opens would leave that one person's answers alone in an aggregate.
 */

/** The k a wave's units are held to: the one it was opened with (waves from before it was kept: the organization's). */
export function reachThreshold(wave: Pick<Wave, 'reachK'>, orgK: number): number {
  return wave.reachK ?? orgK;
}

/** A wave's frozen plan both ways: the units each configured department records into, and the departments each unit gathers. */
export interface PlanRoutes {
  unitsFedBy(department: string): readonly string[];
  departmentsFeeding(unit: string): readonly string[];
}

/** Reads the plan once, so an organization of thousands of departments is not scanned per department. */
export function planRoutes(wave: Pick<Wave, 'units'>): PlanRoutes {
  const units = new Map<string, Set<string>>();
  const departments = new Map<string, Set<string>>();
  for (const [source, unit] of Object.entries(wave.units)) {
    const department = source.slice(0, source.indexOf('/'));
    units.set(department, (units.get(department) ?? new Set()).add(unit));
    departments.set(unit, (departments.get(unit) ?? new Set()).add(department));
  }
  return {
    unitsFedBy: (department) => [...(units.get(department) ?? [])],
    departmentsFeeding: (unit) => [...(departments.get(unit) ?? [])],
  };
}

/**
 * People who can be sent a link now, per recording unit, with the unit's printed cards:
 * active, reachable on a channel the organization sends on, and in a department and role the
 * wave's plan counted (someone added since in a new department or role holds no link).
 * Counted where the person is filed now; the submit check counts where their link actually
 * records, so a person moved since open can only make this count differ from what answers are
 * held to, never weaken that.
 */
export function reachableByUnit(wave: Pick<Wave, 'units' | 'cards'>, people: Iterable<Staff>, channels: EnabledChannels): Map<string, number> {
  // Printed cards were handed out: a unit of cards, or one they help reach k, never waits for the roster.
  const reachable = cardsPerUnit(wave);
  for (const person of people) {
    const unit = wave.units[`${person.department}/${person.roleGroup}`];
    if (unit === undefined || sendChannels(person, channels).length === 0) continue;
    reachable.set(unit, (reachable.get(unit) ?? 0) + 1);
  }
  return reachable;
}

/** A recording unit whose invitations wait because fewer than k of its people can be reached. */
export interface ShortUnit {
  /** `department/roleGroup` of the recording unit. */
  unit: string;
  /** Its people who can be sent a link now. */
  reachable: number;
  /** People the wave's plan counted in it at open. */
  planned: number;
  k: number;
  /** Departments whose messages wait for it. */
  departments: string[];
}

/**
 * Of the departments about to be sent a message, those that must wait: every department
 * feeding a unit under k waits whole, since a wave records what was queued per department
 * and a department marked done would never send the short unit's people their link once
 * they can be reached again. Units come sorted, departments in the order given.
 */
export function shortUnits(
  wave: Pick<Wave, 'units' | 'staffPerUnit'>,
  due: readonly string[],
  reachable: ReadonlyMap<string, number>,
  k: number,
  routes: PlanRoutes = planRoutes(wave),
): ShortUnit[] {
  const byUnit = new Map<string, string[]>();
  for (const department of due) {
    for (const unit of routes.unitsFedBy(department)) {
      if ((reachable.get(unit) ?? 0) >= k) continue;
      const waiting = byUnit.get(unit) ?? [];
      waiting.push(department);
      byUnit.set(unit, waiting);
    }
  }
  return [...byUnit]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([unit, departments]) => ({ unit, reachable: reachable.get(unit) ?? 0, planned: wave.staffPerUnit[unit] ?? 0, k, departments }));
}

/** A short unit in words, for the admin: what waits, why, and what lets it go. */
export function describeShortUnit(short: ShortUnit, departmentName: (id: string) => string = (id) => id): string {
  const waiting = short.departments.map(departmentName).join(', ');
  return `Recording unit ${short.unit}: only ${short.reachable} of its ${short.planned} people can be sent a link now (active, with a channel not opted out of), fewer than k = ${short.k}, so ${waiting} ${short.departments.length === 1 ? 'waits' : 'wait'} for their messages. They go out on the next hourly run (or \`wave dispatch\`) once ${short.k} of its people can be reached again, e.g. after the full roster is imported.`;
}
