import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { RateLimitedMessenger, SesSnsMessenger, type SmsSender } from '../../shared/adapters/aws/ses-sns-messenger.js';
import { SnsSmsSender } from '../../shared/adapters/aws/sns-sms-sender.js';
import { SecretsManagerWaveSecretStore } from '../../shared/adapters/aws/secrets-manager-wave-secrets.js';
import { SqsDeliveryQueue } from '../../shared/adapters/aws/sqs-delivery-queue.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { DynamoPulseStore } from '../../shared/adapters/dynamodb/pulse-store.js';
import { bundledOrgConfig } from '../../shared/bundled-config.js';
import { systemClock } from '../../shared/ports/clock.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { sendRatesPerInstance } from '../../shared/domain/send-rates.js';
import { channelsOn } from '../../shared/domain/staff.js';

/**
 * The adapters a function uses on AWS, built once per cold start from checked settings.
 * Each function asks only for what it needs, so each needs only the settings (and the
 * IAM grants) for that.
 */
const nonEmpty = z.string().check(z.minLength(1));
const baseEnv = z.object({ TABLE_NAME: nonEmpty, PUBLIC_BASE_URL: z.url() });

export function coreServices(env: NodeJS.ProcessEnv = process.env) {
  const settings = baseEnv.parse(env);
  const org = bundledOrgConfig();
  const { documentClient } = createDynamoClients();
  const store = new DynamoPulseStore({ client: documentClient, tableName: settings.TABLE_NAME });
  return { settings, org, store, clock: systemClock };
}

/** Only the functions that derive links (dispatch, send) carry a Secrets Manager client. */
export function waveSecrets(env: NodeJS.ProcessEnv = process.env) {
  const { WAVE_SECRET_PREFIX } = z.object({ WAVE_SECRET_PREFIX: nonEmpty }).parse(env);
  return new SecretsManagerWaveSecretStore({ client: new SecretsManagerClient({}), prefix: WAVE_SECRET_PREFIX });
}

export function deliveryQueue(env: NodeJS.ProcessEnv = process.env) {
  const { DELIVERY_QUEUE_URL } = z.object({ DELIVERY_QUEUE_URL: z.url() }).parse(env);
  return new SqsDeliveryQueue({ client: new SQSClient({}), queueUrl: DELIVERY_QUEUE_URL });
}

/**
 * The staff channels that are on, as the bundle was built for its organization
 * (`orgDefines` in infra/constructs/lambda-esbuild.ts): literals esbuild folds, so a channel
 * that is off leaves its client out of the bundle (for SMS, all of SNS). Outside a bundle
 * (tests) they are undefined and the org config passed in decides alone.
 */
declare const __EMAIL_ON__: boolean | undefined;
declare const __SMS_ON__: boolean | undefined;

/**
 * Email and SMS, for the send function, on the channels the organization has on: a channel
 * that is off has no client (and the function no permission for it). Clients are built here, at
 * start: every batch sends, so building them on first use would only move the time into
 * the first batch.
 */
export function messenger(org: OrgConfig, env: NodeJS.ProcessEnv = process.env) {
  const on = channelsOn(org.channels);
  const email = (typeof __EMAIL_ON__ === 'undefined' || __EMAIL_ON__) && on.includes('email') ? new SESv2Client({}) : undefined;
  const sms = (typeof __SMS_ON__ === 'undefined' || __SMS_ON__) && on.includes('sms') ? new SnsSmsSender(new SNSClient({})) : undefined;
  return rateLimited(org, env, email, sms);
}

/**
 * Email only: the alerts function sends digests, so its bundle carries no SMS client. Most
 * daily runs send nothing (digests follow a closed wave), so its SES client is built when
 * the first digest goes out.
 */
export function emailMessenger(org: OrgConfig, env: NodeJS.ProcessEnv = process.env) {
  let ses: SESv2Client | undefined;
  return rateLimited(org, env, () => (ses ??= new SESv2Client({})));
}

function rateLimited(org: OrgConfig, env: NodeJS.ProcessEnv, ses: SESv2Client | (() => SESv2Client) | undefined, sms?: SmsSender) {
  const settings = z
    .object({ EMAIL_FROM: z.email(), SES_CONFIGURATION_SET: z.optional(nonEmpty), SEND_CONCURRENCY: z.coerce.number().check(z.int(), z.minimum(1)) })
    .parse(env);
  const messages = new SesSnsMessenger({
    ...(ses ? { ses } : {}),
    ...(sms ? { sms } : {}),
    from: settings.EMAIL_FROM,
    ...(settings.SES_CONFIGURATION_SET ? { configurationSet: settings.SES_CONFIGURATION_SET } : {}),
  });
  // Every concurrent instance takes its share, so together they stay under the org's rates.
  return new RateLimitedMessenger(messages, sendRatesPerInstance(org.channels, settings.SEND_CONCURRENCY));
}
