import { normalizeContact } from '../domain/roster.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Staff } from '../domain/staff.js';
import { InvalidInputError } from '../errors.js';
import type { PulseStore } from '../ports/pulse-store.js';
import { listWholeRoster } from './list-roster.js';

/**
 * A person asks to be removed: their roster entry (contacts, department, role, opt-outs)
 * is deleted, not deactivated. Nothing else names them: tokens are stored as hashes with no
 * person, answers only as counts, and delivery records carry a pseudonymous id and expire
 * with their wave. `dryRun` finds the entry and deletes nothing.
 * Found on the whole roster, so also under a department the org file no longer has.
 * CLI -> removeFromRoster -> listWholeRoster (match by normalized contact) -> store.deleteStaff
 */
export async function removeFromRoster(deps: { store: PulseStore; org: OrgConfig }, contact: string, options: { dryRun?: boolean } = {}): Promise<Staff> {
  const normalized = normalizeContact(contact, deps.org.defaultCountry);
  if (!normalized) throw new InvalidInputError([`"${contact}" is neither an email address nor a phone number (write a phone with +country code, or as a ${deps.org.defaultCountry} number).`]);
  const matches = (person: Staff) => ('email' in normalized ? person.email === normalized.email : person.phone === normalized.phone);
  const person = (await listWholeRoster(deps)).find(matches);
  if (!person) throw new InvalidInputError([`No one on the roster has the contact "${contact}". Nothing was deleted; check the spelling (contacts are matched as the roster import normalizes them).`]);
  if (!options.dryRun) await deps.store.deleteStaff(person.id);
  return person;
}
