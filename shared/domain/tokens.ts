import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 128 bits: the floor docs/design.md sets, and 22 characters, so an SMS link stays short. */
export const TOKEN_BYTES = 16;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** A fresh random pulse token (base64url, 128 bits). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * The token a staff member gets for a wave, derived from the wave's secret so a reminder
 * can resend the same link without anything stored that says who holds which token.
 * Once the wave secret is destroyed, nobody can recompute the mapping.
 */
export function deriveToken(waveSecret: Buffer, staffId: string): string {
  return createHmac('sha256', waveSecret).update(staffId).digest().subarray(0, TOKEN_BYTES).toString('base64url');
}

/** A fresh per-wave secret for {@link deriveToken}. */
export function newWaveSecret(): Buffer {
  return randomBytes(32);
}

/** Whether a string is shaped like a token at all; anything else is unknown without a lookup. */
export function isWellFormedToken(candidate: string): boolean {
  return TOKEN_PATTERN.test(candidate);
}

/** The only form in which a token is ever stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
