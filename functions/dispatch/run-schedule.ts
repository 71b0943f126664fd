import * as z from 'zod/mini';
import { isCloseDue, isOpenDue, isReminderDue } from '../../shared/domain/cadence.js';
import { acceptsAnswers } from '../../shared/domain/wave.js';
import type { Log } from '../../shared/logger.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { dispatchPending, type DispatchReport } from '../../shared/services/dispatch.js';
import type { WaveDeps } from '../../shared/services/wave-deps.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';

/**
 * What EventBridge Scheduler asks for: open a wave, remind, close, or the hourly tick that
 * sends what waited for a department's send window (and closes a wave whose time is up,
 * should the close schedule have been missed).
 */
const eventSchema = z.object({ action: z.enum(['open', 'remind', 'close', 'tick']) });

/** Runs one scheduled action. */
export async function runSchedule(deps: WaveDeps & { log: Log }, event: unknown) {
  const { log } = deps;
  const { action } = eventSchema.parse(event);
  const waves = await deps.waves.listWaves();
  const open = waves.find((w) => w.status === 'open');
  switch (action) {
    case 'open': {
      if (!isOpenDue(deps.org, waves, deps.clock.now())) return { action, wave: undefined };
      const { wave, dispatch } = await openWave(deps);
      log.info('wave-opened', { wave: wave.id, issued: wave.issued, queued: dispatch.queued.invite, held: dispatch.held.length });
      logShortUnits(log, wave.id, dispatch);
      return { action, wave: wave.id };
    }
    case 'remind': {
      if (!open || !isReminderDue(deps.org, open, deps.clock.now())) return { action, wave: undefined };
      const { waveId, dispatch } = await remindWave(deps);
      log.info('wave-reminded', { wave: waveId, queued: dispatch.queued.reminder, held: dispatch.held.length });
      logShortUnits(log, waveId, dispatch);
      return { action, wave: waveId };
    }
    case 'close': {
      if (!open || !isCloseDue(open, deps.clock.now())) return { action, wave: undefined };
      await closeWave(deps, open.id);
      log.info('wave-closed', { wave: open.id });
      return { action, wave: open.id };
    }
    case 'tick': {
      if (!open) return { action, wave: undefined };
      if (!acceptsAnswers(open, deps.clock.now())) {
        await closeWave(deps, open.id);
        log.info('wave-closed', { wave: open.id, late: true });
        return { action, wave: open.id };
      }
      const dispatch = await dispatchPending(deps, open.id);
      log.info('wave-dispatched', { wave: open.id, invites: dispatch.queued.invite, reminders: dispatch.queued.reminder, held: dispatch.held.length });
      logShortUnits(log, open.id, dispatch);
      return { action, wave: open.id };
    }
  }
}

/**
 * A unit whose messages wait because fewer than k of its people can be reached: the unit and
 * head counts, which the admin's roster already shows, and nobody's name or contact.
 */
function logShortUnits(log: Log, waveId: string, dispatch: DispatchReport): void {
  for (const short of dispatch.short)
    log.warn('unit-held-under-k', { wave: waveId, unit: short.unit, reachable: short.reachable, k: short.k, departments: short.departments.length });
}
