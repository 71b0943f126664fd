import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { RateLimitedMessenger, SesSnsMessenger } from '../../shared/adapters/aws/ses-sns-messenger.js';
import { SecretsManagerWaveSecretStore } from '../../shared/adapters/aws/secrets-manager-wave-secrets.js';
import { SqsDeliveryQueue } from '../../shared/adapters/aws/sqs-delivery-queue.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { DynamoPulseStore } from '../../shared/adapters/dynamodb/pulse-store.js';
import { bundledOrgConfig } from '../../shared/bundled-config.js';
import { systemClock } from '../../shared/ports/clock.js';

/**
 * The adapters a function uses on AWS, built once per cold start from checked settings.
 * Each function asks only for what it needs, so each needs only the settings (and the
 * IAM grants) for that.
 */
const nonEmpty = z.string().check(z.minLength(1));
const baseEnv = z.object({ TABLE_NAME: nonEmpty, WAVE_SECRET_PREFIX: nonEmpty, PUBLIC_BASE_URL: z.url() });

export function coreServices(env: NodeJS.ProcessEnv = process.env) {
  const settings = baseEnv.parse(env);
  const org = bundledOrgConfig();
  const { documentClient } = createDynamoClients();
  const store = new DynamoPulseStore({ client: documentClient, tableName: settings.TABLE_NAME });
  const secrets = new SecretsManagerWaveSecretStore({ client: new SecretsManagerClient({}), prefix: settings.WAVE_SECRET_PREFIX });
  return { settings, org, store, secrets, clock: systemClock };
}

export function deliveryQueue(env: NodeJS.ProcessEnv = process.env) {
  const { DELIVERY_QUEUE_URL } = z.object({ DELIVERY_QUEUE_URL: z.url() }).parse(env);
  return new SqsDeliveryQueue({ client: new SQSClient({}), queueUrl: DELIVERY_QUEUE_URL });
}

export function messenger(org: ReturnType<typeof bundledOrgConfig>, env: NodeJS.ProcessEnv = process.env) {
  const settings = z
    .object({ EMAIL_FROM: z.email(), SES_CONFIGURATION_SET: z.optional(nonEmpty), SEND_CONCURRENCY: z.coerce.number().check(z.int(), z.minimum(1)) })
    .parse(env);
  const ses = new SesSnsMessenger({
    ses: new SESv2Client({}),
    sns: new SNSClient({}),
    from: settings.EMAIL_FROM,
    ...(settings.SES_CONFIGURATION_SET ? { configurationSet: settings.SES_CONFIGURATION_SET } : {}),
  });
  // Every concurrent instance takes its share, so together they stay under the org's rates.
  return new RateLimitedMessenger(ses, {
    email: (org.channels.email?.maxPerSecond ?? 10) / settings.SEND_CONCURRENCY,
    sms: (org.channels.sms?.maxPerSecond ?? 3) / settings.SEND_CONCURRENCY,
  });
}
