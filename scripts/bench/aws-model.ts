import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { ServiceBusyError } from '../../shared/errors.js';
import { WaveCache } from '../../shared/services/pulse-links.js';
import { submitPulse } from '../../shared/use-cases/submit-pulse.js';
import { modelAws } from '../lib/dynamodb-aws-model.js';
import { withWaveCheck } from '../lib/wave-check.js';
import { systemClock } from '../../shared/ports/clock.js';
import { benchOrg, benchPlatform, benchStaff, waveWithTokens } from './fixtures.js';
import { countedIn, pageForm } from './sections.js';
import { poissonArrivals, round } from './measure.js';

type SubmitDesign = 'sharedNothing' | 'withWaveCheck';

/**
 * One burst under the DynamoDB model: `answers` people of `departments` departments answer
 * at random moments over about `windowSeconds`, each posting what their page carries, through the submit use
 * case and a store of the given design.
 */
async function modelledBurst(endpoint: string, design: SubmitDesign, departments: number, answers: number, windowSeconds: number) {
  const org = benchOrg(departments);
  const platform = await benchPlatform(endpoint, org);
  const { wave, tokens, pages } = await waveWithTokens(platform, benchStaff(answers, departments));
  const { documentClient } = createDynamoClients({ endpoint });
  const model = modelAws(documentClient, { serviceLatencyMs: AWS_MODEL_LATENCY_MS });
  let requests = 0;
  documentClient.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'countRequests' });
  if (design === 'withWaveCheck') withWaveCheck(documentClient);
  const deps = {
    org,
    ...dynamoStores({ client: documentClient, tableName: platform.tableName }),
    clock: systemClock,
    random: Math.random,
    waveCache: new WaveCache(),
  };

  const outcomes = { counted: 0, busy: 0, failed: 0 };
  const arrivals = poissonArrivals(answers, windowSeconds * 1000);
  const started = performance.now();
  let finished = started;
  await Promise.all(
    tokens.map(async (token, i) => {
      await new Promise((resolve) => setTimeout(resolve, arrivals[i]));
      try {
        await submitPulse(deps, token, pageForm(pages[i]!, wave.items, i));
        outcomes.counted++;
      } catch (error) {
        if (error instanceof ServiceBusyError) outcomes.busy++;
        else outcomes.failed++;
      }
      finished = performance.now();
    }),
  );
  const stored = await countedIn(platform, wave.id, [...org.departments.map((d) => d.id), '_org']);
  documentClient.destroy();
  return {
    answers,
    seconds: round((finished - started) / 1000, 1),
    answersPerSecond: round(outcomes.counted / ((finished - started) / 1000), 1),
    conflicts: model.conflicts,
    throttles: model.throttles,
    retries: model.transactions - answers,
    busyReplies: outcomes.busy,
    failed: outcomes.failed,
    lost: outcomes.counted - stored,
    hottestPartitionWcu: model.hottestPartitionWcu,
    hottestPartition: model.hottestPartition.replace(wave.id, '<wave>').replace(/^TOKEN#.*/, 'a token'),
    requestsPerAnswer: round(requests / answers, 2),
  };
}

/** How long DynamoDB holds a transaction's items in the model: a typical transactional write. */
export const AWS_MODEL_LATENCY_MS = 25;

/**
 * The shift-change bursts under the DynamoDB model, for today's design and for the design
 * with the wave check every answer used to carry, in the same run.
 */
export async function benchAwsModel(
  endpoint: string,
  size: { windowSeconds: number; oneDepartment: number; spreadDepartments: number; spreadAnswers: number },
) {
  const run = async (design: SubmitDesign) => ({
    oneDepartment: await modelledBurst(endpoint, design, 1, size.oneDepartment, size.windowSeconds),
    spread: await modelledBurst(endpoint, design, size.spreadDepartments, size.spreadAnswers, size.windowSeconds),
  });
  const sharedNothing = await run('sharedNothing');
  const withWaveCheck = await run('withWaveCheck');
  const both = [sharedNothing.oneDepartment, sharedNothing.spread];
  return {
    model: { serviceLatencyMs: AWS_MODEL_LATENCY_MS, partitionWcuPerSecond: 1000, windowSeconds: size.windowSeconds },
    ...sharedNothing,
    answersPerSecond: Math.min(...both.map((b) => b.answersPerSecond)),
    conflicts: both.reduce((sum, b) => sum + b.conflicts, 0),
    busyReplies: both.reduce((sum, b) => sum + b.busyReplies, 0),
    lost: both.reduce((sum, b) => sum + b.lost, 0),
    hottestPartitionWcu: Math.max(...both.map((b) => b.hottestPartitionWcu)),
    withWaveCheck,
  };
}
