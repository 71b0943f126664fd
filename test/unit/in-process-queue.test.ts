import { describe, expect, it } from 'vitest';
import { InProcessDeliveryQueue } from '../../shared/adapters/in-process-queue.js';
import type { Delivery } from '../../shared/domain/wave.js';
import { DELIVERY_BATCH_SIZE, type DeliveryOutcome } from '../../shared/ports/delivery-queue.js';
import { DeliveryError } from '../../shared/ports/messenger.js';

const deliveries = (n: number): Delivery[] =>
  Array.from({ length: n }, (_, i) => ({ waveId: 'w20261124-01', staffId: `s${i}`, kind: 'invite', channel: 'email' }));

describe('InProcessDeliveryQueue', () => {
  it('hands deliveries over in batches of the size the send function gets, and keeps the ones that failed', async () => {
    const sizes: number[] = [];
    const throttled = new DeliveryError('email TooManyRequestsException', true);
    const queue = new InProcessDeliveryQueue(async (batch) => {
      sizes.push(batch.length);
      return batch.map((d): DeliveryOutcome => (d.staffId === 's3' ? { status: 'failed', error: throttled } : { status: 'sent' }));
    });
    await queue.enqueue(deliveries(2 * DELIVERY_BATCH_SIZE + 3));
    expect(sizes).toEqual([DELIVERY_BATCH_SIZE, DELIVERY_BATCH_SIZE, 3]);
    expect(queue.failed).toEqual([{ delivery: deliveries(4)[3], error: throttled }]);
  });

  it('keeps every delivery of a batch that could not start', async () => {
    const unreachable = new Error('ECONNREFUSED');
    const queue = new InProcessDeliveryQueue(async () => {
      throw unreachable;
    });
    await queue.enqueue(deliveries(3));
    expect(queue.failed).toEqual(deliveries(3).map((delivery) => ({ delivery, error: unreachable })));
  });
});
