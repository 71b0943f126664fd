import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SESv2Client, SendEmailCommand, MessageRejected, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import type { SQSEvent } from 'aws-lambda';
import { processDeliveries } from '../../functions/send/process-deliveries.js';
import { SesSnsMessenger } from '../../shared/adapters/aws/ses-sns-messenger.js';
import { memoryLog } from '../../shared/logger.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import type { DeliverDeps } from '../../shared/use-cases/deliver-message.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, testPlatform } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';

/**
 * The send function's batch handling against SES and SNS failures that only mocks can
 * produce; the store is DynamoDB Local.
 */
const track = dropAfterEach();

async function setup() {
  const staff = [...staffIn('ed', 'nurse', 3, { channel: 'email' }), ...staffIn('ed', 'physician', 2, { channel: 'sms' })];
  const p = await testPlatform({ org: testOrg(), staff });
  track(p);
  // Open the wave with a queue that holds deliveries, as SQS would, instead of sending.
  const held: { waveId: string; staffId: string; kind: 'invite' | 'reminder' }[] = [];
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
    store: p.store,
    secrets: p.secrets,
    messenger: new SesSnsMessenger({ ses: sesClient, sns: snsClient, from: 'pulse@test.example', configurationSet: 'care-pulse' }),
    clock: p.clock,
    org: p.org,
    log,
    baseUrl: BASE_URL,
    cache: { waves: new Map(), secrets: new Map() },
  };
  const event = (deliveries: unknown[]): SQSEvent => ({
    Records: deliveries.map((d, i) => ({ messageId: `msg-${i}`, body: typeof d === 'string' ? d : JSON.stringify(d) }) as SQSEvent['Records'][number]),
  });
  return { ...p, wave, held, sesMock, snsMock, deps, log, event };
}

describe('the send function', () => {
  it('sends each delivery, with List-Unsubscribe on email and transactional SMS', async () => {
    const s = await setup();
    const result = await processDeliveries(s.event(s.held), s.deps);
    expect(result.batchItemFailures).toEqual([]);
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
    s.sesMock.on(SendEmailCommand, { Destination: { ToAddresses: [throttledAddress] } }).rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const first = await processDeliveries(s.event(s.held), s.deps);
    const throttledIndex = s.held.findIndex((d) => d.staffId === s.staff[1]!.id);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: `msg-${throttledIndex}` }]);
    // SQS redelivers the whole batch's failures only; a redelivery of all is also harmless.
    const second = await processDeliveries(s.event(s.held), s.deps);
    expect(second.batchItemFailures).toEqual([]);
    const sentTo = s.sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0]);
    expect(sentTo.filter((a) => a === throttledAddress)).toHaveLength(2); // one refused, one sent
    expect(new Set(sentTo).size).toBe(3);
    expect(sentTo).toHaveLength(4);
  });

  it('drops a permanently refused email without retrying, and logs no address', async () => {
    const s = await setup();
    s.sesMock.on(SendEmailCommand).rejects(new MessageRejected({ message: `Email address is not verified: ${s.staff[0]!.email}`, $metadata: {} }));
    const result = await processDeliveries(s.event(s.held), s.deps);
    expect(result.batchItemFailures).toEqual([]);
    await processDeliveries(s.event(s.held), s.deps);
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(3);
    const logs = s.log.lines.join('\n');
    expect(logs).toContain('delivery-refused');
    for (const person of s.staff) expect(logs).not.toContain(person.email!);
  });

  it('retries SMS throttling and never publishes to a number that replied STOP', async () => {
    const s = await setup();
    const [first, second] = s.staff.filter((p) => p.channel === 'sms');
    s.snsMock.on(CheckIfPhoneNumberIsOptedOutCommand, { phoneNumber: first!.phone }).resolves({ isOptedOut: true });
    s.snsMock.on(PublishCommand, { PhoneNumber: second!.phone }).rejectsOnce(new ThrottledException({ message: 'rate', $metadata: {} }));
    const result = await processDeliveries(s.event(s.held), s.deps);
    expect(result.batchItemFailures).toHaveLength(1);
    await processDeliveries(s.event(s.held), s.deps);
    const published = s.snsMock.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber);
    expect(published).not.toContain(first!.phone);
    expect(published.filter((p) => p === second!.phone)).toHaveLength(2);
    expect(await s.store.getStaff(first!.id)).toMatchObject({ smsOptOut: true });
  });

  it('reports a malformed message so it reaches the dead-letter queue, and sends the rest', async () => {
    const s = await setup();
    const byEmail = s.held.find((d) => d.staffId === s.staff[0]!.id);
    const result = await processDeliveries(s.event(['{"waveId":', { waveId: s.wave.id, staffId: 42 }, byEmail]), s.deps);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'msg-0' }, { itemIdentifier: 'msg-1' }]);
    expect(s.sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});
