import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Delivery } from '../../domain/wave.js';
import type { DeliveryQueue } from '../../ports/delivery-queue.js';
import { chunksOf, mapLimit } from '../../concurrency.js';

const SQS_BATCH_LIMIT = 10;

/**
 * Deliveries onto the SQS queue the send function reads, ten per request. A message is a
 * wave id, a staff id and a kind: no contact, no token, so the queue and its dead-letter
 * queue hold nothing personal.
 */
export class SqsDeliveryQueue implements DeliveryQueue {
  constructor(private readonly options: { client: SQSClient; queueUrl: string; concurrency?: number; maxAttempts?: number }) {}

  async enqueue(deliveries: readonly Delivery[]): Promise<void> {
    await mapLimit(chunksOf(deliveries, SQS_BATCH_LIMIT), this.options.concurrency ?? 8, async (batch) => {
      let pending = batch.map((delivery, index) => ({ Id: String(index), MessageBody: JSON.stringify(delivery) }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const result = await this.options.client.send(new SendMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: pending }));
        const failed = new Set((result.Failed ?? []).map((f) => f.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0 && attempt >= (this.options.maxAttempts ?? 5)) {
          throw new Error(`SQS refused ${pending.length} deliveries after ${attempt} attempts: ${(result.Failed ?? []).map((f) => f.Code).join(', ')}`);
        }
      }
    });
  }
}
