import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  SESv2Client,
  SendEmailCommand,
  MessageRejected,
  SESv2ServiceException,
  TooManyRequestsException,
  InternalServiceErrorException,
} from '@aws-sdk/client-sesv2';
import { AuthorizationErrorException, CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import type { SQSEvent } from 'aws-lambda';
import { processDeliveries } from '../../functions/send/process-deliveries.js';
import { SEND_CONCURRENCY, sendTimeoutSeconds } from '../../infra/constructs/send-timeout.js';
import { ChannelMessenger, RateLimitedMessenger } from '../../shared/adapters/aws/channel-messenger.js';
import { SesEmailSender } from '../../shared/adapters/aws/ses-email-sender.js';
import { SnsSmsSender } from '../../shared/adapters/aws/sns-sms-sender.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { Channel, Staff } from '../../shared/domain/staff.js';
import type { Delivery } from '../../shared/domain/wave.js';
import { ServiceBusyError } from '../../shared/errors.js';
import { memoryLog } from '../../shared/logger.js';
import { memoryCounters } from '../../shared/ports/counters.js';
import { DELIVERY_BATCH_SIZE } from '../../shared/ports/delivery-queue.js';
import type { Messenger } from '../../shared/ports/messenger.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { COMPLETE_EVERY, deliverMessages, STOP_BEFORE_TIMEOUT_MS, type DeliverDeps } from '../../shared/use-cases/deliver-message.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, testPlatform } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';

/**
 * The send function's batch handling: against SES and SNS failures that only mocks can
 * produce, against SQS bringing records back, and for what a batch costs in requests and
 * time. The store is DynamoDB Local.
 */
const track = dropAfterEach();

async function setup(
  staff: Staff[] = [...staffIn('ed', 'nurse', 3, { channel: 'email' }), ...staffIn('ed', 'physician', 2, { channel: 'sms' })],
  org: OrgConfig = testOrg(),
) {
  const p = await testPlatform({ org, staff });
  track(p);
  // Open the wave with a queue that holds deliveries, as SQS would, instead of sending.
  const held: Delivery[] = [];
  const { wave } = await openWave({ ...p.waveDeps, queue: { enqueue: async (d) => void held.push(...d) } });
  const sesClient = new SESv2Client({ region: 'us-east-1' });
  const snsClient = new SNSClient({ region: 'us-east-1' });
  const sesMock = mockClient(sesClient);
  const snsMock = mockClient(snsClient);
  snsMock.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
  snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
  sesMock.on(SendEmailCommand).resolves({ MessageId: 'e' });
  const log = memoryLog();
  const deps: DeliverDeps = {
    ...p.stores,
    secrets: p.secrets,
    messenger: new ChannelMessenger({
      email: new SesEmailSender({ ses: sesClient, from: 'pulse@test.example', configurationSet: 'care-pulse' }),
      sms: new SnsSmsSender(snsClient),
    }),
    clock: p.clock,
    org: p.org,
    log,
    baseUrl: BASE_URL,
  };
  const event = (deliveries: unknown[]): SQSEvent => ({
    Records: deliveries.map((d, i) => ({ messageId: `msg-${i}`, body: typeof d === 'string' ? d : JSON.stringify(d) }) as SQSEvent['Records'][number]),
  });
  const heldFor = (channel: Channel) => held.filter((d) => d.channel === channel);
  /** One channel's send function given these deliveries (by default, all of that channel's) as one SQS batch. */
  const send = (channel: Channel, batch: SQSEvent = event(heldFor(channel)), sendDeps: DeliverDeps = deps) => processDeliveries(batch, sendDeps, { channel });
  /** The records of `sent` that SQS brings back after a partial batch response. */
  const comingBack = (sent: SQSEvent, failures: { itemIdentifier: string }[]): SQSEvent => ({
    Records: sent.Records.filter((r) => failures.some((f) => f.itemIdentifier === r.messageId)),
  });
  return { ...p, wave, held, heldFor, send, sesMock, snsMock, deps, log, event, comingBack };
}

describe('each channel’s send function', () => {
  it('sends each delivery, with List-Unsubscribe on email and transactional SMS', async () => {
    const s = await setup();
    expect((await s.send('email')).batchItemFailures).toEqual([]);
    expect((await s.send('sms')).batchItemFailures).toEqual([]);
    const emails = s.sesMock.commandCalls(SendEmailCommand);
    expect(emails).toHaveLength(3);
    const input = emails[0]!.args[0].input;
    expect(input.ConfigurationSetName).toBe('care-pulse');
    expect(input.Content?.Simple?.Headers).toEqual([
      { Name: 'List-Unsubscribe', Value: expect.stringMatching(/^<https:\/\/pulse\.test\.example\/u\/[a-f0-9]{24}\/.+>$/) },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(input.Content?.Simple?.Body?.Text?.Data).toContain(`${BASE_URL}/p/`);
    expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(2);
    expect(s.snsMock.commandCalls(PublishCommand)[0]!.args[0].input.MessageAttributes?.['AWS.SNS.SMS.SMSType']?.StringValue).toBe('Transactional');
  });

  it('reports only the throttled record, and sends it once when it comes back', async () => {
    const s = await setup();
    const throttledAddress = s.staff[1]!.email!;
    s.sesMock
      .on(SendEmailCommand, { Destination: { ToAddresses: [throttledAddress] } })
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const batch = s.event(s.heldFor('email'));
    const first = await s.send('email', batch);
    const throttledIndex = s.heldFor('email').findIndex((d) => d.staffId === s.staff[1]!.id);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: `msg-${throttledIndex}` }]);
    // SQS brings back the failed record only.
    const second = await s.send('email', s.comingBack(batch, first.batchItemFailures));
    expect(second.batchItemFailures).toEqual([]);
    await s.send('sms');
    const sentTo = s.sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0]);
    expect(sentTo.filter((a) => a === throttledAddress)).toHaveLength(2); // one refused, one sent
    expect(new Set(sentTo).size).toBe(3);
    expect(sentTo).toHaveLength(4);
    expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('sends nobody twice when SQS delivers a whole batch again', async () => {
    const s = await setup();
    for (const channel of ['email', 'sms', 'email', 'sms'] as const) expect((await s.send(channel)).batchItemFailures).toEqual([]);
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(2);
    expect(s.log.lines.filter((line) => line.includes('"reason":"already-sent"'))).toHaveLength(5);
  });

  it('skips people removed from the roster, made inactive, or added since the wave opened, saying why, and sends the rest', async () => {
    const s = await setup();
    const [removed, inactive] = s.staff;
    await s.stores.roster.deleteStaff(removed!.id);
    await s.stores.roster.putStaff([{ ...inactive!, active: false }]);
    const newcomer = staffIn('lab', 'nurse', 1)[0]!;
    await s.stores.roster.putStaff([newcomer]);
    const batch = [...s.held, { waveId: s.wave.id, staffId: newcomer.id, kind: 'invite' as const, channel: 'email' as const }];

    const outcomes = await deliverMessages(s.deps, batch);
    const outcomeOf = (staffId: string) => outcomes[batch.findIndex((d) => d.staffId === staffId)];
    expect(outcomeOf(removed!.id)).toEqual({ status: 'skipped', reason: 'not-on-roster' });
    expect(outcomeOf(inactive!.id)).toEqual({ status: 'skipped', reason: 'inactive' });
    expect(outcomeOf(newcomer.id)).toEqual({ status: 'skipped', reason: 'joined-after-open' });
    for (const person of s.staff.slice(2)) expect(outcomeOf(person.id)).toEqual({ status: 'sent' });
    expect(s.sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0])).toEqual([s.staff[2]!.email]);
    expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('leaves at most a few people to be sent twice when a sender dies mid-batch and the batch comes back', async () => {
    const people = 12;
    const s = await setup(staffIn('ed', 'nurse', people, { channel: 'email' }));
    const sends: string[] = [];
    const dying: Messenger = {
      // The ninth send never returns, as when the function times out or its instance dies.
      send: (message) => (sends.push(message.to), sends.length === 9 ? new Promise(() => undefined) : Promise.resolve('sent')),
    };
    void deliverMessages({ ...s.deps, messenger: dying }, s.held);
    await expect.poll(() => sends.length).toBe(9);
    // SQS brings the whole batch back once its visibility runs out (past the claims' staleness).
    s.clock.advance(17 * 60 * 1000);
    const healthy: Messenger = { send: async (message) => (sends.push(message.to), 'sent') };
    const outcomes = await deliverMessages({ ...s.deps, messenger: healthy }, s.held);
    expect(outcomes.every((o) => o.status !== 'failed')).toBe(true);
    const times = (address: string) => sends.filter((to) => to === address).length;
    expect(s.staff.every((person) => times(person.email!) >= 1)).toBe(true);
    // Claims are marked sent every few messages, so only the unmarked ones and the one in
    // flight go out again; the first batch's first few are never repeated.
    const twice = s.staff.filter((person) => times(person.email!) > 1);
    expect(twice.length).toBeGreaterThan(0);
    expect(twice.length).toBeLessThanOrEqual(COMPLETE_EVERY);
    expect(sends.slice(0, COMPLETE_EVERY).every((to) => times(to) === 1)).toBe(true);
  });

  it('stops claiming when the function is about to time out, and the rest go when the batch comes back', async () => {
    const people = 6;
    const s = await setup(staffIn('ed', 'nurse', people, { channel: 'email' }));
    let remaining = 60_000;
    const slow: Messenger = { send: async () => ((remaining -= 20_000), 'sent') };
    const first = await deliverMessages({ ...s.deps, messenger: slow }, s.held, { remainingMs: () => remaining });
    const sentFirst = first.filter((o) => o.status === 'sent').length;
    expect(sentFirst).toBe(3);
    expect(first.filter((o) => o.status === 'failed' && o.error.retryable)).toHaveLength(people - sentFirst);
    expect(remaining).toBeLessThan(STOP_BEFORE_TIMEOUT_MS);
    const again = await deliverMessages(s.deps, s.held);
    expect(again.filter((o) => o.status === 'sent')).toHaveLength(people - sentFirst);
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(people - sentFirst);
  });

  it('costs DynamoDB one request per message and a few per batch', async () => {
    const people = 50;
    const s = await setup(staffIn('ed', 'nurse', people, { channel: 'email' }));
    let requests = 0;
    s.documentClient.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'countRequests' });
    const batches = Math.ceil(people / DELIVERY_BATCH_SIZE);
    for (let start = 0; start < people; start += DELIVERY_BATCH_SIZE) {
      expect((await s.send('email', s.event(s.held.slice(start, start + DELIVERY_BATCH_SIZE)))).batchItemFailures).toEqual([]);
    }
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(people);
    // Each message's claim; per batch its wave, its secret, its people and their tokens; the
    // claims marked sent, a few at a time; and per batch its people counted in their unit's reach.
    expect(requests).toBeLessThanOrEqual(people + 4 * batches + Math.ceil(people / COMPLETE_EVERY) + batches + batches);
    expect(requests / people).toBeLessThanOrEqual(1.5);
  });

  it('drops a permanently refused email without retrying, and logs no address', async () => {
    const s = await setup();
    s.sesMock.on(SendEmailCommand).rejects(new MessageRejected({ message: `Email address is not verified: ${s.staff[0]!.email}`, $metadata: {} }));
    const result = await s.send('email');
    expect(result.batchItemFailures).toEqual([]);
    await s.send('email');
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(3);
    const logs = s.log.lines.join('\n');
    expect(logs).toContain('delivery-refused');
    // Said as what it was, not as "already sent".
    expect(s.log.lines.filter((line) => line.includes('"reason":"refused"'))).toHaveLength(s.staff.filter((p) => p.channel === 'email').length);
    for (const person of s.staff) expect(logs).not.toContain(person.email!);
  });

  it('retries SMS throttling and never publishes to a number that replied STOP', async () => {
    const s = await setup();
    const [first, second] = s.staff.filter((p) => p.channel === 'sms');
    s.snsMock.on(CheckIfPhoneNumberIsOptedOutCommand, { phoneNumber: first!.phone }).resolves({ isOptedOut: true });
    s.snsMock.on(PublishCommand, { PhoneNumber: second!.phone }).rejectsOnce(new ThrottledException({ message: 'rate', $metadata: {} }));
    const result = await s.send('sms');
    expect(result.batchItemFailures).toHaveLength(1);
    await s.send('sms');
    const published = s.snsMock.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber);
    expect(published).not.toContain(first!.phone);
    expect(published.filter((p) => p === second!.phone)).toHaveLength(2);
    expect(await s.stores.roster.getStaff(first!.id)).toMatchObject({ smsOptOut: true });
  });

  it('reports a malformed message, or one of another channel, so it reaches the dead-letter queue, and sends the rest', async () => {
    const s = await setup();
    const byEmail = s.heldFor('email')[0]!;
    const bySms = s.heldFor('sms')[0]!;
    const result = await s.send('email', s.event(['{"waveId":', { waveId: s.wave.id, staffId: 42 }, bySms, byEmail]));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'msg-0' }, { itemIdentifier: 'msg-1' }, { itemIdentifier: 'msg-2' }]);
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(s.log.lines.filter((line) => line.includes('"malformed-delivery"'))).toHaveLength(2);
    expect(s.log.lines.filter((line) => line.includes('"delivery-for-another-channel"') && line.includes('"channel":"email"'))).toHaveLength(1);
  });

  it('sends a message queued before sending was split by channel (it has no channel) by email, from the queue that became the email queue', async () => {
    const s = await setup();
    const { channel: _byEmail, ...queuedBefore } = s.heldFor('email')[0]!;
    const { channel: _bySms, ...textOnlyBefore } = s.heldFor('sms')[0]!;
    expect((await s.send('email', s.event([queuedBefore, textOnlyBefore]))).batchItemFailures).toEqual([]);
    expect(s.sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0])).toEqual([
      s.staff.find((p) => p.id === queuedBefore.staffId)!.email,
    ]);
    // Someone reachable by SMS only gets nothing from it (the upgrade note says to drain the
    // queue first), and the operator is told how many such messages came through.
    expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(s.log.lines.filter((line) => line.includes('"reason":"no-channel"'))).toHaveLength(1);
    expect(s.log.lines.find((line) => line.includes('"delivery-without-channel"'))).toContain('"deliveries":2');
  });
});

describe('a send refused for good', () => {
  /** What no log line may carry: an address, a number, a link or its token. */
  const expectNothingPersonal = (lines: readonly string[], people: readonly Staff[]) => {
    const logs = lines.join('\n');
    for (const person of people) {
      expect(logs).not.toContain(person.email!);
      expect(logs).not.toContain(person.phone!);
      expect(logs).not.toContain(person.id);
      expect(logs).not.toContain(person.unsubscribeToken!);
    }
    expect(logs).not.toMatch(/\/p\/|https?:/);
  };

  it('counts a refused invitation (SES MessageRejected) as refused, sends the rest of the batch, and tries it no more', async () => {
    const s = await setup();
    const counters = memoryCounters();
    const refused = s.staff[1]!;
    s.sesMock.on(SendEmailCommand, { Destination: { ToAddresses: [refused.email!] } }).rejects(
      new MessageRejected({
        message: `Email address is not verified. The following identities failed the check in region US-EAST-1: ${refused.email}`,
        $metadata: {},
      }),
    );
    const result = await s.send('email', undefined, { ...s.deps, counters });
    expect(result.batchItemFailures).toEqual([]);
    expect(Object.fromEntries(counters.totals)).toEqual({ MessagesSent: 2, MessagesRefused: 1 });
    expect(new Set(s.sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0])).size).toBe(3);
    expect(s.log.lines.filter((line) => line.includes('"delivery-refused"') && line.includes('"error":"email MessageRejected"'))).toHaveLength(1);
    // Done with, like a sent one: the batch coming back again sends and counts nothing.
    await s.send('email', undefined, { ...s.deps, counters });
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(Object.fromEntries(counters.totals)).toEqual({ MessagesSent: 2, MessagesRefused: 1 });
    expectNothingPersonal(s.log.lines, s.staff);
  });

  it('sends the batch when its reach cannot be counted (a throttled transaction), and counts and logs the people left uncounted', async () => {
    const s = await setup();
    const counters = memoryCounters();
    // DynamoDB Local never throttles: the store's one reach write fails as AWS's would.
    const throttled = Object.create(s.answers) as typeof s.answers;
    throttled.recordReach = () => Promise.reject(new ServiceBusyError(2));
    const result = await s.send('email', undefined, { ...s.deps, answers: throttled, counters });
    expect(result.batchItemFailures).toEqual([]);
    expect(Object.fromEntries(counters.totals)).toEqual({ MessagesSent: 3, ReachNotCounted: 3 });
    expect(s.log.lines.filter((line) => line.includes('"reach-not-counted"') && line.includes('"people":3'))).toHaveLength(1);
    expectNothingPersonal(s.log.lines, s.staff);
  });

  it('ends every delivery of a batch sent, refused or coming back, each counted once, whatever SES answers', async () => {
    const s = await setup(staffIn('ed', 'nurse', 6, { channel: 'email' }));
    const counters = memoryCounters();
    const deps = { ...s.deps, counters };
    const [rejected, denied, throttled, unreachable, serverError] = s.staff.map((person) => person.email!);
    const on = (address: string | undefined) => s.sesMock.on(SendEmailCommand, { Destination: { ToAddresses: [address!] } });
    on(rejected).rejects(new MessageRejected({ message: `Email address is not verified: ${rejected}`, $metadata: {} }));
    on(denied).rejects(
      new SESv2ServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: `not authorized to send from identity ${denied}`,
      }),
    );
    on(throttled)
      .rejectsOnce(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }))
      .resolves({ MessageId: 'e' });
    // What the SDK throws when the connection drops after its own retries: no answer from SES at all.
    on(unreachable)
      .rejectsOnce(Object.assign(new Error(`socket hang up (${unreachable})`), { name: 'TimeoutError' }))
      .resolves({ MessageId: 'e' });
    on(serverError)
      .rejectsOnce(new InternalServiceErrorException({ message: 'internal', $metadata: { httpStatusCode: 500 } }))
      .resolves({ MessageId: 'e' });

    const outcomes = await deliverMessages(deps, s.held);
    const outcomeOf = (address: string | undefined) => outcomes[s.held.findIndex((d) => d.staffId === s.staff.find((p) => p.email === address)!.id)];
    expect(outcomeOf(rejected)).toEqual({ status: 'skipped', reason: 'refused' });
    expect(outcomeOf(denied)).toEqual({ status: 'skipped', reason: 'refused' });
    for (const address of [throttled, unreachable, serverError])
      expect(outcomeOf(address), address).toMatchObject({ status: 'failed', error: { retryable: true } });
    expect(outcomeOf(s.staff[5]!.email)).toEqual({ status: 'sent' });
    expect(Object.fromEntries(counters.totals)).toEqual({ MessagesSent: 1, MessagesRefused: 2, MessagesFailed: 3 });

    // The ones that may pass come back (SQS), and go.
    const again = await deliverMessages(deps, s.held);
    expect(again.filter((o) => o.status === 'sent')).toHaveLength(3);
    expect(again.every((o) => o.status !== 'failed')).toBe(true);
    expect(Object.fromEntries(counters.totals)).toEqual({ MessagesSent: 4, MessagesRefused: 2, MessagesFailed: 3 });
    // Every call to SES was counted once, as what became of it.
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(4 + 2 + 3);
    expectNothingPersonal(s.log.lines, s.staff);
  });

  it('counts a text SNS refuses for good (not authorized) as refused, and sends the other', async () => {
    const s = await setup();
    const counters = memoryCounters();
    const [refused] = s.staff.filter((p) => p.channel === 'sms');
    s.snsMock
      .on(PublishCommand, { PhoneNumber: refused!.phone })
      .rejects(new AuthorizationErrorException({ message: `not authorized to publish to ${refused!.phone}`, $metadata: { httpStatusCode: 403 } }));
    const result = await s.send('sms', undefined, { ...s.deps, counters });
    expect(result.batchItemFailures).toEqual([]);
    expect(Object.fromEntries(counters.totals)).toEqual({ MessagesSent: 1, MessagesRefused: 1 });
    expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(2);
    expect(s.log.lines.filter((line) => line.includes('"delivery-refused"') && line.includes('"error":"sms AuthorizationErrorException"'))).toHaveLength(1);
    expectNothingPersonal(s.log.lines, s.staff);
  });
});

describe('a full batch at the organization’s send rates', () => {
  const rates = [
    { name: 'the default rates', email: 10, sms: 3 },
    { name: 'the slowest rates an organization may set', email: 0.1, sms: 0.1 },
    { name: 'fast email beside slow SMS', email: 1000, sms: 0.1 },
  ];
  for (const rate of rates) {
    it(`fits each channel’s send function’s timeout at ${rate.name}`, async () => {
      const org = testOrg({
        channels: { email: { enabled: true, from: 'pulse@test.example', maxPerSecond: rate.email }, sms: { enabled: true, maxPerSecond: rate.sms } },
      });
      const s = await setup(staffIn('ed', 'nurse', DELIVERY_BATCH_SIZE, { channel: 'both' }), org);
      for (const channel of ['email', 'sms'] as const) {
        // The send function's own pacing, on a clock the test moves: each instance keeps to its
        // share of its channel's rate, and each provider call takes a realistic 0.1 s (two for an SMS).
        let virtualMs = 0;
        const provider: Messenger = { send: async (message) => ((virtualMs += message.channel === 'sms' ? 200 : 100), s.deps.messenger.send(message)) };
        const paced = new RateLimitedMessenger(
          provider,
          { email: rate.email / SEND_CONCURRENCY, sms: rate.sms / SEND_CONCURRENCY },
          async (ms) => void (virtualMs += ms),
          () => virtualMs,
        );
        const started = performance.now();
        const result = await s.send(channel, undefined, { ...s.deps, messenger: paced });
        const seconds = (virtualMs + performance.now() - started) / 1000;
        expect(result.batchItemFailures).toEqual([]);
        expect(seconds, channel).toBeLessThanOrEqual(sendTimeoutSeconds(org, channel));
      }
      expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(DELIVERY_BATCH_SIZE);
      expect(s.snsMock.commandCalls(PublishCommand)).toHaveLength(DELIVERY_BATCH_SIZE);
    });
  }

  it('refuses to deploy rates at which a batch could not finish within Lambda’s 15 minutes', () => {
    expect(() =>
      sendTimeoutSeconds(
        {
          channels: { email: { enabled: false, from: 'pulse@test.example', maxPerSecond: 10, identity: 'create' }, sms: { enabled: true, maxPerSecond: 0.02 } },
        },
        'sms',
      ),
    ).toThrow('needs 2537 s, more than a Lambda function may run (900 s): raise channels.sms.maxPerSecond.');
    expect(() =>
      sendTimeoutSeconds({ channels: { email: { enabled: true, from: 'pulse@test.example', maxPerSecond: 0.02, identity: 'create' } } }, 'email'),
    ).toThrow('raise channels.email.maxPerSecond.');
  });

  it('times email by the email rate alone: a slow SMS rate does not hold it up', () => {
    const email = { enabled: true, from: 'pulse@test.example', maxPerSecond: 10, identity: 'create' as const };
    const withSms = (maxPerSecond: number) => sendTimeoutSeconds({ channels: { email, sms: { enabled: true, maxPerSecond } } }, 'email');
    expect(withSms(0.1)).toBe(sendTimeoutSeconds({ channels: { email } }, 'email'));
    expect(withSms(0.1)).toBe(withSms(100));
    expect(withSms(0.1)).toBeLessThan(sendTimeoutSeconds({ channels: { email, sms: { enabled: true, maxPerSecond: 0.1 } } }, 'sms'));
  });
});
