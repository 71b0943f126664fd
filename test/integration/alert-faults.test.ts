import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { MessageRejected, SendEmailCommand, SESv2Client, SESv2ServiceException, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ChannelMessenger } from '../../shared/adapters/aws/channel-messenger.js';
import { SesEmailSender } from '../../shared/adapters/aws/ses-email-sender.js';
import { loadOrgConfig } from '../../shared/config.js';
import { memoryLog } from '../../shared/logger.js';
import { memoryCounters } from '../../shared/ports/counters.js';
import type { Messenger } from '../../shared/ports/messenger.js';
import { DigestsLeftToRetryError } from '../../shared/errors.js';
import { runAlerts, type AlertsDeps } from '../../shared/use-cases/run-alerts.js';
import { keys } from '../../shared/table.js';
import { BASE_URL, testPlatform } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { closedWave } from '../support/waves.js';

/**
 * The alert job against SES failures that only mocks can produce, through the real SES
 * adapter: one leader's digest refused or throttled must not cost the others theirs, and
 * what happened must show in the report, the counters and the log, never a leader's
 * address or name. The store is DynamoDB Local; the organization is the demo's (12 leaders).
 */
const track = dropAfterEach();

async function setup() {
  const org = await loadOrgConfig('orgs/demo.json');
  const p = track(await testPlatform({ org, staff: [] }));
  const { wave } = closedWave(0, [], { 'emergency/nurse': 12 });
  await p.storeClosedWave({ wave, units: [] });
  const client = new SESv2Client({ region: 'us-east-1' });
  const ses = mockClient(client);
  ses.on(SendEmailCommand).resolves({ MessageId: 'e' });
  const log = memoryLog();
  const messenger = new ChannelMessenger({ email: new SesEmailSender({ ses: client, from: 'pulse@riverside.example' }) });
  /** One alert run, as the scheduled function runs it, counting into counters of its own. */
  const run = async (deps: Partial<AlertsDeps> = {}) => {
    const counters = memoryCounters();
    const report = await runAlerts({ ...p.stores, messenger, clock: p.clock, org, log, baseUrl: BASE_URL, counters, ...deps });
    return { report, counters: Object.fromEntries(counters.totals) };
  };
  const leaders = org.leaders;
  const sentTo = () => ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0]);
  const alertEntry = async (leaderId: string) =>
    (await p.documentClient.send(new GetCommand({ TableName: p.tableName, Key: keys.alert(wave.id, leaderId) }))).Item;
  /** The run's closing log line. */
  const summary = () => log.lines.filter((line) => line.includes('"alerts-sent"')).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { ...p, org, wave, ses, log, run, leaders, sentTo, alertEntry, summary };
}

/** What no log line may carry: a leader's address or name, or a dashboard link. */
function expectNothingPersonal(lines: readonly string[], leaders: readonly { email: string; name: string }[]) {
  const logs = lines.join('\n');
  for (const leader of leaders) {
    expect(logs).not.toContain(leader.email);
    expect(logs).not.toContain(leader.name);
  }
  expect(logs).not.toMatch(/@|\/d\/|https?:/);
}

describe('runAlerts when SES refuses one leader’s digest for good', () => {
  it('sends every other leader theirs, records the refusal, and sends nothing again on the next run', async () => {
    const s = await setup();
    const refused = s.leaders[1]!;
    s.ses.on(SendEmailCommand, { Destination: { ToAddresses: [refused.email] } }).rejects(
      new MessageRejected({
        message: `Email address is not verified. The following identities failed the check in region US-EAST-1: ${refused.email}`,
        $metadata: {},
      }),
    );

    const first = await s.run();
    const others = s.leaders.filter((l) => l.id !== refused.id).map((l) => l.id);
    expect(first.report.sent).toEqual(others);
    expect(first.report.refused).toEqual([refused.id]);
    expect(first.report.retryLater).toEqual([]);
    expect(first.report.alreadySent).toEqual([]);
    expect(new Set(s.sentTo()).size).toBe(12);
    expect(first.counters).toEqual({ DigestsSent: 11, DigestsRefused: 1, DigestsRetryLater: 0 });
    expect(await s.alertEntry(refused.id)).toMatchObject({ state: 'refused', reason: 'email MessageRejected' });
    expect(await s.alertEntry(s.leaders[2]!.id)).toMatchObject({ state: 'sent' });
    expect(s.summary()).toEqual([expect.objectContaining({ wave: s.wave.id, digests: 12, sent: 11, refused: 1, retryLater: 0, alreadySent: 0 })]);

    // A refusal stays a refusal for this wave: the next run does not try it again, and neither
    // counts it again (the counter already raised it) nor forgets it in its report.
    const second = await s.run();
    expect(s.sentTo()).toHaveLength(12);
    expect(second.report.sent).toEqual([]);
    expect(second.report.refused).toEqual([refused.id]);
    expect(second.report.alreadySent).toEqual(others);
    expect(second.report.retryLater).toEqual([]);
    expect(second.counters).toEqual({ DigestsSent: 0, DigestsRefused: 0, DigestsRetryLater: 0 });
    expect(s.summary()[1]).toEqual(expect.objectContaining({ sent: 0, refused: 1, retryLater: 0, alreadySent: 11 }));
    expectNothingPersonal(s.log.lines, s.leaders);
  });

  it('treats SES access denied (the function may not send from this identity) as a refusal, and goes on', async () => {
    const s = await setup();
    const denied = s.leaders[0]!;
    s.ses.on(SendEmailCommand, { Destination: { ToAddresses: [denied.email] } }).rejects(
      new SESv2ServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: `User is not authorized to perform ses:SendEmail on resource identity/${denied.email}`,
      }),
    );
    const { report, counters } = await s.run();
    expect(report.refused).toEqual([denied.id]);
    expect(report.sent).toHaveLength(11);
    expect(counters).toEqual({ DigestsSent: 11, DigestsRefused: 1, DigestsRetryLater: 0 });
    expect(await s.alertEntry(denied.id)).toMatchObject({ state: 'refused', reason: 'email AccessDeniedException' });
    expectNothingPersonal(s.log.lines, s.leaders);
  });
});

describe('runAlerts when SES throttles one leader’s digest', () => {
  it('sends the others, gives that leader’s claim back, and the next run sends it', async () => {
    const s = await setup();
    const throttled = s.leaders[1]!;
    s.ses
      .on(SendEmailCommand, { Destination: { ToAddresses: [throttled.email] } })
      .rejectsOnce(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }))
      .resolves({ MessageId: 'e' });

    const first = await s.run();
    expect(first.report.sent).toEqual(s.leaders.filter((l) => l.id !== throttled.id).map((l) => l.id));
    expect(first.report.retryLater).toEqual([throttled.id]);
    expect(first.report.refused).toEqual([]);
    expect(first.counters).toEqual({ DigestsSent: 11, DigestsRefused: 0, DigestsRetryLater: 1 });
    expect(await s.alertEntry(throttled.id)).toBeUndefined();
    expect(s.summary()[0]).toEqual(expect.objectContaining({ sent: 11, refused: 0, retryLater: 1, alreadySent: 0 }));
    // What the scheduled function throws once every leader was tried, so Lambda retries it
    // and the errors alarm sees it: it names counts, never a leader.
    const error = new DigestsLeftToRetryError(first.report);
    expect(error.name).toBe('DigestsLeftToRetryError');
    expect(error.message).toBe(
      `1 of 12 digests of wave ${s.wave.id} failed in a way that may pass and are left for the next run (11 sent now, 0 refused, 0 sent before).`,
    );

    const second = await s.run();
    expect(second.report.sent).toEqual([throttled.id]);
    expect(second.report.alreadySent).toHaveLength(11);
    expect(second.report.retryLater).toEqual([]);
    expect(second.counters).toEqual({ DigestsSent: 1, DigestsRefused: 0, DigestsRetryLater: 0 });
    expect(s.sentTo().filter((to) => to === throttled.email)).toHaveLength(2);
    expect(new Set(s.sentTo()).size).toBe(12);
    expect(s.sentTo()).toHaveLength(13);
    expect(await s.alertEntry(throttled.id)).toMatchObject({ state: 'sent' });
    expectNothingPersonal(s.log.lines, s.leaders);
  });

  it('treats an error that is no delivery error (a bug, a dropped connection) as one that may pass', async () => {
    const s = await setup();
    const unlucky = s.leaders[3]!;
    const flaky: Messenger = {
      send: async (message) => {
        if (message.to === unlucky.email) throw new TypeError(`cannot read properties of undefined (to ${unlucky.email})`);
        return 'sent';
      },
    };
    const first = await s.run({ messenger: flaky });
    expect(first.report.retryLater).toEqual([unlucky.id]);
    expect(first.report.sent).toHaveLength(11);
    expect(first.counters).toEqual({ DigestsSent: 11, DigestsRefused: 0, DigestsRetryLater: 1 });
    const second = await s.run();
    expect(second.report.sent).toEqual([unlucky.id]);
    expectNothingPersonal(s.log.lines, s.leaders);
  });
});

describe('runAlerts after a run that died while sending', () => {
  it('leaves a claim another run may still be sending to a later run, loudly, and takes it over once stale', async () => {
    const s = await setup();
    const leader = s.leaders[3]!;
    // A run claimed this leader's digest and died before recording what became of it.
    expect(await s.stores.deliveries.claimAlert({ waveId: s.wave.id, leaderId: leader.id, now: s.clock.now() })).toBe('claimed');

    const soon = await s.run();
    expect(soon.report.retryLater).toEqual([leader.id]);
    expect(s.sentTo()).not.toContain(leader.email);
    expect(s.log.lines.some((line) => line.includes('"digest-in-progress"'))).toBe(true);

    s.clock.advance(16 * 60 * 1000);
    const later = await s.run();
    expect(later.report.sent).toEqual([leader.id]);
    expect(s.sentTo().filter((to) => to === leader.email)).toHaveLength(1);
    expect(await s.alertEntry(leader.id)).toMatchObject({ state: 'sent' });
    expectNothingPersonal(s.log.lines, s.leaders);
  });
});
