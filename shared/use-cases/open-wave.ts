import { itemsForWave } from '../domain/instrument.js';
import { invitationMessages } from '../domain/invitation.js';
import type { OrgConfig } from '../domain/org-config.js';
import { planRecordingUnits } from '../domain/recording-units.js';
import type { Staff } from '../domain/staff.js';
import { deriveToken, hashToken, newWaveSecret } from '../domain/tokens.js';
import { waveIdFor, type Wave } from '../domain/wave.js';
import { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Messenger } from '../ports/messenger.js';
import type { IssuedToken, PulseStore } from '../ports/pulse-store.js';

/** Token items outlive the wave so a late click says "closed" rather than "unknown". */
const TOKEN_RETENTION_AFTER_CLOSE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export class WaveAlreadyOpenError extends AppError {
  readonly status = 409;
  readonly code = 'wave-open';
  constructor(readonly waveId: string) {
    super(`Wave ${waveId} is still open; close it before opening another.`);
  }
}

export interface OpenWaveDeps {
  store: PulseStore;
  messenger: Messenger;
  clock: Clock;
  org: OrgConfig;
  /** Where links point, e.g. https://pulse.example.org (no trailing slash). */
  baseUrl: string;
}

/**
 * Opens a wave: freezes its items and recording plan, mints one link per active staff
 * member from a fresh wave secret, stores only the token hashes, and sends the links.
 * CLI or schedule -> openWave -> store, messenger
 */
export async function openWave(deps: OpenWaveDeps): Promise<Wave> {
  const { store, org, clock } = deps;
  const existing = await store.listWaves();
  const stillOpen = existing.find((w) => w.status === 'open');
  if (stillOpen) throw new WaveAlreadyOpenError(stillOpen.id);

  const staff = (await Promise.all(org.departments.map((d) => store.listStaff(d.id)))).flat().filter((s) => s.active);
  const counts = new Map<string, { department: string; roleGroup: string; count: number }>();
  for (const person of staff) {
    const key = `${person.department}/${person.roleGroup}`;
    const entry = counts.get(key) ?? { department: person.department, roleGroup: person.roleGroup, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const plan = planRecordingUnits(org, [...counts.values()]);

  const now = clock.now();
  const closesAt = new Date(now.getTime() + org.cadence.openForDays * DAY_MS);
  const sameDay = existing.filter((w) => w.id.startsWith(waveIdFor(now).slice(0, 9))).length;
  const wave: Wave = {
    id: waveIdFor(now, sameDay + 1),
    sequence: existing.length,
    status: 'open',
    openedAt: now.toISOString(),
    closesAt: closesAt.toISOString(),
    instrumentVersion: org.instrument.version,
    items: itemsForWave(org.instrument, existing.length),
    staffPerUnit: Object.fromEntries(plan.staffPerUnit),
    issued: staff.length,
  };
  const secret = newWaveSecret();
  await store.createWave(wave, secret);

  const expiresAt = Math.floor((closesAt.getTime() + TOKEN_RETENTION_AFTER_CLOSE_DAYS * DAY_MS) / 1000);
  const links = staff.map((person) => ({ person, token: deriveToken(secret, person.id) }));
  const issued: IssuedToken[] = links.map(({ person, token }) => {
    const unit = plan.unitFor(person.department, person.roleGroup);
    return {
      tokenHash: hashToken(token),
      record: { waveId: wave.id, department: unit.department, roleGroup: unit.roleGroup, locale: person.locale, state: 'issued', expiresAt },
    };
  });
  await store.issueTokens(issued);

  for (const { person, token } of links) {
    for (const message of invitationMessages(person, invitationContext(deps, wave, person, token))) await deps.messenger.send(message);
  }
  return wave;
}

function invitationContext(deps: OpenWaveDeps, wave: Wave, person: Staff, token: string) {
  const department = deps.org.departments.find((d) => d.id === person.department);
  return {
    orgName: deps.org.name,
    departmentName: department ? department.name[person.locale] : person.department,
    link: `${deps.baseUrl}/p/${token}`,
    closesOn: new Date(wave.closesAt).toLocaleDateString(person.locale === 'es' ? 'es-US' : 'en-US', { timeZone: deps.org.timeZone, weekday: 'long', month: 'long', day: 'numeric' }),
    kind: 'invite' as const,
  };
}
