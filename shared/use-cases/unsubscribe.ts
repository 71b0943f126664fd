import { timingSafeEqual } from 'node:crypto';
import { UnknownLinkError } from '../errors.js';
import type { RosterStore } from '../ports/roster-store.js';

/**
 * Stops a person's pulse emails from the link in their email footer (`/u/<id>/<token>`).
 * Honoured on the next send. The link says who to unsubscribe; it carries nothing about
 * any pulse or answer.
 * route -> unsubscribe -> roster
 */
export async function unsubscribe(deps: { roster: Pick<RosterStore, 'getStaff' | 'setOptOut'> }, staffId: string, token: string): Promise<void> {
  const staff = /^[a-f0-9]{24}$/.test(staffId) ? await deps.roster.getStaff(staffId) : undefined;
  if (!staff?.unsubscribeToken || !sameSecret(staff.unsubscribeToken, token)) throw new UnknownLinkError();
  await deps.roster.setOptOut(staff.id, 'email');
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
