import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBServiceException, TransactionCanceledException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { memoryCounters } from '../../shared/ports/counters.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { DynamoPulseStore } from '../../shared/adapters/dynamodb/pulse-store.js';
import type { RetryPolicy } from '../../shared/adapters/dynamodb/retry.js';
import { mergeCounts } from '../../shared/domain/aggregates.js';
import { memoryLog } from '../../shared/logger.js';
import { completeForm, openTestWave, postForm } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';

/**
 * What DynamoDB Local cannot produce on demand: transaction conflicts, throttling and
 * service errors. Reads go to the emulator; only the transaction is scripted.
 */
const track = dropAfterEach();

const conflict = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
  });

async function faultyScenario() {
  const s = await openTestWave();
  track(s);
  const real = s.documentClient;
  const { documentClient: scripted } = createDynamoClients({ endpoint: inject('dynamoEndpoint') });
  const mock = mockClient(scripted);
  mock.on(GetCommand).callsFake((input) => real.send(new GetCommand(input)));
  mock.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
  const delays: number[] = [];
  const retry: RetryPolicy = { attempts: 5, baseDelayMs: 20, maxDelayMs: 800, random: () => 0.5, sleep: async (ms) => void delays.push(ms) };
  const store = new DynamoPulseStore({ client: scripted, tableName: s.tableName, retry });
  const log = memoryLog();
  const counters = memoryCounters();
  const app = createApp({ store, clock: s.clock, org: s.org, log, counters });
  const passThroughTransaction = (input: TransactWriteCommand['input']) => real.send(new TransactWriteCommand(input));
  return { ...s, mock, app, delays, log, counters, passThroughTransaction, real };
}

async function counted(s: Awaited<ReturnType<typeof faultyScenario>>) {
  const parts = await Promise.all(['ed', 'clinic', 'lab'].map((d) => s.store.readAggregates(s.wave.id, d)));
  return mergeCounts(parts.flat().map((r) => r.counts)).n;
}

describe('submitting under faults', () => {
  it('retries a transaction conflict with growing, jittered backoff and counts the answer once', async () => {
    const s = await faultyScenario();
    s.mock.on(TransactWriteCommand).rejectsOnce(conflict()).rejectsOnce(conflict()).callsFake(s.passThroughTransaction);
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(200);
    expect(s.delays).toEqual([20, 40]);
    expect(await counted(s)).toBe(1);
    // Every attempt carried the same request token, so AWS would treat a lost reply as done.
    const requestTokens = s.mock.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.ClientRequestToken);
    expect(new Set(requestTokens).size).toBe(1);
  });

  it('retries throttling, then answers 503 with a retry hint and counts nothing when retries run out', async () => {
    const s = await faultyScenario();
    s.mock.on(TransactWriteCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.text()).toContain('Please try again in a moment');
    expect(s.mock.commandCalls(TransactWriteCommand)).toHaveLength(5);
    expect(await counted(s)).toBe(0);
    // Operators see the busy reply in the organization's counters, and no answer counted.
    expect(s.counters.totals.get('BusyReplies')).toBe(1);
    expect(s.counters.totals.get('AnswersCounted')).toBeUndefined();
    // The person can still answer once the database recovers.
    s.mock.on(TransactWriteCommand).callsFake(s.passThroughTransaction);
    expect((await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items))).status).toBe(200);
    expect(await counted(s)).toBe(1);
    expect(s.counters.totals.get('AnswersCounted')).toBe(1);
  });

  it('treats a conflict lost to a concurrent submit of the same link as already answered', async () => {
    const s = await faultyScenario();
    const token = s.tokens[0]!;
    // The other submit wins between our read and our write.
    s.mock.on(TransactWriteCommand).callsFakeOnce(async (input) => {
      await s.real.send(new TransactWriteCommand(input));
      return s.real.send(new TransactWriteCommand({ ...input, ClientRequestToken: undefined }));
    });
    const response = await postForm(s.app, token, completeForm(s.wave.items));
    expect(response.status).toBe(409);
    expect(await counted(s)).toBe(1);
  });

  it('does not claim an answer was lost when the reply was: sending again says it was already counted, and it counts once', async () => {
    const s = await faultyScenario();
    // The transaction commits, then the connection drops before the reply arrives.
    s.mock.on(TransactWriteCommand).callsFakeOnce(async (input) => {
      await s.passThroughTransaction(input);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    });
    const cut = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(cut.status).toBe(500);
    const page = await cut.text();
    expect(page).toContain('We could not confirm that your answers were saved');
    expect(page).not.toContain('not saved');

    s.mock.on(TransactWriteCommand).callsFake(s.passThroughTransaction);
    const again = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already counted');
    expect(await counted(s)).toBe(1);
  });

  it('shows a generic error page for an unexpected service error and logs only its name', async () => {
    const s = await faultyScenario();
    s.mock.on(TransactWriteCommand).rejects(
      new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', message: `bad key TOKEN#${s.tokens[0]}`, $metadata: {} }),
    );
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('Something went wrong');
    expect(html).not.toContain('ValidationException');
    expect(s.log.lines.join('\n')).toContain('"error":"ValidationException"');
    expect(s.log.lines.join('\n')).not.toContain(s.tokens[0]);
    expect(await counted(s)).toBe(0);
  });
});
