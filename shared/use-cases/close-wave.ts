import type { Clock } from '../ports/clock.js';
import type { WaveStore } from '../ports/wave-store.js';
import type { WaveSecretStore } from '../ports/wave-secrets.js';

/**
 * Closes a wave: its links stop accepting answers, its figures freeze, its aggregate shards
 * and delivery claims are deleted, and its secret is destroyed, after which nobody can
 * recompute which person held which link.
 * CLI or schedule -> closeWave -> waves, secrets
 */
export async function closeWave(deps: { waves: Pick<WaveStore, 'closeWave'>; secrets: WaveSecretStore; clock: Clock }, waveId: string): Promise<void> {
  await deps.waves.closeWave(waveId, deps.clock.now());
  await deps.secrets.destroy(waveId);
}
