import { withinSendWindow } from '../domain/send-window.js';
import type { DeliveryKind } from '../domain/wave.js';
import { acceptsAnswers } from '../domain/wave.js';
import type { WaveDeps } from './wave-deps.js';

export interface DispatchReport {
  /** Messages queued, by kind. */
  queued: Record<DeliveryKind, number>;
  /** Departments still waiting for their send window. */
  held: string[];
}

/**
 * Queues what is due: for an open wave, every department not yet sent a message of each
 * due kind (invites; reminders once requested) whose send window is open now. Runs at
 * open, at remind, and on an hourly tick, so night-shift units get their link when their
 * shift can read it. Reminders go to everyone in the department: nothing here knows, or
 * could know, who answered.
 * schedule -> dispatchPending -> store, queue
 */
export async function dispatchPending(deps: Omit<WaveDeps, 'secrets'>, waveId: string): Promise<DispatchReport> {
  const { store, queue, org, clock } = deps;
  const report: DispatchReport = { queued: { invite: 0, reminder: 0 }, held: [] };
  const wave = await store.getWave(waveId);
  const now = clock.now();
  if (!wave || !acceptsAnswers(wave, now)) return report;

  const kinds: DeliveryKind[] = wave.reminderRequested ? ['invite', 'reminder'] : ['invite'];
  for (const department of org.departments) {
    const due = kinds.filter((kind) => !(kind === 'invite' ? wave.dispatchedInvite : wave.dispatchedReminder).includes(department.id));
    if (due.length === 0) continue;
    if (!withinSendWindow(department.sendWindow, org.timeZone, now)) {
      report.held.push(department.id);
      continue;
    }
    const staff = (await store.listStaff(department.id)).filter((s) => s.active);
    for (const kind of due) {
      // Queue first, then mark: a crash in between re-queues the department, and the
      // per-message claim in deliverMessage keeps anyone from getting it twice.
      await queue.enqueue(staff.map((person) => ({ waveId, staffId: person.id, kind })));
      await store.markDispatched(waveId, kind, department.id);
      report.queued[kind] += staff.length;
    }
  }
  return report;
}
