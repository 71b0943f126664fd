import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CHANNELS, type Channel } from '../../domain/staff.js';
import type { Delivery } from '../../domain/wave.js';
import type { DeliveryQueue } from '../../ports/delivery-queue.js';
import { chunksOf, mapLimit } from '../../concurrency.js';

const SQS_BATCH_LIMIT = 10;

/**
 * Deliveries onto the SQS queue of their channel, ten per request: each channel has its own
 * queue and send function, so email goes at the email rate whatever SMS is doing. A message
 * is a wave id, a staff id, a kind and a channel: no contact, no token, so the queues and
 * their dead-letter queues hold nothing personal.
 */
export class SqsDeliveryQueue implements DeliveryQueue {
  constructor(private readonly options: { client: SQSClient; queueUrls: Partial<Record<Channel, string>>; concurrency?: number; maxAttempts?: number }) {}

  async enqueue(deliveries: readonly Delivery[]): Promise<void> {
    const batches: { queueUrl: string; deliveries: Delivery[] }[] = [];
    for (const channel of CHANNELS) {
      const ofChannel = deliveries.filter((d) => d.channel === channel);
      if (ofChannel.length === 0) continue;
      const queueUrl = this.options.queueUrls[channel];
      // Dispatch queues only the channels that are on, and the stack makes a queue for each.
      if (!queueUrl)
        throw new Error(
          `No ${channel} delivery queue is configured, so ${ofChannel.length} ${channel} deliveries cannot be queued: the stack makes one for each channel the organization turns on.`,
        );
      batches.push(...chunksOf(ofChannel, SQS_BATCH_LIMIT).map((batch) => ({ queueUrl, deliveries: batch })));
    }
    await mapLimit(batches, this.options.concurrency ?? 8, async ({ queueUrl, deliveries: batch }) => {
      let pending = batch.map((delivery, index) => ({ Id: String(index), MessageBody: JSON.stringify(delivery) }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const result = await this.options.client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
        const failed = new Set((result.Failed ?? []).map((f) => f.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0 && attempt >= (this.options.maxAttempts ?? 5)) {
          throw new Error(`SQS refused ${pending.length} deliveries after ${attempt} attempts: ${(result.Failed ?? []).map((f) => f.Code).join(', ')}`);
        }
      }
    });
  }
}
