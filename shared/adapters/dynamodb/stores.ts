import type { Stores } from '../../ports/stores.js';
import { DynamoActionStore } from './action-store.js';
import { DynamoAnswerStore } from './answer-store.js';
import { DynamoCommentStore } from './comment-store.js';
import { DynamoDeliveryLog } from './delivery-log.js';
import { DynamoPublishedFigures } from './published-figures.js';
import { DynamoRosterStore } from './roster-store.js';
import { TableIO, type TableOptions } from './table-io.js';
import { DynamoWaveStore } from './wave-store.js';

/** Every store on one DynamoDB table (see shared/table.ts for the keys). */
export function dynamoStores(options: TableOptions): Stores {
  const table = new TableIO(options);
  const roster = new DynamoRosterStore(table);
  return {
    roster,
    waves: new DynamoWaveStore(table, roster),
    answers: new DynamoAnswerStore(table),
    comments: new DynamoCommentStore(table),
    deliveries: new DynamoDeliveryLog(table),
    figures: new DynamoPublishedFigures(table),
    actions: new DynamoActionStore(table),
  };
}
