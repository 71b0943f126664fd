import { describe, expect, it } from 'vitest';
import { newDashboardKey, signDashboardLink, verifyDashboardLink } from '../../shared/domain/dashboard-link.js';

const key = newDashboardKey();
const now = new Date('2026-11-24T15:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe('dashboard links', () => {
  it('open the dashboard of the leader they were made for, until they expire', () => {
    const link = signDashboardLink(key, 'ed-manager', inDays(45));
    expect(verifyDashboardLink(key, link, now)).toEqual({
      ok: true,
      leaderId: 'ed-manager',
      expiresAt: new Date(Math.floor(inDays(45).getTime() / 1000) * 1000),
    });
    expect(verifyDashboardLink(key, link, inDays(46))).toEqual({ ok: false, reason: 'expired', leaderId: 'ed-manager' });
  });

  it('cannot be edited into another leader’s link or a later expiry', () => {
    const link = signDashboardLink(key, 'ed-manager', inDays(45));
    const [, expires, signature] = link.split('.');
    const otherLeader = `${Buffer.from('ceo').toString('base64url')}.${expires}.${signature}`;
    const longer = `${link.split('.')[0]}.${Number(expires) + 86_400}.${signature}`;
    // The last of 22 base64url characters carries 2 spare bits: another spelling of the same bytes.
    const last = signature!.at(-1)!;
    const respelled = `${link.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charAt('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(last) ^ 1)}`;
    expect(Buffer.from(respelled.split('.')[2]!, 'base64url')).toEqual(Buffer.from(signature!, 'base64url'));
    expect(verifyDashboardLink(key, respelled, now)).toEqual({ ok: false, reason: 'unknown' });
    expect(verifyDashboardLink(key, otherLeader, now)).toEqual({ ok: false, reason: 'unknown' });
    expect(verifyDashboardLink(key, longer, now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('are unknown under another organization’s key, without a key, or when malformed', () => {
    const link = signDashboardLink(key, 'ed-manager', inDays(45));
    expect(verifyDashboardLink(newDashboardKey(), link, now)).toEqual({ ok: false, reason: 'unknown' });
    expect(verifyDashboardLink(undefined, link, now)).toEqual({ ok: false, reason: 'unknown' });
    for (const bad of ['', 'abc', `${link}x`, link.replace(/\./g, '-'), '../../etc/passwd']) expect(verifyDashboardLink(key, bad, now).ok).toBe(false);
  });
});
