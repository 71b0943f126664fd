import { orgConfigSchema, type OrgConfig, type OrgConfigInput } from '../../shared/domain/org-config.js';
import { staffIdFor } from '../../shared/domain/roster.js';
import type { Staff } from '../../shared/domain/staff.js';

const AREA_CODES = ['202', '212', '213', '312', '415', '512', '617', '713', '773', '818'];
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
    deploy: { alarmEmail: 'it@test.example' },
    supportResources: [{ label: 'Crisis line', detail: 'call or text 988' }],
    ...overrides,
  });
}

let nextPhone = 0;

/** Staff for the test org: `count` people in one department and role, each with their own contacts. */
export function staffIn(department: string, roleGroup: string, count: number, options: Partial<Staff> = {}): Staff[] {
  return Array.from({ length: count }, (_, i) => ({
    id: staffIdFor(`${department}.${roleGroup}.${i}@staff.example`, undefined),
    email: `${department}.${roleGroup}.${i}@staff.example`,
    // 555 numbers in many area codes: valid for libphonenumber, fictional, unique per run.
    phone: `+1${AREA_CODES[Math.floor(nextPhone / 100) % AREA_CODES.length]}55501${String(nextPhone++ % 100).padStart(2, '0')}`,
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
