import type { Action } from '../domain/actions.js';
import type { AggregateCounts } from '../domain/aggregates.js';
import type { Evaluation, UnitCounts } from '../domain/evaluate-hotspots.js';
import type { RecordingUnit } from '../domain/recording-units.js';
import type { RosterPerson } from '../domain/roster.js';
import type { Channel, Staff } from '../domain/staff.js';
import type { DeliveryKind, TokenRecord, Wave } from '../domain/wave.js';

/** One submission to count: the token to consume and the counters to add, atomically. */
export interface SubmissionWrite {
  tokenHash: string;
  waveId: string;
  unit: RecordingUnit;
  shard: number;
  increments: Record<string, number>;
  now: Date;
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

/** A role group's aggregate within one department, its shards merged. */
export interface RoleAggregate {
  roleGroup: string;
  counts: AggregateCounts;
}

/** One message to one person on one channel, claimed so it is sent once. */
export interface DeliveryClaim {
  waveId: string;
  kind: DeliveryKind;
  staffId: string;
  channel: Channel;
  now: Date;
  /** Epoch seconds after which the claim item may be deleted. */
  expiresAt: number;
  /** A claim still "sending" after this long is taken to be abandoned. */
  staleAfterMs: number;
}

export interface IssuedToken {
  tokenHash: string;
  record: TokenRecord;
}

/**
 * How long a digest's claim may stay "sending" before a run takes it over: longer than the
 * alerts function may run (10 minutes), so only a claim whose run died is taken.
 */
export const ALERT_CLAIM_STALE_MS = 15 * 60 * 1000;

/**
 * Everything the use cases need from storage. The DynamoDB adapter implements it; tests
 * run it against DynamoDB Local.
 */
export interface PulseStore {
  getToken(tokenHash: string): Promise<TokenRecord | undefined>;
  /** Tokens by hash, a hundred a request; unknown hashes are left out. */
  getTokens(tokenHashes: readonly string[]): Promise<Map<string, TokenRecord>>;
  getWave(waveId: string): Promise<Wave | undefined>;
  listWaves(): Promise<Wave[]>;
  /**
   * Consumes the token and adds the answers in one transaction. Throws UnknownLinkError,
   * AlreadyAnsweredError, LinkExpiredError, or ServiceBusyError when retries run out.
   */
  recordSubmission(write: SubmissionWrite): Promise<void>;
  /** Stores a new wave, with every aggregate shard its answers can go to; fails if one with the same id exists. */
  createWave(wave: Wave): Promise<void>;
  /**
   * Marks the wave closed: its links then answer 410. Its counts are frozen, then its
   * aggregate shards and its delivery claims are deleted; a close cut short is finished by
   * the next call.
   */
  closeWave(waveId: string, now: Date): Promise<void>;
  /** Records that these departments' staff were queued a message of this kind. */
  markDispatched(waveId: string, kind: DeliveryKind, departments: readonly string[]): Promise<void>;
  requestReminder(waveId: string): Promise<void>;
  issueTokens(tokens: readonly IssuedToken[]): Promise<void>;
  /** Claims the right to send one message; false if it was sent or is being sent. */
  claimDelivery(claim: DeliveryClaim): Promise<boolean>;
  /** Marks claimed messages sent (or given up for good), 25 a request. */
  completeDeliveries(claims: readonly DeliveryClaim[]): Promise<void>;
  /** Gives a claim back after a send that may succeed on retry. */
  releaseDelivery(claim: DeliveryClaim): Promise<void>;
  /**
   * Counts people as reached in their units, each once per wave however many messages they
   * are sent; returns how many this call counted (the others were counted before).
   */
  recordReach(entries: readonly ReachEntry[]): Promise<number>;
  /**
   * Claims the right to send one leader's digest for a wave: 'claimed', or the state an
   * earlier or concurrent run left it in ('sending' while that run sends it, 'sent', or
   * 'refused' by the provider for good).
   */
  claimAlert(claim: { waveId: string; leaderId: string; now: Date }): Promise<'claimed' | 'sending' | 'sent' | 'refused'>;
  /** Marks a claimed digest sent. */
  completeAlert(entry: { waveId: string; leaderId: string; hotspots: number }): Promise<void>;
  /**
   * Marks a claimed digest refused for good, so no later run of the wave tries it again.
   * `reason` says what refused it, as DeliveryError names it ("email MessageRejected"),
   * never the provider's message, which can quote the address.
   */
  refuseAlert(entry: { waveId: string; leaderId: string; reason: string; now: Date }): Promise<void>;
  /** Gives a claim back after a send that may succeed on retry: the next run tries it. */
  releaseAlert(entry: { waveId: string; leaderId: string }): Promise<void>;
  /**
   * Publishes a closed wave's figures, unless figures were published for it already: the
   * first save to complete is the wave's, for good. Returns the wave's published figures,
   * these or the earlier ones; undefined when earlier ones cannot be read whole (withheld).
   */
  savePublished(evaluation: Evaluation): Promise<Evaluation | undefined>;
  /**
   * A closed wave's published figures; undefined when none were stored (or not all of them).
   * With `departments`, only those departments' groups (and every hidden group's id), item
   * by item; without, the whole wave as `readPublishedMany` reads it.
   */
  readPublished(waveId: string, options?: { departments?: readonly string[] }): Promise<Evaluation | undefined>;
  /**
   * Closed waves' published figures, by wave id, from their compressed copies: a request or
   * two whatever their size. A wave published before the copy existed is read item by item;
   * waves with none published (or not all of it) are left out.
   */
  readPublishedMany(waveIds: readonly string[]): Promise<Map<string, Evaluation>>;
  /** Closed waves' counts as frozen at close, by wave id; waves closed before freezing existed are left out. */
  readFrozen(waves: readonly Pick<Wave, 'id' | 'frozenChunks'>[]): Promise<Map<string, UnitCounts[]>>;
  /**
   * The dashboard link key. With `create`, makes one the first time (a conditional write,
   * so concurrent first calls agree); without, undefined until then.
   */
  dashboardKey(options?: { create?: boolean }): Promise<string | undefined>;
  /**
   * Stores an action. A new one (no `expectedUpdatedAt`) must not exist yet; a changed one
   * must still be as it was read, else ActionChangedError: two leaders editing at once
   * never overwrite each other silently.
   */
  saveAction(action: Action, expectedUpdatedAt?: string): Promise<void>;
  /** Actions, all of them or those of the given departments. */
  listActions(options?: { departments?: readonly string[] }): Promise<Action[]>;
  /** Records an opt-out; false when the person is not on the roster. */
  setOptOut(staffId: string, channel: Channel): Promise<boolean>;
  readAggregates(waveId: string, department: string): Promise<RoleAggregate[]>;
  /**
   * Writes staff items whole, reporting progress on large batches: for people not on the
   * roster yet, since a whole item overwrites opt-outs made since it was read.
   */
  putStaff(staff: readonly Staff[], onProgress?: (written: number, total: number) => void): Promise<void>;
  /**
   * Sets what a roster row says of people already on the roster (contacts, a missing one
   * removed, department, role, locale, channel) and makes them active, leaving their
   * opt-outs and unsubscribe link as they are at that moment. Someone deleted meanwhile
   * stays deleted rather than coming back in part.
   */
  updateStaffRoster(people: readonly RosterPerson[]): Promise<void>;
  /** Marks people inactive and changes nothing else; someone deleted meanwhile stays deleted. */
  deactivateStaff(staffIds: readonly string[]): Promise<void>;
  getStaff(staffId: string): Promise<Staff | undefined>;
  /** Roster entries by id, a hundred a request; ids not on the roster are left out. */
  getStaffMany(staffIds: readonly string[]): Promise<Map<string, Staff>>;
  /** Deletes a roster entry for good; false when there was none. */
  deleteStaff(staffId: string): Promise<boolean>;
  /** The roster entries filed under one department. */
  listStaff(department: string): Promise<Staff[]>;
  /**
   * Every roster entry, a page at a time, whatever department it is filed under: people under
   * a department the org file no longer has are still on the roster, with their contacts and
   * opt-outs, until an import deactivates them or they are deleted on request.
   */
  visitAllStaff(visit: (staff: Staff[]) => void | Promise<void>): Promise<void>;
}
