import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { StoredDataError } from '../../errors.js';
import { ALERT_CLAIM_STALE_MS, type AlertClaim, type AlertEntry, type DeliveryClaim, type DeliveryLog } from '../../ports/delivery-log.js';
import { keys } from '../../table.js';
import type { TableIO } from './table-io.js';

/** The delivery and alert log on the table: a claim item per message, deleted or expired with its wave. */
export class DynamoDeliveryLog implements DeliveryLog {
  constructor(private readonly table: TableIO) {}

  async claimDelivery(claim: DeliveryClaim): Promise<boolean> {
    return this.table.writeIf(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...deliveryKey(claim), state: 'sending', claimedAt: claim.now.toISOString(), expiresAt: claim.expiresAt },
        // A claim left behind by a sender that died may be taken over once it is stale.
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':stale': new Date(claim.now.getTime() - claim.staleAfterMs).toISOString() },
      }),
    );
  }

  async completeDeliveries(claims: readonly DeliveryClaim[]): Promise<void> {
    // Whole items, because a batch write cannot update: the claim as it stays, without claimedAt.
    await this.table.batchPut(claims.map((claim) => ({ ...deliveryKey(claim), state: 'sent', expiresAt: claim.expiresAt })));
  }

  async releaseDelivery(claim: DeliveryClaim): Promise<void> {
    await this.table.client.send(new DeleteCommand({ TableName: this.table.tableName, Key: deliveryKey(claim) }));
  }

  async claimAlert(claim: AlertEntry & { now: Date }): Promise<AlertClaim> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...keys.alert(claim.waveId, claim.leaderId), state: 'sending', claimedAt: claim.now.toISOString() },
          // A claim still "sending" long after any run could have finished was left by one that
          // died between claiming and recording: taken over, so that leader is not lost.
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :staleBefore)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':staleBefore': new Date(claim.now.getTime() - ALERT_CLAIM_STALE_MS).toISOString() },
          // The entry there, in the same request: a run reports a refusal an earlier one recorded.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const state = error.Item?.state?.S;
      if (state === 'sending' || state === 'sent' || state === 'refused') return state;
      throw new StoredDataError(
        `alert log entry ${claim.waveId}/${claim.leaderId}`,
        `its state is ${state === undefined ? 'missing' : `"${state}"`}, not sending, sent or refused`,
      );
    }
  }

  async completeAlert(entry: AlertEntry & { hotspots: number }): Promise<void> {
    // No condition, as before: a record of what was sent is kept whatever happened to the claim.
    await this.table.setFields(keys.alert(entry.waveId, entry.leaderId), { state: 'sent', hotspots: entry.hotspots }, { mustExist: false });
  }

  async refuseAlert(entry: AlertEntry & { reason: string; now: Date }): Promise<void> {
    await this.table.setFields(
      keys.alert(entry.waveId, entry.leaderId),
      { state: 'refused', reason: entry.reason, refusedAt: entry.now.toISOString() },
      { mustExist: false },
    );
  }

  async releaseAlert(entry: AlertEntry): Promise<void> {
    await this.table.client.send(new DeleteCommand({ TableName: this.table.tableName, Key: keys.alert(entry.waveId, entry.leaderId) }));
  }
}

function deliveryKey(claim: DeliveryClaim) {
  return keys.delivery(claim.waveId, claim.kind, claim.staffId, claim.channel);
}
