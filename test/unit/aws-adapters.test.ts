import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  AccountSuspendedException,
  BadRequestException,
  InternalServiceErrorException,
  MessageRejected,
  SendEmailCommand,
  SendingPausedException,
  SESv2Client,
  SESv2ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import {
  AuthorizationErrorException,
  CheckIfPhoneNumberIsOptedOutCommand,
  InternalErrorException,
  InvalidParameterException,
  KMSThrottlingException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { ChannelMessenger, RateLimitedMessenger } from '../../shared/adapters/aws/channel-messenger.js';
import { SesEmailSender } from '../../shared/adapters/aws/ses-email-sender.js';
import { SnsSmsSender } from '../../shared/adapters/aws/sns-sms-sender.js';
import { DeliveryError } from '../../shared/ports/messenger.js';
import { SecretsManagerWaveSecretStore } from '../../shared/adapters/aws/secrets-manager-wave-secrets.js';
import { SqsDeliveryQueue } from '../../shared/adapters/aws/sqs-delivery-queue.js';
import type { OutgoingMessage } from '../../shared/ports/messenger.js';
import { deliveryQueue, staffEmailMessenger, staffSmsMessenger } from '../../functions/shared/aws-services.js';
import { testOrg } from '../support/fixtures.js';

const deliveries = (n: number, channel: 'email' | 'sms' = 'email') =>
  Array.from({ length: n }, (_, i) => ({ waveId: 'w20261124-01', staffId: `s${i}`, kind: 'invite' as const, channel }));

describe('SqsDeliveryQueue', () => {
  it('sends ten per batch and resends only the entries SQS refused', async () => {
    const client = new SQSClient({ region: 'us-east-1' });
    const sqs = mockClient(client);
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '3', Code: 'ServiceUnavailable', SenderFault: false }] })
      .resolves({ Successful: [], Failed: [] });
    await new SqsDeliveryQueue({ client, queueUrls: { email: 'https://sqs.us-east-1.amazonaws.com/1/email' }, concurrency: 1 }).enqueue(deliveries(23));
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries!);
    expect(calls.map((entries) => entries.length)).toEqual([10, 1, 10, 3]);
    expect(JSON.parse(calls[1]![0]!.MessageBody!)).toEqual({ waveId: 'w20261124-01', staffId: 's3', kind: 'invite', channel: 'email' });
    for (const entries of calls)
      for (const entry of entries) expect(Object.keys(JSON.parse(entry.MessageBody!)).sort()).toEqual(['channel', 'kind', 'staffId', 'waveId']);
  });

  it('puts each delivery on its own channel’s queue', async () => {
    const client = new SQSClient({ region: 'us-east-1' });
    const sqs = mockClient(client);
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queueUrls = { email: 'https://sqs.us-east-1.amazonaws.com/1/email', sms: 'https://sqs.us-east-1.amazonaws.com/1/sms' };
    const mixed = [...deliveries(12, 'email'), ...deliveries(3, 'sms')].sort((a, b) => a.staffId.localeCompare(b.staffId));
    await new SqsDeliveryQueue({ client, queueUrls, concurrency: 1 }).enqueue(mixed);
    const onQueue = (url: string) =>
      sqs
        .commandCalls(SendMessageBatchCommand)
        .filter((c) => c.args[0].input.QueueUrl === url)
        .flatMap((c) => c.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!) as { channel: string }));
    expect(onQueue(queueUrls.email).map((d) => d.channel)).toEqual(Array(12).fill('email'));
    expect(onQueue(queueUrls.sms).map((d) => d.channel)).toEqual(Array(3).fill('sms'));
  });

  it('refuses, queueing nothing, a channel that has no queue', async () => {
    const client = new SQSClient({ region: 'us-east-1' });
    const sqs = mockClient(client);
    await expect(
      new SqsDeliveryQueue({ client, queueUrls: { email: 'https://q/email' } }).enqueue([...deliveries(2), ...deliveries(1, 'sms')]),
    ).rejects.toThrow('No sms delivery queue is configured, so 1 sms deliveries cannot be queued');
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it('is built from the queue URLs the stack gives dispatch, even none when no channel is on, so dispatch still starts and can close a wave', async () => {
    expect(deliveryQueue({ SMS_DELIVERY_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/sms' })).toBeInstanceOf(SqsDeliveryQueue);
    const none = deliveryQueue({});
    await expect(none.enqueue([])).resolves.toBeUndefined();
    await expect(none.enqueue(deliveries(1))).rejects.toThrow('No email delivery queue is configured');
    expect(() => deliveryQueue({ EMAIL_DELIVERY_QUEUE_URL: 'not a url' })).toThrow('EMAIL_DELIVERY_QUEUE_URL');
  });

  it('gives up loudly when SQS keeps refusing', async () => {
    const client = new SQSClient({ region: 'us-east-1' });
    mockClient(client)
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [], Failed: [{ Id: '0', Code: 'KMS.ThrottlingException', SenderFault: false }] });
    await expect(new SqsDeliveryQueue({ client, queueUrls: { email: 'https://q' }, maxAttempts: 3 }).enqueue(deliveries(1))).rejects.toThrow(
      'SQS refused 1 deliveries after 3 attempts: KMS.ThrottlingException',
    );
  });
});

describe('SecretsManagerWaveSecretStore', () => {
  it('creates one secret per wave and deletes it without a recovery window', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const sm = mockClient(client);
    let stored: Uint8Array | undefined;
    sm.on(CreateSecretCommand).callsFake((input) => {
      stored = input.SecretBinary;
      return {};
    });
    sm.on(GetSecretValueCommand).callsFake(() => ({ SecretBinary: stored }));
    sm.on(DeleteSecretCommand).resolves({});
    const store = new SecretsManagerWaveSecretStore({ client, prefix: 'care-pulse/demo/wave/' });
    const secret = await store.create('w20261124-01');
    expect(secret).toHaveLength(32);
    expect(sm.commandCalls(CreateSecretCommand)[0]!.args[0].input.Name).toBe('care-pulse/demo/wave/w20261124-01');
    expect(await store.get('w20261124-01')).toEqual(secret);
    await store.destroy('w20261124-01');
    expect(sm.commandCalls(DeleteSecretCommand)[0]!.args[0].input).toEqual({ SecretId: 'care-pulse/demo/wave/w20261124-01', ForceDeleteWithoutRecovery: true });
  });

  it('treats a deleted secret as gone', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    mockClient(client)
      .on(GetSecretValueCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
    expect(await new SecretsManagerWaveSecretStore({ client, prefix: 'p/' }).get('w1')).toBeUndefined();
  });
});

describe('ChannelMessenger with an email sender only (the alerts function)', () => {
  it('sends email, and refuses a text for good instead of sending it some other way', async () => {
    const client = new SESv2Client({ region: 'us-east-1' });
    const ses = mockClient(client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'e' });
    const messenger = new ChannelMessenger({ email: new SesEmailSender({ ses: client, from: 'pulse@test.example' }) });
    expect(await messenger.send({ channel: 'email', kind: 'digest', to: 'lead@test.example', subject: 's', text: 't', html: '<p>t</p>' })).toBe('sent');
    const refused = await messenger.send({ channel: 'sms', kind: 'invitation', to: '+12025550123', text: 't' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ retryable: false });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});

describe('SesEmailSender and SnsSmsSender meeting the SDK’s errors', () => {
  const $metadata = {};
  /** What SES answered, as the SDK throws it, and what became of the send. */
  const emailCases: [string, Error, { retryable: boolean }][] = [
    ['an unverified address', new MessageRejected({ message: 'Email address is not verified: lead@test.example', $metadata }), { retryable: false }],
    ['a malformed address', new BadRequestException({ message: 'Illegal address', $metadata }), { retryable: false }],
    ['a suspended account', new AccountSuspendedException({ message: 'suspended', $metadata }), { retryable: false }],
    [
      'access denied (an error SES does not model)',
      new SESv2ServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'not authorized' }),
      { retryable: false },
    ],
    ['throttling', new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata }), { retryable: true }],
    [
      'throttling SES does not model',
      new SESv2ServiceException({ name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' }),
      { retryable: true },
    ],
    [
      'a 429 by any name',
      new SESv2ServiceException({ name: 'SlowDown', $fault: 'client', $metadata: { httpStatusCode: 429 }, message: 'slow down' }),
      { retryable: true },
    ],
    ['sending paused', new SendingPausedException({ message: 'paused', $metadata }), { retryable: true }],
    ['an error of its own', new InternalServiceErrorException({ message: 'internal', $metadata: { httpStatusCode: 500 } }), { retryable: true }],
    ['no answer (a timeout)', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), { retryable: true }],
  ];
  for (const [what, error, expected] of emailCases) {
    it(`makes SES’s ${what} a DeliveryError that is ${expected.retryable ? 'retried' : 'refused for good'}, named but never quoted`, async () => {
      const client = new SESv2Client({ region: 'us-east-1' });
      mockClient(client).on(SendEmailCommand).rejects(error);
      const thrown = await new SesEmailSender({ ses: client, from: 'pulse@test.example' })
        .send({ channel: 'email', kind: 'digest', to: 'lead@test.example', subject: 's', text: 't', html: 'h' })
        .catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(DeliveryError);
      expect(thrown).toMatchObject({ ...expected, message: `email ${error.name}` });
    });
  }

  const smsCases: [string, Error, { retryable: boolean }][] = [
    ['no permission to publish', new AuthorizationErrorException({ message: 'not authorized', $metadata }), { retryable: false }],
    ['a number it will not take', new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', $metadata }), { retryable: false }],
    ['throttling', new ThrottledException({ message: 'Rate exceeded', $metadata }), { retryable: true }],
    ['its key throttled', new KMSThrottlingException({ message: 'Rate exceeded', $metadata }), { retryable: true }],
    ['an error of its own', new InternalErrorException({ message: 'internal', $metadata: { httpStatusCode: 500 } }), { retryable: true }],
  ];
  for (const [what, error, expected] of smsCases) {
    it(`makes SNS’s ${what} a DeliveryError that is ${expected.retryable ? 'retried' : 'refused for good'}`, async () => {
      const client = new SNSClient({ region: 'us-east-1' });
      const sns = mockClient(client);
      sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
      sns.on(PublishCommand).rejects(error);
      const thrown = await new SnsSmsSender(client).send({ channel: 'sms', kind: 'invitation', to: '+12025550123', text: 't' }).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(DeliveryError);
      expect(thrown).toMatchObject({ ...expected, message: `sms ${error.name}` });
    });
  }
});

describe('SesEmailSender given where to get its SES client', () => {
  it('asks for the client when the first email goes out, not before, and sends through it', async () => {
    const client = new SESv2Client({ region: 'us-east-1' });
    const ses = mockClient(client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'e' });
    let asked = 0;
    const messenger = new SesEmailSender({ ses: () => (asked++, client), from: 'pulse@test.example' });
    expect(asked).toBe(0);
    expect(await messenger.send({ channel: 'email', kind: 'digest', to: 'lead@test.example', subject: 's', text: 't', html: '<p>t</p>' })).toBe('sent');
    expect(asked).toBe(1);
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Destination).toEqual({ ToAddresses: ['lead@test.example'] });
  });
});

describe('each send function’s messenger', () => {
  const env = { TABLE_NAME: 't', PUBLIC_BASE_URL: 'https://pulse.test.example', EMAIL_FROM: 'pulse@test.example', SEND_CONCURRENCY: '1' };
  const org = testOrg({ channels: { email: { enabled: true, from: 'pulse@test.example' }, sms: { enabled: true } } });

  it('has no way to send a text from the email sender', async () => {
    const refused = await staffEmailMessenger(org, env)
      .send({ channel: 'sms', kind: 'invitation', to: '+12025550123', text: 't' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ message: 'sms NotConfigured', retryable: false });
  });

  it('has no way to send an email from the SMS sender, which needs no sender address', async () => {
    const { EMAIL_FROM: _unused, ...smsEnv } = env;
    const refused = await staffSmsMessenger(org, smsEnv)
      .send({ channel: 'email', kind: 'digest', to: 'lead@test.example', subject: 's', text: 't', html: '<p>t</p>' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ message: 'email NotConfigured', retryable: false });
  });
});

describe('RateLimitedMessenger', () => {
  it('spaces messages of each channel to stay under its rate, without holding back the other channel', async () => {
    let now = 0;
    const sent: { channel: string; at: number }[] = [];
    const messenger = new RateLimitedMessenger(
      { send: async (m: OutgoingMessage) => (sent.push({ channel: m.channel, at: now }), 'sent' as const) },
      { email: 10, sms: 2 },
      async (ms) => void (now += ms),
      () => now,
    );
    const email: OutgoingMessage = { channel: 'email', kind: 'digest', to: 'a@b.example', subject: 's', text: 't', html: 'h' };
    const sms: OutgoingMessage = { channel: 'sms', kind: 'invitation', to: '+12025550100', text: 't' };
    for (let i = 0; i < 3; i++) await messenger.send(sms);
    expect(sent.map((s) => s.at)).toEqual([0, 500, 1000]);
    await messenger.send(email);
    await messenger.send(email);
    expect(sent.slice(3).map((s) => s.at)).toEqual([1000, 1100]);
  });
});
