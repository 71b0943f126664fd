import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { mergeCounts } from '../../shared/domain/aggregates.js';
import { ServiceBusyError } from '../../shared/errors.js';
import { WaveCache } from '../../shared/services/pulse-links.js';
import { submitPulse } from '../../shared/use-cases/submit-pulse.js';
import { modelAws } from '../../scripts/lib/dynamodb-aws-model.js';
import { withWaveCheck } from '../../scripts/lib/wave-check.js';
import { poissonArrivals } from '../../scripts/bench/measure.js';
import { createTestTable } from '../support/dynamo.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { staffIn } from '../support/fixtures.js';
import { completeForm, hiddenFields, openTestWave } from '../support/scenario.js';

/**
 * The DynamoDB model the benchmark uses (scripts/lib/dynamodb-aws-model.ts): first that it
 * behaves as DynamoDB documents, then what it says about the two submit designs.
 */
const drop = dropAfterEach();

function modelledClient(options: Parameters<typeof modelAws>[1] = {}) {
  const { documentClient } = createDynamoClients({ endpoint: inject('dynamoEndpoint') });
  return { documentClient, stats: modelAws(documentClient, options) };
}

const update = (tableName: string, pk: string, sk: string) => ({
  Update: { TableName: tableName, Key: { pk, sk }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } },
});

describe('the DynamoDB model', () => {
  it('cancels one of two transactions in flight on the same item with TransactionConflict', async () => {
    const table = drop(await createTestTable());
    const { documentClient, stats } = modelledClient({ serviceLatencyMs: 50 });
    const send = (other: string) =>
      documentClient.send(new TransactWriteCommand({ TransactItems: [update(table.tableName, 'shared', 'item'), update(table.tableName, other, 'item')] }));
    const results = await Promise.allSettled([send('a'), send('b')]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(TransactionCanceledException);
    expect((rejected.reason as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['TransactionConflict', 'None']);
    expect(stats.conflicts).toBe(1);
    // One after the other, the same two go through.
    await send('a');
    await send('b');
  });

  it('throttles a partition past 1,000 write units in a second, two per item written in a transaction', async () => {
    const table = drop(await createTestTable());
    const { documentClient, stats } = modelledClient({ serviceLatencyMs: 0, now: () => 1_000_000 });
    // 100 items of one partition key: 200 write units a transaction.
    const hundred = () =>
      documentClient.send(new TransactWriteCommand({ TransactItems: Array.from({ length: 100 }, (_, i) => update(table.tableName, 'hot', `item-${i}`)) }));
    for (let i = 0; i < 5; i++) await hundred();
    const sixth = await hundred().catch((error: unknown) => error);
    expect(sixth).toBeInstanceOf(TransactionCanceledException);
    expect((sixth as TransactionCanceledException).CancellationReasons?.every((r) => r.Code === 'ThrottlingError')).toBe(true);
    expect(stats.hottestPartitionWcu).toBe(1000);
    expect(stats.throttles).toBe(1);
  });
});

describe('a burst of answers under the model', () => {
  /** 120 answers at random over about a second across four units, each submitted as the page sends it. */
  async function burst(design: 'no shared item' | 'wave check') {
    const s = drop(
      await openTestWave({
        staff: [...staffIn('ed', 'nurse', 30), ...staffIn('ed', 'physician', 30), ...staffIn('lab', 'nurse', 30), ...staffIn('lab', 'physician', 30)],
      }),
    );
    const pages = await Promise.all(s.tokens.map((token) => hiddenFields(s.app, token)));
    const { documentClient, stats } = modelledClient({ serviceLatencyMs: 30 });
    if (design === 'wave check') withWaveCheck(documentClient);
    const stores = dynamoStores({ client: documentClient, tableName: s.tableName });
    const deps = { ...stores, org: s.org, clock: s.clock, random: Math.random, waveCache: new WaveCache() };
    const arrivals = poissonArrivals(s.tokens.length, 1_000);
    const outcomes = await Promise.all(
      s.tokens.map(async (token, i) => {
        await new Promise((resolve) => setTimeout(resolve, arrivals[i]));
        try {
          await submitPulse(deps, token, { ...pages[i], ...completeForm(s.wave.items) });
          return 'counted';
        } catch (error) {
          if (error instanceof ServiceBusyError) return 'busy';
          throw error;
        }
      }),
    );
    const counted = mergeCounts([...(await s.readAggregates(s.wave.id, 'ed')), ...(await s.readAggregates(s.wave.id, 'lab'))].map((r) => r.counts)).n;
    return {
      counted: outcomes.filter((o) => o === 'counted').length,
      busy: outcomes.filter((o) => o === 'busy').length,
      stored: counted,
      conflicts: stats.conflicts,
    };
  }

  it('leaves the shared-nothing design with every answer counted and nobody told to retry, where the wave check fails people', async () => {
    const shared = await burst('no shared item');
    const waveCheck = await burst('wave check');

    expect(shared).toMatchObject({ counted: 120, busy: 0, stored: 120 });
    expect(waveCheck.busy).toBeGreaterThan(0);
    expect(waveCheck.conflicts).toBeGreaterThan(5 * Math.max(1, shared.conflicts));
    // Whatever the design, nothing told "thank you" is lost.
    expect(waveCheck.stored).toBe(waveCheck.counted);
  }, 60_000);
});
