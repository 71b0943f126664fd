import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import middy from '@middy/core';
import { emfCounters, flushCounters } from '../../shared/adapters/aws/emf-counters.js';
import { logErrors } from '../../functions/shared/log-errors.js';
import { memoryLog } from '../../shared/logger.js';
import { createApp } from '../../functions/api/app.js';
import { COUNTER_NAMES, memoryCounters } from '../../shared/ports/counters.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { deliverMessage } from '../../shared/use-cases/deliver-message.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, completeForm, linkToken, postForm, testPlatform } from '../support/scenario.js';

/**
 * Operators see how the platform is doing through organization-wide counters, and only
 * those: nothing in them names a department, a role, a wave's unit or a person.
 */
let p: Awaited<ReturnType<typeof testPlatform>>;
const counters = memoryCounters();

beforeAll(async () => {
  const org = testOrg({ leaders: [{ id: 'ceo', name: 'Cy', email: 'ceo@test.example', executive: true }] });
  p = await testPlatform({ org, staff: [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 5)] });
}, 60_000);
afterAll(async () => p.drop());

describe('the counters', () => {
  it('count answers, messages and digests as they happen', async () => {
    const { wave } = await openWave(p.waveDeps);
    const messages = await p.outbox.list();
    // Sending again through counted deps: the claims make it a no-op, so nothing is counted twice.
    const again = await deliverMessage({ ...p.deliverDeps, counters }, { waveId: wave.id, staffId: p.staff[0]!.id, kind: 'invite', channel: 'email' });
    expect(again.status).toBe('skipped');
    expect(counters.totals.get('MessagesSent') ?? 0).toBe(0);
    const reminder = await deliverMessage({ ...p.deliverDeps, counters }, { waveId: wave.id, staffId: p.staff[0]!.id, kind: 'reminder', channel: 'email' });
    expect(reminder).toEqual({ status: 'sent' });
    expect(counters.totals.get('MessagesSent')).toBe(1);

    const app = createApp({ ...p.stores, clock: p.clock, org: p.org, log: p.log, counters });
    for (const message of messages.slice(0, 3)) expect((await postForm(app, linkToken(message.text)!, completeForm(wave.items))).status).toBe(200);
    expect(counters.totals.get('AnswersCounted')).toBe(3);

    await closeWave(p.waveDeps, wave.id);
    await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org: p.org, log: p.log, baseUrl: BASE_URL, counters });
    expect(counters.totals.get('DigestsSent')).toBe(1);
  });

  it('reach CloudWatch as embedded metric format, the organization and the service their only dimensions and no value beside them', () => {
    const lines: string[] = [];
    const cloudwatch = emfCounters({ org: 'demo', service: 'api' }, (line) => void lines.push(line));
    for (const name of COUNTER_NAMES) cloudwatch.count(name, 2);
    cloudwatch.count('AnswersCounted');
    cloudwatch.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const emf = JSON.parse(lines[0]!) as {
      _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
    } & Record<string, unknown>;
    expectValidEmf(emf);
    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive!.Namespace).toBe('CarePulse');
    expect(directive!.Dimensions).toEqual([['org', 'service']]);
    expect(directive!.Metrics.map((m) => m.Name).sort()).toEqual([...COUNTER_NAMES].sort());
    expect(Object.keys(emf).sort()).toEqual(['_aws', 'org', 'service', ...COUNTER_NAMES].sort());
    expect(emf).toMatchObject({ org: 'demo', service: 'api' });
    // Counted three times in one invocation: written once, as the sum.
    expect(emf.AnswersCounted).toBe(3);
    // What was written is gone: the next invocation starts from nothing and writes nothing if it counts nothing.
    cloudwatch.flush();
    expect(lines).toHaveLength(1);
  });

  it('are written when a queue or scheduled invocation ends, thrown or not', async () => {
    const lines: string[] = [];
    const cloudwatch = emfCounters({ org: 'demo', service: 'send-email' }, (line) => void lines.push(line));
    const succeeds = middy()
      .use(flushCounters(cloudwatch))
      .handler(async () => cloudwatch.count('MessagesSent', 4));
    // Chained as the send and alerts handlers chain it, after the middleware that logs the failure.
    const fails = middy()
      .use(flushCounters(cloudwatch))
      .use(logErrors(memoryLog()))
      .handler(async () => {
        cloudwatch.count('MessagesFailed');
        throw new Error('SES refused');
      });
    await succeeds(undefined, {} as never);
    await expect(fails(undefined, {} as never)).rejects.toThrow('logged as "unhandled"');
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toMatchObject([{ MessagesSent: 4 }, { MessagesFailed: 1 }]);
  });
});

/**
 * The rules of the embedded metric format specification that CloudWatch rejects a line for
 * breaking: a millisecond timestamp, at most 100 metrics and 30 dimensions per directive, and
 * every dimension and metric named in a directive present at the top level (metrics as
 * numbers, dimensions as strings).
 */
function expectValidEmf(
  emf: { _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } } & Record<
    string,
    unknown
  >,
) {
  expect(Number.isInteger(emf._aws.Timestamp)).toBe(true);
  expect(Math.abs(emf._aws.Timestamp - Date.now())).toBeLessThan(60_000);
  for (const directive of emf._aws.CloudWatchMetrics) {
    expect(directive.Namespace).toMatch(/^[^:].{0,254}$/);
    expect(directive.Metrics.length).toBeLessThanOrEqual(100);
    for (const set of directive.Dimensions) {
      expect(set.length).toBeLessThanOrEqual(30);
      for (const dimension of set) expect(typeof emf[dimension]).toBe('string');
    }
    for (const metric of directive.Metrics) {
      expect(typeof emf[metric.Name]).toBe('number');
      expect(['Count', 'Seconds', 'Milliseconds', 'Bytes', 'None']).toContain(metric.Unit);
    }
  }
}
