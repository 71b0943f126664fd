import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { randomBytes } from 'node:crypto';
import { signingKeyId, type AuthorizationRequest, type IamGate } from './iam-gate.js';
import { ACCOUNT, REGION } from './template-model.js';

/**
 * Secrets Manager, SQS, SES and SNS for the deployed-paths harness. There is no emulator for
 * them here, so their SDK clients are stubbed (aws-sdk-client-mock); every call is first
 * authorized by the same IAM gate as DynamoDB's, with the caller named by the credentials
 * its client signs with. A refused call throws what the SDK throws for AccessDenied.
 * What they keep is what the scenario reads back: messages queued, emails and texts sent.
 */
export interface QueuedMessage {
  queueUrl: string;
  body: string;
}

export interface SentEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  configurationSet: string | undefined;
}

export interface SentText {
  to: string;
  message: string;
}

export function stubServices(gate: IamGate, options: { queueArnByUrl: (url: string) => string | undefined }) {
  const queued: QueuedMessage[] = [];
  const emails: SentEmail[] = [];
  const texts: SentText[] = [];
  const secrets = new Map<string, Uint8Array>();
  /** Phone numbers SNS reports as opted out (the person replied STOP). */
  const optedOut = new Set<string>();
  /** Errors SES answers the next emails with, in order, before it sends again. */
  const emailFaults: Error[] = [];
  /** Addresses SES refuses for good (MessageRejected), as it does an unverified one in the sandbox. */
  const refusedRecipients = new Set<string>();
  /** Errors SNS answers the next texts with, in order. */
  const textFaults: Error[] = [];
  const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

  const authorized = async (getClient: () => { config: { credentials: unknown } }, call: string, requests: AuthorizationRequest[]) => {
    const provider = getClient().config.credentials as () => Promise<{ accessKeyId: string }>;
    const { accessKeyId } = await provider();
    const principal = gate.principalFor(signingKeyId(`Credential=${accessKeyId}/`));
    const refusal = await gate.authorize(principal, call, requests);
    if (refusal) {
      const error = new Error(`User: ${principal.arn} is not authorized to perform: ${refusal.action} on resource: ${refusal.resource}`);
      error.name = call.startsWith('SNS') ? 'AuthorizationErrorException' : 'AccessDeniedException';
      Object.assign(error, { $fault: 'client', $metadata: { httpStatusCode: 403 } });
      throw error;
    }
  };

  const secretArn = (name: string) => arn('secretsmanager', `secret:${name}-${Buffer.from(name).toString('hex').slice(0, 6)}`);
  // A command the harness does not model must not pass unchecked: each stub refuses every
  // command but those it authorizes below.
  const unmodelled = () =>
    new Error('the deployed-paths harness does not model this AWS command: add it to test/support/deployed/service-stubs.ts with its authorization');
  const sm = mockClient(SecretsManagerClient);
  sm.onAnyCommand().rejects(unmodelled());
  sm.on(CreateSecretCommand).callsFake(async (input: { Name: string; SecretBinary: Uint8Array }, getClient) => {
    await authorized(getClient, 'SecretsManager.CreateSecret', [{ action: 'secretsmanager:CreateSecret', resource: secretArn(input.Name) }]);
    if (secrets.has(input.Name)) throw new ResourceExistsException({ message: `the secret ${input.Name} already exists`, $metadata: {} });
    secrets.set(input.Name, input.SecretBinary);
    return { ARN: secretArn(input.Name), Name: input.Name };
  });
  sm.on(GetSecretValueCommand).callsFake(async (input: { SecretId: string }, getClient) => {
    await authorized(getClient, 'SecretsManager.GetSecretValue', [{ action: 'secretsmanager:GetSecretValue', resource: secretArn(input.SecretId) }]);
    const value = secrets.get(input.SecretId);
    if (!value) throw new ResourceNotFoundException({ message: `no secret ${input.SecretId}`, $metadata: {} });
    return { SecretBinary: value, Name: input.SecretId };
  });
  sm.on(DeleteSecretCommand).callsFake(async (input: { SecretId: string }, getClient) => {
    await authorized(getClient, 'SecretsManager.DeleteSecret', [{ action: 'secretsmanager:DeleteSecret', resource: secretArn(input.SecretId) }]);
    if (!secrets.delete(input.SecretId)) throw new ResourceNotFoundException({ message: `no secret ${input.SecretId}`, $metadata: {} });
    return {};
  });

  const queueArn = (url: string) => {
    const found = options.queueArnByUrl(url);
    if (!found) throw new Error(`the code sent to ${url}, which is no queue of the stack`);
    return found;
  };
  const sqs = mockClient(SQSClient);
  sqs.onAnyCommand().rejects(unmodelled());
  sqs.on(SendMessageBatchCommand).callsFake(async (input: { QueueUrl: string; Entries: { Id: string; MessageBody: string }[] }, getClient) => {
    await authorized(getClient, 'SQS.SendMessageBatch', [{ action: 'sqs:SendMessage', resource: queueArn(input.QueueUrl) }]);
    for (const entry of input.Entries) queued.push({ queueUrl: input.QueueUrl, body: entry.MessageBody });
    return { Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: randomBytes(8).toString('hex'), MD5OfMessageBody: '' })), Failed: [] };
  });
  sqs.on(SendMessageCommand).callsFake(async (input: { QueueUrl: string; MessageBody: string }, getClient) => {
    await authorized(getClient, 'SQS.SendMessage', [{ action: 'sqs:SendMessage', resource: queueArn(input.QueueUrl) }]);
    queued.push({ queueUrl: input.QueueUrl, body: input.MessageBody });
    return { MessageId: randomBytes(8).toString('hex') };
  });

  const ses = mockClient(SESv2Client);
  ses.onAnyCommand().rejects(unmodelled());
  ses.on(SendEmailCommand).callsFake(
    async (
      input: {
        FromEmailAddress: string;
        Destination: { ToAddresses: string[] };
        ConfigurationSetName?: string;
        Content: { Simple: { Subject: { Data: string }; Body: { Text: { Data: string }; Html: { Data: string } } } };
      },
      getClient,
    ) => {
      // SES authorizes the identity that sends (the From address's domain, or the address where
      // it is verified itself: both are asked), the configuration set named, and, while the
      // account is in the sandbox, each recipient's identity: asked too, the stricter case.
      const domain = input.FromEmailAddress.split('@')[1]!;
      const context = { 'ses:FromAddress': input.FromEmailAddress, 'ses:Recipients': input.Destination.ToAddresses, 'ses:ApiVersion': '2' };
      const identities = [domain, input.FromEmailAddress, ...input.Destination.ToAddresses];
      await authorized(getClient, 'SESv2.SendEmail', [
        ...identities.map((identity) => ({ action: 'ses:SendEmail', resource: arn('ses', `identity/${identity}`), context })),
        ...(input.ConfigurationSetName ? [{ action: 'ses:SendEmail', resource: arn('ses', `configuration-set/${input.ConfigurationSetName}`), context }] : []),
      ]);
      const fault = emailFaults.shift();
      if (fault) throw fault;
      if (input.Destination.ToAddresses.some((to) => refusedRecipients.has(to)))
        throw new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
      const simple = input.Content.Simple;
      emails.push({
        from: input.FromEmailAddress,
        to: input.Destination.ToAddresses,
        subject: simple.Subject.Data,
        text: simple.Body.Text.Data,
        html: simple.Body.Html.Data,
        configurationSet: input.ConfigurationSetName,
      });
      return { MessageId: randomBytes(8).toString('hex') };
    },
  );

  const sns = mockClient(SNSClient);
  sns.onAnyCommand().rejects(unmodelled());
  // SMS to a phone number has no resource ARN: IAM evaluates it against "*".
  sns.on(CheckIfPhoneNumberIsOptedOutCommand).callsFake(async (input: { phoneNumber: string }, getClient) => {
    await authorized(getClient, 'SNS.CheckIfPhoneNumberIsOptedOut', [{ action: 'sns:CheckIfPhoneNumberIsOptedOut', resource: '*' }]);
    return { isOptedOut: optedOut.has(input.phoneNumber) };
  });
  sns.on(PublishCommand).callsFake(async (input: { PhoneNumber?: string; TopicArn?: string; TargetArn?: string; Message: string }, getClient) => {
    const target = input.TopicArn ?? input.TargetArn;
    await authorized(getClient, 'SNS.Publish', [{ action: 'sns:Publish', resource: target ?? '*' }]);
    const fault = textFaults.shift();
    if (fault) throw fault;
    texts.push({ to: input.PhoneNumber ?? String(target), message: input.Message });
    return { MessageId: randomBytes(8).toString('hex') };
  });

  return {
    queued,
    emails,
    texts,
    secrets,
    optedOut,
    emailFaults,
    refusedRecipients,
    textFaults,
    restore: () => {
      for (const stub of [sm, sqs, ses, sns]) stub.restore();
    },
  };
}
