import { normalizeContact } from '../domain/roster.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Staff } from '../domain/staff.js';
import { InvalidInputError } from '../errors.js';
import type { RosterStore } from '../ports/roster-store.js';
import { listWholeRoster } from '../services/roster-reads.js';

/**
 * A person asks to be removed: their roster entry (contacts, department, role, opt-outs)
 * is deleted, not deactivated. Nothing else names them: tokens are stored as hashes with no
 * person, answers only as counts, and delivery records carry a pseudonymous id and expire
 * with their wave. `dryRun` finds the entries and deletes nothing.
 *
 * Every entry holding the contact goes, found on the whole roster (also under a department
 * the org file no longer has): a phone can pass from one entry to another (a number moved
 * to a colleague's row), and the entry it was left on, deactivated, still holds it.
 * CLI -> removeFromRoster -> listWholeRoster (match by normalized contact) -> roster.deleteStaff
 */
export async function removeFromRoster(
  deps: { roster: Pick<RosterStore, 'visitAllStaff' | 'deleteStaff'>; org: OrgConfig },
  contact: string,
  options: { dryRun?: boolean } = {},
): Promise<Staff[]> {
  const normalized = normalizeContact(contact, deps.org.defaultCountry);
  if (!normalized)
    throw new InvalidInputError([
      `"${contact}" is neither an email address nor a phone number (write a phone with +country code, or as a ${deps.org.defaultCountry} number).`,
    ]);
  const matches = (person: Staff) => ('email' in normalized ? person.email === normalized.email : person.phone === normalized.phone);
  // Active first: the entry the person is on now is the one to name.
  const people = (await listWholeRoster(deps)).filter(matches).sort((a, b) => Number(b.active) - Number(a.active));
  if (people.length === 0)
    throw new InvalidInputError([
      `No one on the roster has the contact "${contact}". Nothing was deleted; check the spelling (contacts are matched as the roster import normalizes them).`,
    ]);
  if (!options.dryRun) for (const person of people) await deps.roster.deleteStaff(person.id);
  return people;
}
