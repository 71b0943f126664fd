import { orgConfigSchema, type OrgConfig, type OrgConfigInput } from '../../shared/domain/org-config.js';
import type { Staff } from '../../shared/domain/staff.js';
import type { Clock } from '../../shared/ports/clock.js';

/** A small organization: a clinic with two children, one of them too small to stand alone. */
export function testOrg(overrides: Partial<OrgConfigInput> = {}): OrgConfig {
  return orgConfigSchema.parse({
    id: 'test-clinic',
    name: 'Test Clinic',
    timeZone: 'America/New_York',
    k: 5,
    departments: [
      { id: 'clinic', name: 'Clinic' },
      { id: 'ed', name: { en: 'Emergency', es: 'Emergencias' }, parent: 'clinic' },
      { id: 'lab', name: 'Lab', parent: 'clinic' },
    ],
    roleGroups: [
      { id: 'nurse', name: 'Nurses' },
      { id: 'physician', name: 'Physicians' },
    ],
    channels: { email: { enabled: true, from: 'pulse@test.example' }, sms: { enabled: true } },
    supportResources: [{ label: 'Crisis line', detail: 'call or text 988' }],
    ...overrides,
  });
}

/** Staff for the test org: `count` people in one department and role. */
export function staffIn(department: string, roleGroup: string, count: number, options: Partial<Staff> = {}): Staff[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${department}-${roleGroup}-${i}`,
    email: `${department}.${roleGroup}.${i}@staff.example`,
    phone: `+1202555${String(1000 + i).slice(-4)}`,
    department,
    roleGroup,
    locale: 'en' as const,
    channel: 'email' as const,
    active: true,
    emailOptOut: false,
    smsOptOut: false,
    unsubscribeToken: `unsub-${department}-${roleGroup}-${i}`.padEnd(22, 'x').slice(0, 22),
    ...options,
  }));
}

/** A clock tests can move. */
export function testClock(start = new Date('2026-11-24T15:00:00Z')): Clock & { advance(ms: number): void; set(date: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => void (current += ms),
    set: (date) => void (current = date.getTime()),
  };
}
