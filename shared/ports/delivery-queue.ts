import type { Delivery } from '../domain/wave.js';

/** Where deliveries wait to be sent: SQS on AWS, an in-process runner locally. */
export interface DeliveryQueue {
  enqueue(deliveries: readonly Delivery[]): Promise<void>;
}
