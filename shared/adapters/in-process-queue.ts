import type { Delivery } from '../domain/wave.js';
import type { DeliveryQueue } from '../ports/delivery-queue.js';
import { mapLimit } from '../concurrency.js';

/**
 * The local stand-in for SQS and the send function: deliveries run at once, in this
 * process, a few at a time. Failures are collected and reported, as a dead-letter queue
 * would hold them.
 */
export class InProcessDeliveryQueue implements DeliveryQueue {
  readonly failed: { delivery: Delivery; error: unknown }[] = [];

  constructor(
    private readonly deliver: (delivery: Delivery) => Promise<unknown>,
    private readonly concurrency = 8,
  ) {}

  async enqueue(deliveries: readonly Delivery[]): Promise<void> {
    await mapLimit(deliveries, this.concurrency, async (delivery) => {
      try {
        await this.deliver(delivery);
      } catch (error) {
        this.failed.push({ delivery, error });
      }
    });
  }
}
