/**
 * A health system the size the design promises, for the dispatch benchmark: sites, five
 * service lines under each, and care units under the lines. Most units have 8 to 40 staff,
 * one in ten has fewer than 8 (some below k, so they record into their line), and about one
 * in a hundred is large (an emergency department or operating theatres: 200 to 500).
 * The same `departments` and `staff` give the same organization every time.
 */
import { orgConfigSchema, type OrgConfig } from '../../shared/domain/org-config.js';
import { staffIdFor } from '../../shared/domain/roster.js';
import type { Staff } from '../../shared/domain/staff.js';
import { seededRandom } from '../lib/demo-answers.js';

const LINES_PER_SITE = 5;
const DEPARTMENTS_PER_SITE = 100;

/** Where each department sits: `site` and `line` departments hold few staff of their own. */
interface Layout {
  org: OrgConfig;
  kind: Map<string, 'site' | 'line' | 'unit'>;
}

function layout(departments: number): Layout {
  const sites = Math.max(1, Math.round(departments / DEPARTMENTS_PER_SITE));
  const lines = sites * LINES_PER_SITE;
  const units = departments - sites - lines;
  if (units < lines) throw new Error(`${departments} departments are too few for ${sites} sites of ${LINES_PER_SITE} service lines with units under them`);
  const kind = new Map<string, 'site' | 'line' | 'unit'>();
  const list: { id: string; name: string; parent?: string }[] = [];
  for (let s = 0; s < sites; s++) {
    list.push({ id: `s${s}`, name: `Site ${s}` });
    kind.set(`s${s}`, 'site');
  }
  for (let l = 0; l < lines; l++) {
    list.push({ id: `s${l % sites}-l${l}`, name: `Service line ${l}`, parent: `s${l % sites}` });
    kind.set(`s${l % sites}-l${l}`, 'line');
  }
  for (let u = 0; u < units; u++) {
    const line = list[sites + (u % lines)]!.id;
    list.push({ id: `${line}-u${u}`, name: `Unit ${u}`, parent: line });
    kind.set(`${line}-u${u}`, 'unit');
  }
  const org = orgConfigSchema.parse({
    id: 'bench',
    name: 'Bench Health System',
    timeZone: 'America/Chicago',
    // No send windows: every department's window is open, so opening queues everyone at once
    // (the most an open ever does), whatever the hour the benchmark runs.
    departments: list,
    roleGroups: [
      { id: 'nurse', name: 'Nurses' },
      { id: 'physician', name: 'Physicians' },
      { id: 'allied', name: 'Allied health and support' },
    ],
    channels: { email: { enabled: true, from: 'pulse@bench.example' }, sms: { enabled: true } },
    // A production stack needs a mailbox for its alarms.
    deploy: { alarmEmail: 'alarms@bench.example' },
  });
  return { org, kind };
}

/** The organization of `departments` departments (a twentieth of them sites and lines). */
export function healthSystemOrg(departments: number): OrgConfig {
  return layout(departments).org;
}

/**
 * `staff` people over the organization's departments, sized as above and then evened out
 * (a unit at a time, within 8 to 40) to make exactly `staff`. Seven in ten take email, two
 * SMS, one both.
 */
export function healthSystemRoster(departments: number, staff: number): Staff[] {
  const { org, kind } = layout(departments);
  const random = seededRandom(departments * 7919 + staff);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const size = new Map<string, number>();
  const regular: string[] = [];
  org.departments.forEach((department, index) => {
    const of = kind.get(department.id)!;
    if (of === 'site') size.set(department.id, 0);
    else if (of === 'line') size.set(department.id, between(0, 6));
    else if (index % 94 === 0) size.set(department.id, between(200, 500));
    else if (index % 10 === 3) size.set(department.id, between(3, 7));
    else {
      size.set(department.id, between(8, 40));
      regular.push(department.id);
    }
  });
  let missing = staff - [...size.values()].reduce((a, b) => a + b, 0);
  for (let i = 0; missing !== 0; i++) {
    if (i > regular.length * 40) throw new Error(`${staff} staff cannot fill ${departments} departments of these sizes`);
    const id = regular[i % regular.length]!;
    const n = size.get(id)!;
    if (missing > 0 && n < 40) {
      size.set(id, n + 1);
      missing--;
    } else if (missing < 0 && n > 8) {
      size.set(id, n - 1);
      missing++;
    }
  }
  const roster: Staff[] = [];
  for (const [department, n] of size) {
    for (let j = 0; j < n; j++) {
      const i = roster.length;
      const pick = random();
      const channel: Staff['channel'] = pick < 0.7 ? 'email' : pick < 0.9 ? 'sms' : 'both';
      const email = channel === 'sms' ? undefined : `p${i}@bench.example`;
      const phone = `+1202${String(5_000_000 + i).padStart(7, '0')}`;
      const role = random();
      roster.push({
        id: staffIdFor(email, phone),
        ...(email ? { email } : {}),
        phone,
        department,
        roleGroup: role < 0.6 ? 'nurse' : role < 0.75 ? 'physician' : 'allied',
        locale: 'en',
        channel,
        active: true,
        emailOptOut: false,
        smsOptOut: false,
      });
    }
  }
  return roster;
}
