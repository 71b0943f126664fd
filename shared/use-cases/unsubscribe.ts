import { timingSafeEqual } from 'node:crypto';
import { UnknownLinkError } from '../errors.js';
import type { PulseStore } from '../ports/pulse-store.js';

/**
 * Stops a person's pulse emails from the link in their email footer (`/u/<id>/<token>`).
 * Honoured on the next send. The link says who to unsubscribe; it carries nothing about
 * any pulse or answer.
 * route -> unsubscribe -> store
 */
export async function unsubscribe(deps: { store: PulseStore }, staffId: string, token: string): Promise<void> {
  const staff = /^[a-f0-9]{24}$/.test(staffId) ? await deps.store.getStaff(staffId) : undefined;
  if (!staff?.unsubscribeToken || !sameSecret(staff.unsubscribeToken, token)) throw new UnknownLinkError();
  await deps.store.setOptOut(staff.id, 'email');
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
