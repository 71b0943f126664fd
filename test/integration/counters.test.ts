import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powertoolsCounters } from '../../shared/adapters/aws/powertools-counters.js';
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

    const app = createApp({ store: p.store, clock: p.clock, org: p.org, log: p.log, counters });
    for (const message of messages.slice(0, 3)) expect((await postForm(app, linkToken(message.text)!, completeForm(wave.items))).status).toBe(200);
    expect(counters.totals.get('AnswersCounted')).toBe(3);

    await closeWave(p.waveDeps, wave.id);
    await runAlerts({ store: p.store, messenger: p.outbox, clock: p.clock, org: p.org, log: p.log, baseUrl: BASE_URL, counters });
    expect(counters.totals.get('DigestsSent')).toBe(1);
  });

  it('reach CloudWatch with the service as their only dimension, and no value beside them', () => {
    const cloudwatch = powertoolsCounters('api');
    for (const name of COUNTER_NAMES) cloudwatch.count(name, 2);
    const emf = cloudwatch.metrics.serializeMetrics() as unknown as { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] } } & Record<string, unknown>;
    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive!.Namespace).toBe('CarePulse');
    expect(directive!.Dimensions).toEqual([['service']]);
    expect(directive!.Metrics.map((m) => m.Name).sort()).toEqual([...COUNTER_NAMES].sort());
    expect(Object.keys(emf).sort()).toEqual(['_aws', 'service', ...COUNTER_NAMES].sort());
    expect(emf.service).toBe('api');
  });
});
