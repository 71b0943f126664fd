import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DynamoPulseStore } from '../../shared/adapters/dynamodb/pulse-store.js';
import type { SubmissionWrite } from '../../shared/ports/pulse-store.js';
import { keys } from '../../shared/table.js';

/**
 * The submit path as it was before the wave check left it: every answer's transaction also
 * checks the one wave item is open. Kept only so the benchmark and the model's tests can
 * show, in the same run, what that shared item does to a burst on DynamoDB.
 */
export class WaveCheckStore extends DynamoPulseStore {
  protected override submissionItems(write: SubmissionWrite): NonNullable<TransactWriteCommandInput['TransactItems']> {
    return [
      ...super.submissionItems(write),
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.wave(write.waveId),
          ConditionExpression: '#status = :open AND closesAt > :nowIso',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':nowIso': write.now.toISOString() },
        },
      },
    ];
  }
}
