import type { Delivery } from '../domain/wave.js';
import { DELIVERY_BATCH_SIZE, type DeliveryOutcome, type DeliveryQueue } from '../ports/delivery-queue.js';
import { chunksOf, mapLimit } from '../concurrency.js';

/** Batches in flight at once: while one waits on DynamoDB, the others write to the outbox. */
const BATCHES_IN_FLIGHT = 4;

/**
 * The local stand-in for SQS and the send function: deliveries run at once, in this
 * process, in batches of the size the send function gets, a few batches at a time.
 * Failures are collected and reported, as a dead-letter queue would hold them.
 */
export class InProcessDeliveryQueue implements DeliveryQueue {
  readonly failed: { delivery: Delivery; error: unknown }[] = [];

  constructor(private readonly deliverBatch: (batch: readonly Delivery[]) => Promise<readonly DeliveryOutcome[]>) {}

  async enqueue(deliveries: readonly Delivery[]): Promise<void> {
    await mapLimit(chunksOf(deliveries, DELIVERY_BATCH_SIZE), BATCHES_IN_FLIGHT, async (batch) => {
      try {
        const outcomes = await this.deliverBatch(batch);
        outcomes.forEach((outcome, index) => {
          if (outcome.status === 'failed') this.failed.push({ delivery: batch[index]!, error: outcome.error });
        });
      } catch (error) {
        for (const delivery of batch) this.failed.push({ delivery, error });
      }
    });
  }
}
