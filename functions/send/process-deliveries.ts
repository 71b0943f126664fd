import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { deliverySchema } from '../../shared/domain/wave.js';
import { DeliveryError } from '../../shared/ports/messenger.js';
import { deliverMessage, type DeliverDeps } from '../../shared/use-cases/deliver-message.js';

/**
 * One SQS batch: each record is a delivery, sent on its own. Failed records are reported
 * one by one (partial batch response), so only they come back; a record that keeps
 * failing, like a malformed (poison) message, reaches the dead-letter queue after the
 * queue's receive limit.
 */
export async function processDeliveries(event: SQSEvent, deliverDeps: DeliverDeps): Promise<SQSBatchResponse> {
  deliverDeps.cache?.waves.clear();
  deliverDeps.cache?.secrets.clear();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    const delivery = deliverySchema.safeParse(body);
    if (!delivery.success) {
      deliverDeps.log.error('malformed-delivery', { messageId: record.messageId });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      const result = await deliverMessage(deliverDeps, delivery.data);
      if (result.status === 'skipped') deliverDeps.log.info('delivery-skipped', { reason: result.reason, kind: delivery.data.kind, wave: delivery.data.waveId });
    } catch (error) {
      deliverDeps.log.warn('delivery-failed', { kind: delivery.data.kind, wave: delivery.data.waveId, error: error instanceof DeliveryError ? error.message : error instanceof Error ? error.name : 'unknown', retryable: error instanceof DeliveryError ? error.retryable : true });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

