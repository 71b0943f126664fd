import type { AggregateCounts } from '../domain/aggregates.js';
import type { RecordingUnit } from '../domain/recording-units.js';
import type { Staff } from '../domain/staff.js';
import type { TokenRecord, Wave } from '../domain/wave.js';

/** One submission to count: the token to consume and the counters to add, atomically. */
export interface SubmissionWrite {
  tokenHash: string;
  waveId: string;
  unit: RecordingUnit;
  shard: number;
  increments: Record<string, number>;
  now: Date;
}

/** A role group's aggregate within one department, its shards merged. */
export interface RoleAggregate {
  roleGroup: string;
  counts: AggregateCounts;
}

export interface IssuedToken {
  tokenHash: string;
  record: TokenRecord;
}

/**
 * Everything the use cases need from storage. The DynamoDB adapter implements it; tests
 * run it against DynamoDB Local.
 */
export interface PulseStore {
  getToken(tokenHash: string): Promise<TokenRecord | undefined>;
  getWave(waveId: string): Promise<Wave | undefined>;
  listWaves(): Promise<Wave[]>;
  /**
   * Consumes the token and adds the answers in one transaction. Throws UnknownLinkError,
   * AlreadyAnsweredError, LinkExpiredError, or ServiceBusyError when retries run out.
   */
  recordSubmission(write: SubmissionWrite): Promise<void>;
  createWave(wave: Wave, secret: Buffer): Promise<void>;
  /** Marks the wave closed (its links then answer 410) and destroys its secret. */
  closeWave(waveId: string, now: Date): Promise<void>;
  issueTokens(tokens: readonly IssuedToken[]): Promise<void>;
  readAggregates(waveId: string, department: string): Promise<RoleAggregate[]>;
  putStaff(staff: readonly Staff[]): Promise<void>;
  listStaff(department: string): Promise<Staff[]>;
}
