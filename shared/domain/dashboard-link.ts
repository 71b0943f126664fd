import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A leader's dashboard link: who it is for and until when, signed with the organization's
 * dashboard key. No login: the link in a digest is the credential, like the pulse link is
 * for staff. It shows only figures that passed suppression, which anyone able to read the
 * key (the table) could compute from the aggregates anyway, so a forged link reveals
 * nothing new; what the signature stops is one leader reading another's departments by
 * editing the URL.
 */
export const DASHBOARD_LINK_DAYS = 45;
const SIGNATURE_BYTES = 16;
const LINK_PATTERN = /^([A-Za-z0-9_-]{1,200})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

export function newDashboardKey(): string {
  return randomBytes(32).toString('base64url');
}

function signature(key: string, leaderPart: string, expiresSeconds: string): Buffer {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(`dashboard:v1:${leaderPart}:${expiresSeconds}`).digest().subarray(0, SIGNATURE_BYTES);
}

/** `<leader id, base64url>.<expiry, epoch seconds>.<128-bit HMAC>` */
export function signDashboardLink(key: string, leaderId: string, expiresAt: Date): string {
  const leaderPart = Buffer.from(leaderId, 'utf8').toString('base64url');
  const expiresSeconds = String(Math.floor(expiresAt.getTime() / 1000));
  return `${leaderPart}.${expiresSeconds}.${signature(key, leaderPart, expiresSeconds).toString('base64url')}`;
}

/** Whether a string is shaped like a dashboard link at all: anything else needs no lookup. */
export function isWellFormedDashboardLink(candidate: string): boolean {
  return LINK_PATTERN.test(candidate);
}

export type DashboardLinkCheck =
  | { ok: true; leaderId: string; expiresAt: Date }
  | { ok: false; reason: 'unknown' }
  /** Genuine but past its date: whose it was is known, so the page can say so in their language. */
  | { ok: false; reason: 'expired'; leaderId: string };

/**
 * Checks a link. A link that is malformed or whose signature does not match is "unknown"
 * (the same answer for both, so probing learns nothing); a genuine one past its expiry is
 * "expired", so the leader can be told to use the newest digest.
 */
export function verifyDashboardLink(key: string | undefined, link: string, now: Date): DashboardLinkCheck {
  const match = LINK_PATTERN.exec(link);
  if (!key || !match) return { ok: false, reason: 'unknown' };
  const [, leaderPart = '', expiresSeconds = '', given = ''] = match;
  // Compared as text: base64url's last character has spare bits, so decoding first would
  // accept several spellings of one signature.
  const expected = Buffer.from(signature(key, leaderPart, expiresSeconds).toString('base64url'));
  if (!timingSafeEqual(Buffer.from(given), expected)) return { ok: false, reason: 'unknown' };
  const expiresAt = new Date(Number(expiresSeconds) * 1000);
  const leaderId = Buffer.from(leaderPart, 'base64url').toString('utf8');
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', leaderId };
  return { ok: true, leaderId, expiresAt };
}
