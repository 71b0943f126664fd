import { describe, expect, it } from 'vitest';
import {
  DynamoDBServiceException,
  TransactionCanceledException,
  ThrottlingException,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { memoryCounters } from '../../shared/ports/counters.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { SDK_MAX_ATTEMPTS, type RetryPolicy } from '../../shared/adapters/dynamodb/retry.js';
import { mergeCounts } from '../../shared/domain/aggregates.js';
import { memoryLog } from '../../shared/logger.js';
import { completeForm, openTestWave, postForm } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';

/**
 * What DynamoDB Local cannot produce on demand: transaction conflicts, throttling, dropped
 * connections and service errors. They are injected where DynamoDB's replies arrive, beneath
 * the SDK's own retries, so every attempt the SDK makes passes the fault and is counted: what
 * a test counts is what reached DynamoDB. (A client mock replaces the whole client and would
 * hide the SDK's retries, which is what these tests are about.) Everything else goes to the
 * emulator.
 */
const track = dropAfterEach();

const TRANSACTION = 'TransactWriteItemsCommand';

const conflict = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
  });

/** What a fault does with one attempt: answers for DynamoDB, or passes it on (`pass`) and may still change the reply. */
type Fault = (command: string, pass: () => Promise<unknown>, input: unknown) => Promise<unknown>;

/** Puts `fault` beneath the client's retries and records the command of every attempt that reaches it. */
function faultsAtTheWire(client: DynamoDBDocumentClient) {
  const attempts: string[] = [];
  let fault: Fault = (_, pass) => pass();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      attempts.push(String(context.commandName));
      return (await fault(String(context.commandName), () => next(args), args.input)) as Awaited<ReturnType<typeof next>>;
    },
    // Low in the step the SDK's retry middleware opens: inside its loop, once per attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'faultsAtTheWire' },
  );
  return {
    attempts: (command: string) => attempts.filter((c) => c === command).length,
    inject: (next: Fault) => void (fault = next),
  };
}

async function faultyScenario() {
  const s = await openTestWave();
  track(s);
  // A client of its own: the SDK's adaptive mode slows a client down after throttling.
  const { documentClient } = createDynamoClients({ endpoint: inject('dynamoEndpoint') });
  const wire = faultsAtTheWire(documentClient);
  const delays: number[] = [];
  const retry: RetryPolicy = { attempts: 5, baseDelayMs: 20, maxDelayMs: 800, random: () => 0.5, sleep: async (ms) => void delays.push(ms) };
  const stores = dynamoStores({ client: documentClient, tableName: s.tableName, retry });
  const log = memoryLog();
  const counters = memoryCounters();
  const app = createApp({ ...stores, clock: s.clock, org: s.org, log, counters });
  return { ...s, platformApp: s.app, wire, retry, app, delays, log, counters };
}

async function counted(s: Awaited<ReturnType<typeof faultyScenario>>) {
  const parts = await Promise.all(['ed', 'clinic', 'lab'].map((d) => s.readAggregates(s.wave.id, d)));
  return mergeCounts(parts.flat().map((r) => r.counts)).n;
}

describe('submitting under faults', () => {
  it('retries a transaction conflict itself, with growing, jittered backoff, and counts the answer once', async () => {
    const s = await faultyScenario();
    let conflicts = 0;
    const requestTokens = new Set<string | undefined>();
    s.wire.inject(async (command, pass, input) => {
      if (command === TRANSACTION) requestTokens.add((input as TransactWriteItemsCommandInput).ClientRequestToken);
      if (command === TRANSACTION && conflicts < 2) {
        conflicts++;
        throw conflict();
      }
      return pass();
    });
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(200);
    expect(s.delays).toEqual([20, 40]);
    // Three attempts reached DynamoDB: the SDK did not retry the cancellations on top of us.
    expect(s.wire.attempts(TRANSACTION)).toBe(3);
    // All as one request: DynamoDB applies a request token once, so no retry can count twice.
    expect(requestTokens.size).toBe(1);
    expect([...requestTokens][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await counted(s)).toBe(1);
  });

  it('retries a transaction cancelled because DynamoDB throttled one of its items, which the SDK takes for an answer', async () => {
    const s = await faultyScenario();
    let throttled = 0;
    s.wire.inject(async (command, pass) => {
      if (command === TRANSACTION && throttled < 2) {
        throttled++;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity of your table or index.' }],
        });
      }
      return pass();
    });
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(200);
    // Our loop's attempts alone: the SDK did not retry the cancellations beneath it.
    expect(s.wire.attempts(TRANSACTION)).toBe(3);
    expect(s.delays).toEqual([20, 40]);
    expect(await counted(s)).toBe(1);
  });

  it('gives up on a conflict that does not clear after its own attempts, and tells the person to come back', async () => {
    const s = await faultyScenario();
    s.wire.inject(async (command, pass) => {
      if (command === TRANSACTION) throw conflict();
      return pass();
    });
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(s.wire.attempts(TRANSACTION)).toBe(s.retry.attempts);
    expect(await counted(s)).toBe(0);
  });

  it('leaves throttling to the SDK: a throttled submit reaches DynamoDB at most its attempts, then the person gets 503 with a retry hint', async () => {
    const s = await faultyScenario();
    s.wire.inject(async (command, pass) => {
      if (command === TRANSACTION) throw new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
      return pass();
    });
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.text()).toContain('Please try again in a moment');
    expect(s.wire.attempts(TRANSACTION)).toBe(SDK_MAX_ATTEMPTS);
    // Our own loop did not retry what the SDK had given up on.
    expect(s.delays).toEqual([]);
    expect(await counted(s)).toBe(0);
    // Operators see the busy reply in the organization's counters, and no answer counted.
    expect(s.counters.totals.get('BusyReplies')).toBe(1);
    expect(s.counters.totals.get('AnswersCounted')).toBeUndefined();
    // Nothing was consumed: the person can answer once the database recovers (here through
    // the platform's own client, which the SDK has not slowed down).
    expect((await postForm(s.platformApp, s.tokens[0]!, completeForm(s.wave.items))).status).toBe(200);
    expect(await counted(s)).toBe(1);
  });

  it('treats a conflict lost to a concurrent submit of the same link as already answered', async () => {
    const s = await faultyScenario();
    let first = true;
    // The other submit wins between our read and our write.
    s.wire.inject(async (command, pass, input) => {
      if (command === TRANSACTION && first) {
        first = false;
        await s.client.send(new TransactWriteItemsCommand({ ...(input as TransactWriteItemsCommandInput), ClientRequestToken: undefined }));
      }
      return pass();
    });
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(409);
    expect(await counted(s)).toBe(1);
  });

  it('does not claim an answer was lost when the reply was: sending again says it was already counted, and it counts once', async () => {
    const s = await faultyScenario();
    // The transaction commits, then the connection drops before every reply; the SDK tries
    // again with the same request token, and gives up.
    s.wire.inject(async (command, pass) => {
      if (command !== TRANSACTION) return pass();
      await pass().catch(() => undefined);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    });
    const cut = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(cut.status).toBe(500);
    expect(s.wire.attempts(TRANSACTION)).toBe(SDK_MAX_ATTEMPTS);
    const page = await cut.text();
    expect(page).toContain('We could not confirm that your answers were saved');
    expect(page).not.toContain('not saved');

    s.wire.inject((_, pass) => pass());
    const again = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already counted');
    expect(await counted(s)).toBe(1);
  });

  it('shows a generic error page for an unexpected service error, tries it once, and logs only its name', async () => {
    const s = await faultyScenario();
    s.wire.inject(async (command, pass) => {
      if (command === TRANSACTION)
        throw new DynamoDBServiceException({
          name: 'ValidationException',
          $fault: 'client',
          message: `bad key TOKEN#${s.tokens[0]}`,
          $metadata: { httpStatusCode: 400 },
        });
      return pass();
    });
    const response = await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items));
    expect(response.status).toBe(500);
    expect(s.wire.attempts(TRANSACTION)).toBe(1);
    const html = await response.text();
    expect(html).toContain('Something went wrong');
    expect(html).not.toContain('ValidationException');
    expect(s.log.lines.join('\n')).toContain('"error":"ValidationException"');
    expect(s.log.lines.join('\n')).not.toContain(s.tokens[0]);
    expect(await counted(s)).toBe(0);
  });
});
