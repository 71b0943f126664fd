import type { RecordingUnit } from '../domain/recording-units.js';
import type { TokenRecord } from '../domain/wave.js';

/** One submission to count: the token to consume and the counters to add, atomically. */
export interface SubmissionWrite {
  tokenHash: string;
  waveId: string;
  unit: RecordingUnit;
  shard: number;
  increments: Record<string, number>;
  now: Date;
  /**
   * A scrubbed comment, added to one of its unit's comment buckets in the same transaction: it
   * is kept exactly when the answers are counted. `expiresAt`: the wave's comments' deletion time.
   */
  comment?: { text: string; bucket: number; expiresAt: number };
  /**
   * When set, the answers are counted only if the unit's links have reached at least this
   * many people (`recordReach`); else nothing is written and UnitNotReachedError is thrown.
   */
  reachK?: number;
}

/** One person a wave's link went out to, and the unit their link records into. */
export interface ReachEntry {
  waveId: string;
  staffId: string;
  unit: RecordingUnit;
  /** Epoch seconds after which the entry may be deleted: the wave's token expiry. */
  expiresAt: number;
}

export interface IssuedToken {
  tokenHash: string;
  record: TokenRecord;
}

/** Links and what they count: the tokens a wave issues, the answers and reach they add. */
export interface AnswerStore {
  issueTokens(tokens: readonly IssuedToken[]): Promise<void>;
  getToken(tokenHash: string): Promise<TokenRecord | undefined>;
  /** Tokens by hash, a hundred a request; unknown hashes are left out. */
  getTokens(tokenHashes: readonly string[]): Promise<Map<string, TokenRecord>>;
  /**
   * Consumes the token and adds the answers in one transaction. Throws UnknownLinkError,
   * AlreadyAnsweredError, LinkExpiredError, SubmissionMismatchError, UnitNotReachedError, or
   * ServiceBusyError when retries run out. Resolves `comment-dropped` when the answers were
   * counted but the comment's bucket had no room for it.
   */
  recordSubmission(write: SubmissionWrite): Promise<'recorded' | 'comment-dropped'>;
  /**
   * Counts people as reached in their units, each once per wave however many messages they
   * are sent; returns how many this call counted (the others were counted before).
   */
  recordReach(entries: readonly ReachEntry[]): Promise<number>;
}
