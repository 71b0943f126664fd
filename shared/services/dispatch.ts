import { randomInt } from 'node:crypto';
import { mapLimit } from '../concurrency.js';
import { planRoutes, reachableByUnit, reachThreshold, shortUnits, type ShortUnit } from '../domain/reach.js';
import { withinSendWindow } from '../domain/send-window.js';
import { shuffled } from '../domain/shuffle.js';
import { sendChannels } from '../domain/staff.js';
import type { Delivery, DeliveryKind } from '../domain/wave.js';
import { acceptsAnswers } from '../domain/wave.js';
import type { WaveDeps } from './wave-deps.js';

/** Roster queries in flight at once while queuing a wave's messages. */
const ROSTER_READ_CONCURRENCY = 16;

export interface DispatchReport {
  /** People queued a message, by kind (one delivery for each channel they can be reached on). */
  queued: Record<DeliveryKind, number>;
  /** Departments still waiting for their send window. */
  held: string[];
  /**
   * Recording units fewer than k of whose people can be reached now, with the departments
   * (their send window open) whose messages wait for them: sent on a later run once k can.
   */
  short: ShortUnit[];
}

/**
 * Queues what is due: for an open wave, every department not yet sent a message of each
 * due kind (invites; reminders once requested) whose send window is open now, unless a
 * recording unit it feeds has fewer than k people who can be reached now. Runs at
 * open, at remind, and on an hourly tick, so night-shift units get their link when their
 * shift can read it. Reminders go to everyone in the department: nothing here knows, or
 * could know, who answered.
 * open, remind or schedule -> dispatchPending -> waves, roster, queue
 */
export async function dispatchPending(deps: Pick<WaveDeps, 'waves' | 'roster' | 'queue' | 'org' | 'clock'>, waveId: string): Promise<DispatchReport> {
  const { waves, roster, queue, org, clock } = deps;
  const report: DispatchReport = { queued: { invite: 0, reminder: 0 }, held: [], short: [] };
  const wave = await waves.getWave(waveId);
  const now = clock.now();
  if (!wave || !acceptsAnswers(wave, now)) return report;

  const kinds: DeliveryKind[] = wave.reminderRequested ? ['invite', 'reminder'] : ['invite'];
  const due = new Map<DeliveryKind, { departments: string[]; deliveries: Delivery[]; people: number }>(
    kinds.map((kind) => [kind, { departments: [], deliveries: [], people: 0 }]),
  );
  const sendable: { id: string; dueKinds: DeliveryKind[] }[] = [];
  for (const department of org.departments) {
    const dueKinds = kinds.filter((kind) => !(kind === 'invite' ? wave.dispatchedInvite : wave.dispatchedReminder).includes(department.id));
    if (dueKinds.length === 0) continue;
    if (withinSendWindow(department.sendWindow, org.timeZone, now)) sendable.push({ id: department.id, dueKinds });
    else report.held.push(department.id);
  }
  // A query per department, several at once: one after another, a large organization's
  // rosters took longer to read than everything else the open does. Besides the departments
  // due, those that share a recording unit with one of them: a unit is sent only while k of
  // its people can be reached, wherever they are filed.
  const routes = planRoutes(wave);
  const sendableIds = new Set(sendable.map((department) => department.id));
  const sharing = [...new Set(sendable.flatMap(({ id }) => routes.unitsFedBy(id).flatMap((unit) => routes.departmentsFeeding(unit))))].filter(
    (id) => !sendableIds.has(id),
  );
  const allRosters = await mapLimit([...sendable.map(({ id }) => id), ...sharing], ROSTER_READ_CONCURRENCY, (department) => roster.listStaff(department));
  const rosters = allRosters.slice(0, sendable.length);
  const short = shortUnits(wave, [...sendableIds], reachableByUnit(wave, allRosters.flat(), org.channels), reachThreshold(wave, org.k), routes);
  report.short = short;
  const waiting = new Set(short.flatMap((unit) => unit.departments));
  for (const [index, { id, dueKinds }] of sendable.entries()) {
    // Held whole and not marked: the next run sends it once its units can reach k again.
    if (waiting.has(id)) continue;
    // One delivery per channel a person can be reached on, each to its channel's sender, so
    // email never waits on the SMS rate. Nobody the organization cannot reach is queued (send
    // checks again: an opt-out may come in between).
    const reachable = rosters[index]!.map((person) => ({ id: person.id, channels: sendChannels(person, org.channels) })).filter(
      (person) => person.channels.length > 0,
    );
    for (const kind of dueKinds) {
      const entry = due.get(kind)!;
      entry.departments.push(id);
      entry.people += reachable.length;
      for (const person of reachable) entry.deliveries.push(...person.channels.map((channel) => ({ waveId, staffId: person.id, kind, channel })));
    }
  }
  for (const [kind, { departments, deliveries, people }] of due) {
    if (departments.length === 0) continue;
    // All due departments in one go, so batches fill across small departments. Queue first,
    // then mark: a crash in between queues them again, and the per-message claim in
    // deliverMessages keeps anyone from getting it twice.
    // Sent in roster order, the order of messages (and of their claims, and of the answers that
    // follow them) would say who is who to anyone who knows the roster's order.
    await queue.enqueue(shuffled(deliveries, randomInt));
    await waves.markDispatched(waveId, kind, departments);
    report.queued[kind] += people;
  }
  return report;
}
