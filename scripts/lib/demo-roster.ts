import { createHash } from 'node:crypto';
import type { Staff } from '../../shared/domain/staff.js';

/**
 * The demo organization's roster: 150 made-up people whose mix of departments, roles,
 * languages and channels resembles a community health center. Deterministic, so every
 * newcomer sees the same demo. Phone numbers use the 555-01xx fictional range.
 */
const COMPOSITION: Record<string, Record<string, number>> = {
  emergency: { nurse: 14, physician: 6, app: 4, support: 4 },
  icu: { nurse: 12, physician: 4, support: 4 },
  'med-surg': { nurse: 16, physician: 3, support: 5 },
  'primary-care': { physician: 6, app: 4, ma: 8, nurse: 6 },
  // Four people: too few to be recorded alone, so their answers count under Ambulatory care.
  pediatrics: { physician: 2, ma: 2 },
  'behavioral-health': { app: 6, nurse: 2, support: 4 },
  'front-desk': { 'front-desk': 17 },
  billing: { billing: 12 },
  scheduling: { scheduler: 9 },
};

const FIRST = ['Ana', 'Ben', 'Carla', 'Deshawn', 'Emily', 'Farah', 'Gabriel', 'Hana', 'Isaac', 'Jasmine', 'Kofi', 'Lucia', 'Mateo', 'Nadia', 'Omar', 'Paula', 'Quinn', 'Rafael', 'Sofia', 'Tariq', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe'];
const LAST = ['Alvarez', 'Brooks', 'Castillo', 'Dubois', 'Evans', 'Flores', 'Garcia', 'Hughes', 'Ibarra', 'Jensen', 'Khan', 'Lopez', 'Morales', 'Nguyen', 'Okafor', 'Patel', 'Reyes', 'Silva', 'Turner', 'Vasquez'];
const SMS_FIRST_ROLES = new Set(['ma', 'support', 'front-desk']);

export function demoRoster(): Staff[] {
  const staff: Staff[] = [];
  let index = 0;
  for (const [department, roles] of Object.entries(COMPOSITION)) {
    for (const [roleGroup, count] of Object.entries(roles)) {
      for (let i = 0; i < count; i++, index++) {
        const first = FIRST[index % FIRST.length]!;
        const last = LAST[(index * 7) % LAST.length]!;
        const email = `${first}.${last}.${index}@riverside.example`.toLowerCase();
        const phone = `+1${['312', '773', '708', '630'][index % 4]}55501${String(index % 100).padStart(2, '0')}`;
        const locale = index % 5 === 2 ? 'es' : 'en';
        const channel = SMS_FIRST_ROLES.has(roleGroup) ? (index % 3 === 0 ? 'both' : 'sms') : index % 6 === 0 ? 'both' : 'email';
        staff.push({
          id: createHash('sha256').update(email).digest('hex').slice(0, 20),
          email,
          phone,
          department,
          roleGroup,
          locale,
          channel,
          active: true,
        });
      }
    }
  }
  return staff;
}
