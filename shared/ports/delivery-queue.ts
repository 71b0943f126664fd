import type { Delivery } from '../domain/wave.js';
import type { DeliveryError } from './messenger.js';

/**
 * Deliveries sent in one go: the SQS batch the send function gets, and the batch the local
 * queue hands over. 25 keeps a full batch within Lambda's 15 minutes at the slowest rates an
 * organization may set, and its completions within one BatchWriteItem.
 */
export const DELIVERY_BATCH_SIZE = 25;

/**
 * A claim still "sending" after this long was left by a sender that died. Longer than any
 * send function runs: Lambda stops every function at 15 minutes.
 */
export const STALE_CLAIM_MS = 16 * 60 * 1000;

/** Why a delivery was done without sending anything. */
export type SkipReason = 'wave-closed' | 'not-on-roster' | 'inactive' | 'no-channel' | 'already-sent' | 'opted-out' | 'refused' | 'joined-after-open';

/**
 * What became of one delivery of a batch: done (sent, or skipped for a reason), or failed in
 * a way another try may fix, so the queue should bring it back.
 */
export type DeliveryOutcome = { status: 'sent' } | { status: 'skipped'; reason: SkipReason } | { status: 'failed'; error: DeliveryError };

/** Where deliveries wait to be sent: a queue per channel on AWS (SQS), an in-process runner locally. */
export interface DeliveryQueue {
  enqueue(deliveries: readonly Delivery[]): Promise<void>;
}
