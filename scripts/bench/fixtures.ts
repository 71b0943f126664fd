import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { orgConfigSchema, type OrgConfig } from '../../shared/domain/org-config.js';
import { staffIdFor } from '../../shared/domain/roster.js';
import type { Staff } from '../../shared/domain/staff.js';
import { deriveToken } from '../../shared/domain/tokens.js';
import { tokenExpiresAt } from '../../shared/domain/wave.js';
import { memoryLog } from '../../shared/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { localServices } from '../lib/local-services.js';

/** An organization of `departments` flat departments with two roles. */
export function benchOrg(departments: number): OrgConfig {
  return orgConfigSchema.parse({
    id: 'bench',
    name: 'Bench Health',
    timeZone: 'America/Chicago',
    departments: Array.from({ length: departments }, (_, i) => ({ id: `d${i}`, name: `Department ${i}` })),
    roleGroups: [
      { id: 'nurse', name: 'Nurses' },
      { id: 'physician', name: 'Physicians' },
    ],
    channels: { email: { enabled: true, from: 'pulse@bench.example' }, sms: { enabled: true } },
    // A production stack needs a mailbox for its alarms.
    deploy: { alarmEmail: 'alarms@bench.example' },
  });
}

/**
 * The same number of departments as a health system arranges them: regions, facilities in
 * each, units in each facility. A flat list is the easy case: a leader's first page then has
 * nothing to summarize by.
 */
export function benchTreeOrg(departments: number): OrgConfig {
  const regions = Math.max(2, Math.round(departments / 250));
  const facilities = Math.max(4, Math.round(departments / 25));
  const units = departments - regions - facilities;
  const flat = benchOrg(1);
  return orgConfigSchema.parse({
    ...flat,
    departments: [
      ...Array.from({ length: regions }, (_, r) => ({ id: `r${r}`, name: `Region ${r}` })),
      ...Array.from({ length: facilities }, (_, f) => ({ id: `f${f}`, name: `Facility ${f}`, parent: `r${f % regions}` })),
      ...Array.from({ length: units }, (_, u) => ({ id: `d${u}`, name: `Unit ${u}`, parent: `f${u % facilities}` })),
    ],
  });
}

export function benchStaff(count: number, departments: number, channel: Staff['channel'] = 'email'): Staff[] {
  return Array.from({ length: count }, (_, i) => {
    const email = `p${i}@bench.example`;
    return {
      id: staffIdFor(email, undefined),
      email,
      phone: `+1202${String(5_000_000 + i).padStart(7, '0')}`,
      department: `d${i % departments}`,
      roleGroup: i % 3 === 0 ? 'physician' : 'nurse',
      locale: 'en',
      channel,
      active: true,
      emailOptOut: false,
      smsOptOut: false,
    };
  });
}

/** A fresh table on the given emulator, with the local platform wired over it. */
/** A local platform on a new table, or on `existingTable` as an earlier process left it. */
export async function benchPlatform(endpoint: string, org: OrgConfig, existingTable?: string) {
  const { client, documentClient } = createDynamoClients({ endpoint });
  const tableName = existingTable ?? `bench-${randomUUID()}`;
  if (!existingTable) await ensureTable(client, tableName);
  const services = localServices({
    documentClient,
    tableName,
    org,
    outboxDir: await mkdtemp(join(tmpdir(), 'bench-outbox-')),
    baseUrl: 'http://bench.invalid',
    clock: systemClock,
    log: memoryLog(),
  });
  return { ...services, client, documentClient, tableName };
}

/**
 * An open wave (which issues every staff member's token) with nothing sent. Returns the
 * raw tokens and what each person's page would carry.
 */
export async function waveWithTokens(platform: Awaited<ReturnType<typeof benchPlatform>>, staff: Staff[]) {
  await platform.stores.roster.putStaff(staff);
  const { wave } = await openWave({ ...platform.waveDeps, queue: { enqueue: async () => undefined } });
  const secret = (await platform.secrets.get(wave.id))!;
  const tokens = staff.map((person) => deriveToken(secret, person.id));
  // What each person's page carries in its hidden fields: where their answers go.
  const pages = staff.map((person) => ({ wave: wave.id, unit: wave.units[`${person.department}/${person.roleGroup}`] ?? '' }));
  // What sending would have recorded: every unit reached by all its people, so its answers count.
  await platform.stores.answers.recordReach(
    staff.flatMap((person, index) => {
      const [department, roleGroup] = pages[index]!.unit.split('/');
      return department && roleGroup ? [{ waveId: wave.id, staffId: person.id, unit: { department, roleGroup }, expiresAt: tokenExpiresAt(wave) }] : [];
    }),
  );
  return { wave, tokens, pages };
}
