import { type Channel } from '../../shared/domain/staff.js';
import { OPT_OUT_ATTRIBUTES, type ItemGrant, type TableAccess } from './pulse-function.js';

/**
 * Dispatch opens a wave (reads the roster by department, writes the wave, its empty aggregate
 * shards and its tokens), queues deliveries, and closes it (marks its aggregate shards closed,
 * freezes their counts, then deletes the shards and, reading the whole roster for their keys,
 * the wave's delivery claims). It reads actions for "you said, we did".
 */
export const DISPATCH_TABLE_ACCESS: TableAccess = {
  items: [
    { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], kinds: ['waves'] },
    { actions: ['Query'], kinds: ['actions'] },
    { actions: ['BatchWriteItem'], kinds: ['token', 'frozen', 'aggregate', 'delivery', 'reach'] },
    { actions: ['UpdateItem'], kinds: ['aggregate'], attributes: ['pk', 'sk', 'closed'] },
  ],
  indexes: [{ name: 'gsi1', actions: ['Query', 'Scan'] }],
};

/**
 * A sender reads the wave, then a batch's roster entries and tokens, and claims (put),
 * gives back (delete) and completes (batch write) its deliveries, counting each person it
 * reached once in their unit. The SMS sender also records
 * an opt-out SNS reports, and nothing else of a roster entry; SES reports none.
 */
export function sendTableAccess(channel: Channel): TableAccess {
  return {
    items: [
      { actions: ['GetItem'], kinds: ['waves'] },
      { actions: ['BatchGetItem'], kinds: ['staff', 'token'] },
      { actions: ['PutItem', 'DeleteItem', 'BatchWriteItem'], kinds: ['delivery'] },
      // A person's first message counted in their unit's reach: their mark, and `reached` on
      // every shard of the unit, in one transaction; nothing else of an aggregate.
      { actions: ['PutItem'], kinds: ['reach'], inTransaction: true },
      { actions: ['UpdateItem'], kinds: ['aggregate'], inTransaction: true, attributes: ['pk', 'sk', 'reached'] },
      ...(channel === 'sms' ? [{ actions: ['UpdateItem'], kinds: ['staff'], attributes: OPT_OUT_ATTRIBUTES } satisfies ItemGrant] : []),
    ],
  };
}

/**
 * The alert job reads waves, their frozen counts, the figures published before, and actions; publishes the newest closed wave's figures once; keeps the
 * alert log; and makes the dashboard key the first time.
 */
export const ALERTS_TABLE_ACCESS: TableAccess = {
  items: [
    { actions: ['Query'], kinds: ['waves', 'actions'] },
    { actions: ['BatchGetItem'], kinds: ['published', 'frozen'] },
    { actions: ['GetItem'], kinds: ['dashboardKey'] },
    { actions: ['PutItem', 'BatchWriteItem'], kinds: ['published'] },
    { actions: ['PutItem'], kinds: ['dashboardKey'] },
    { actions: ['PutItem', 'UpdateItem', 'DeleteItem'], kinds: ['alert'] },
  ],
};
