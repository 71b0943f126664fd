import { NoOpenWaveError } from '../errors.js';
import { dispatchPending, type DispatchReport } from '../services/dispatch.js';
import type { WaveDeps } from '../services/wave-deps.js';

/**
 * Sends everyone in the open wave a reminder with the same link ("if you have already
 * answered, thank you"). It goes to everyone because the platform cannot tell who answered.
 * CLI or schedule -> remindWave -> waves, dispatchPending
 */
export async function remindWave(deps: Pick<WaveDeps, 'waves' | 'roster' | 'queue' | 'org' | 'clock'>): Promise<{ waveId: string; dispatch: DispatchReport }> {
  const wave = (await deps.waves.listWaves()).find((w) => w.status === 'open');
  if (!wave) throw new NoOpenWaveError();
  await deps.waves.requestReminder(wave.id);
  return { waveId: wave.id, dispatch: await dispatchPending(deps, wave.id) };
}
