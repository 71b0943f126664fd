import type { Channel } from '../domain/staff.js';
import type { DeliveryKind } from '../domain/wave.js';

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

/** A leader's digest for one wave. */
export interface AlertEntry {
  waveId: string;
  leaderId: string;
}

export type AlertClaim = 'claimed' | 'sending' | 'sent' | 'refused';

/**
 * How long a digest's claim may stay "sending" before a run takes it over: longer than the
 * alerts function may run (10 minutes), so only a claim whose run died is taken.
 */
export const ALERT_CLAIM_STALE_MS = 15 * 60 * 1000;

/** What was sent to whom, so each message, to staff or to a leader, goes once. */
export interface DeliveryLog {
  /** Claims the right to send one message; false if it was sent or is being sent. */
  claimDelivery(claim: DeliveryClaim): Promise<boolean>;
  /** Marks claimed messages sent (or given up for good), 25 a request. */
  completeDeliveries(claims: readonly DeliveryClaim[]): Promise<void>;
  /** Gives a claim back after a send that may succeed on retry. */
  releaseDelivery(claim: DeliveryClaim): Promise<void>;
  /**
   * Claims the right to send one leader's digest for a wave: 'claimed', or the state an
   * earlier or concurrent run left it in ('sending' while that run sends it, 'sent', or
   * 'refused' by the provider for good).
   */
  claimAlert(claim: AlertEntry & { now: Date }): Promise<AlertClaim>;
  /** Marks a claimed digest sent. */
  completeAlert(entry: AlertEntry & { hotspots: number }): Promise<void>;
  /**
   * Marks a claimed digest refused for good, so no later run of the wave tries it again.
   * `reason` says what refused it, as DeliveryError names it ("email MessageRejected"),
   * never the provider's message, which can quote the address.
   */
  refuseAlert(entry: AlertEntry & { reason: string; now: Date }): Promise<void>;
  /** Gives a claim back after a send that may succeed on retry: the next run tries it. */
  releaseAlert(entry: AlertEntry): Promise<void>;
}
