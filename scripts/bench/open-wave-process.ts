/**
 * Opens one wave, in a process of its own, as the dispatch function's scheduled `open` does
 * on AWS: the real openWave over the real DynamoDB store, queuing through the real SQS
 * adapter (ten deliveries a SendMessageBatch, eight at a time). SQS itself is a stand-in in
 * this process that accepts every batch and answers as SQS does, MD5s included; the wave
 * secret is a table item (the local platform's store) where AWS creates it in Secrets
 * Manager: one PutItem standing for one CreateSecret. Prints one JSON line.
 * Usage: node open-wave-process.mjs <dynamodb endpoint> <table> <departments>
 * (bundled by dispatch-scale.ts: plain node, so the TypeScript loader's memory is not counted)
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { SqsDeliveryQueue } from '../../shared/adapters/aws/sqs-delivery-queue.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { DynamoWaveSecretStore } from '../../shared/adapters/dynamodb/wave-secrets.js';
import { systemClock } from '../../shared/ports/clock.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { healthSystemOrg } from './health-system.js';
import { round, timed } from './measure.js';
import { peakRssMb } from './peak-rss.js';

/** What the stand-in SQS accepted. */
interface SqsTally {
  requests: number;
  messages: number;
  byQueue: Record<string, number>;
}

/**
 * An SQS client whose requests never leave the process: every SendMessageBatch is read,
 * counted and answered as SQS answers one that succeeds, so the client checks its MD5s.
 */
function standInSqs(): { client: SQSClient; tally: SqsTally } {
  const tally: SqsTally = { requests: 0, messages: 0, byQueue: {} };
  const client = new SQSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler: {
      handle: async (request: { body?: unknown }) => {
        const input = JSON.parse(String(request.body)) as { QueueUrl: string; Entries: { Id: string; MessageBody: string }[] };
        tally.requests++;
        tally.messages += input.Entries.length;
        tally.byQueue[input.QueueUrl] = (tally.byQueue[input.QueueUrl] ?? 0) + input.Entries.length;
        const body = JSON.stringify({
          Successful: input.Entries.map((entry) => ({
            Id: entry.Id,
            MessageId: randomUUID(),
            MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex'),
          })),
          Failed: [],
        });
        return {
          response: {
            statusCode: 200,
            reason: 'OK',
            headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    },
  });
  return { client, tally };
}

/** One step of the open as the store, secrets and queue saw it: consecutive calls of one method. */
interface Phase {
  step: string;
  calls: number;
  fromSeconds: number;
  toSeconds: number;
}

/**
 * `target` with every method call timed into `calls`, so the open's time can be split into
 * its steps (reading the roster, issuing tokens, queuing) without touching the use case.
 */
function timedCalls<T extends object>(target: T, label: string, calls: { step: string; start: number; end: number }[]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        } finally {
          calls.push({ step: `${label}.${property}`, start, end: performance.now() });
        }
      };
    },
  });
}

/** Consecutive calls of the same method, merged: the open's steps in order, with their times. */
function phasesOf(calls: { step: string; start: number; end: number }[], origin: number): Phase[] {
  const phases: Phase[] = [];
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    const last = phases.at(-1);
    const from = round((call.start - origin) / 1000, 2);
    const to = round((call.end - origin) / 1000, 2);
    if (last?.step === call.step) {
      last.calls++;
      last.toSeconds = Math.max(last.toSeconds, to);
    } else phases.push({ step: call.step, calls: 1, fromSeconds: from, toSeconds: to });
  }
  return phases;
}

/** Opens a wave for the organization of `departments` departments on the roster stored in `tableName`. */
export async function openWaveHere(endpoint: string, tableName: string, departments: number) {
  const org = healthSystemOrg(departments);
  const { documentClient } = createDynamoClients({ endpoint });
  const byOperation: Record<string, number> = {};
  // Every DynamoDB request, by operation, counted where the other sections count them.
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown';
      byOperation[operation] = (byOperation[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequestsByOperation' },
  );
  const calls: { step: string; start: number; end: number }[] = [];
  const sqs = standInSqs();
  const queueUrls = {
    email: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-email',
    sms: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-sms',
  };
  const stores = dynamoStores({ client: documentClient, tableName });
  const deps = {
    roster: timedCalls(stores.roster, 'roster', calls),
    waves: timedCalls(stores.waves, 'waves', calls),
    answers: timedCalls(stores.answers, 'answers', calls),
    actions: timedCalls(stores.actions, 'actions', calls),
    secrets: timedCalls(new DynamoWaveSecretStore({ client: documentClient, tableName }), 'secrets', calls),
    queue: timedCalls(new SqsDeliveryQueue({ client: sqs.client, queueUrls }), 'queue', calls),
    clock: systemClock,
    org,
  };
  // Heap in use, sampled: with peak RSS it tells data held from memory the process kept.
  let peakHeapUsed = 0;
  const sampler = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 100);
  const origin = performance.now();
  const cpu = process.cpuUsage();
  const { ms, result } = await timed(() => openWave(deps));
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(sampler);
  const requests = Object.values(byOperation).reduce((a, b) => a + b, 0);
  return {
    departments: org.departments.length,
    tokens: result.wave.issued,
    peopleQueued: result.dispatch.queued.invite,
    held: result.dispatch.held.length,
    deliveries: sqs.tally.messages,
    deliveriesByChannel: { email: sqs.tally.byQueue[queueUrls.email] ?? 0, sms: sqs.tally.byQueue[queueUrls.sms] ?? 0 },
    sqsRequests: sqs.tally.requests,
    seconds: round(ms / 1000, 2),
    // What the open kept a core busy for: on Lambda at 1024 MB (about 0.6 of a vCPU) this
    // alone takes longer, whatever DynamoDB's latency.
    cpuSeconds: round((user + system) / 1e6, 2),
    peakRssMb: peakRssMb(),
    peakHeapUsedMb: round(peakHeapUsed / 2 ** 20, 0),
    requests,
    requestsByOperation: byOperation,
    phases: phasesOf(calls, origin),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [endpoint, tableName, departments] = process.argv.slice(2);
  if (!endpoint || !tableName || !departments) throw new Error('usage: open-wave-process.mjs <dynamodb endpoint> <table> <departments>');
  console.log(JSON.stringify(await openWaveHere(endpoint, tableName, Number(departments))));
}
