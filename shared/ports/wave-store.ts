import type { AggregateCounts } from '../domain/aggregates.js';
import type { UnitCounts } from '../domain/evaluate-hotspots.js';
import type { DeliveryKind, Wave } from '../domain/wave.js';

/** A role group's aggregate within one department, its shards merged. */
export interface RoleAggregate {
  roleGroup: string;
  counts: AggregateCounts;
}

/** Waves: their plan and state, and the counts their answers add up to. */
export interface WaveStore {
  getWave(waveId: string): Promise<Wave | undefined>;
  listWaves(): Promise<Wave[]>;
  /** Stores a new wave, with every aggregate shard its answers can go to; fails if one with the same id exists. */
  createWave(wave: Wave): Promise<void>;
  /** Records that these departments' staff were queued a message of this kind. */
  markDispatched(waveId: string, kind: DeliveryKind, departments: readonly string[]): Promise<void>;
  requestReminder(waveId: string): Promise<void>;
  /**
   * Marks the wave closed: its links then answer 410. Its counts are frozen, then its
   * aggregate shards, its delivery claims and its reach marks are deleted; a close cut short
   * is finished by the next call.
   */
  closeWave(waveId: string, now: Date): Promise<void>;
  /** An open wave's counts so far in one department, by role group. */
  readAggregates(waveId: string, department: string): Promise<RoleAggregate[]>;
  /** Closed waves' counts as frozen at close, by wave id. */
  readFrozen(waves: readonly Pick<Wave, 'id' | 'frozenChunks'>[]): Promise<Map<string, UnitCounts[]>>;
}
