import type { Clock } from '../ports/clock.js';
import type { PulseStore } from '../ports/pulse-store.js';
import type { WaveSecretStore } from '../ports/wave-secrets.js';

/**
 * Closes a wave: its links stop accepting answers, its figures freeze, its aggregate shards
 * and delivery claims are deleted, and its secret is destroyed, after which nobody can
 * recompute which person held which link.
 * CLI or schedule -> closeWave -> store, secrets
 */
export async function closeWave(deps: { store: PulseStore; secrets: WaveSecretStore; clock: Clock }, waveId: string): Promise<void> {
  await deps.store.closeWave(waveId, deps.clock.now());
  await deps.secrets.destroy(waveId);
}
