import type { OrgConfig } from '../domain/org-config.js';
import { parseRoster, planRosterChanges, type RosterChanges } from '../domain/roster.js';
import type { Staff } from '../domain/staff.js';
import { InvalidInputError } from '../errors.js';
import type { PulseStore } from '../ports/pulse-store.js';
import { listRoster } from './list-roster.js';

export interface ImportRosterResult {
  changes: RosterChanges;
  rows: number;
  dryRun: boolean;
  /** Active staff per department after the import. */
  activePerDepartment: Record<string, number>;
}

/**
 * Imports a roster CSV: all or nothing. Any bad row stops the import with every problem
 * as `file:line: field: reason`; otherwise new people are added, changed ones updated in
 * place, and people no longer in the file deactivated (not deleted).
 * CLI -> importRoster -> store
 */
export async function importRoster(
  deps: { store: PulseStore; org: OrgConfig },
  input: { file: string; text: string; dryRun?: boolean; onProgress?: (written: number, total: number) => void },
): Promise<ImportRosterResult> {
  const { rows, problems } = parseRoster(input.text, deps.org);
  if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${input.file}:${p.line}: ${p.field}: ${p.reason}`));

  const existing = await listRoster(deps);
  const changes = planRosterChanges(rows, existing);
  const writes: Staff[] = [...changes.added, ...changes.updated, ...changes.reactivated, ...changes.deactivated];
  if (!input.dryRun && writes.length > 0) await deps.store.putStaff(writes, input.onProgress);

  const after = new Map(existing.map((s) => [s.id, s]));
  for (const staff of writes) after.set(staff.id, staff);
  const activePerDepartment: Record<string, number> = Object.fromEntries(deps.org.departments.map((d) => [d.id, 0]));
  for (const staff of after.values()) if (staff.active) activePerDepartment[staff.department] = (activePerDepartment[staff.department] ?? 0) + 1;
  return { changes, rows: rows.length, dryRun: input.dryRun ?? false, activePerDepartment };
}
