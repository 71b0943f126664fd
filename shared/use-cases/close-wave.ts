import type { Clock } from '../ports/clock.js';
import type { PulseStore } from '../ports/pulse-store.js';

/**
 * Closes a wave: its links stop accepting answers and its secret is destroyed, after which
 * nobody can recompute which person held which link.
 * CLI or schedule -> closeWave -> store
 */
export async function closeWave(deps: { store: PulseStore; clock: Clock }, waveId: string): Promise<void> {
  await deps.store.closeWave(waveId, deps.clock.now());
}
