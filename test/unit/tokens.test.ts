import { describe, expect, it } from 'vitest';
import { deriveToken, hashToken, isWellFormedToken, newToken, newWaveSecret, TOKEN_BYTES } from '../../shared/domain/tokens.js';

describe('pulse tokens', () => {
  it('carry at least 128 bits in 22 URL-safe characters', () => {
    const token = newToken();
    expect(TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
  });

  it('are different every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
  });

  it('derive the same link for a person within a wave and a different one in the next wave', () => {
    const wave1 = newWaveSecret();
    const wave2 = newWaveSecret();
    expect(deriveToken(wave1, 'staff-1')).toBe(deriveToken(wave1, 'staff-1'));
    expect(deriveToken(wave1, 'staff-1')).not.toBe(deriveToken(wave1, 'staff-2'));
    expect(deriveToken(wave1, 'staff-1')).not.toBe(deriveToken(wave2, 'staff-1'));
    expect(isWellFormedToken(deriveToken(wave1, 'staff-1'))).toBe(true);
  });

  it('are stored only as a hash that does not contain the token', () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).not.toContain(token);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('reject anything not shaped like a token', () => {
    for (const bad of ['nonsense', '', 'a'.repeat(21), 'a'.repeat(23), `${'a'.repeat(21)}/`]) expect(isWellFormedToken(bad)).toBe(false);
  });
});
