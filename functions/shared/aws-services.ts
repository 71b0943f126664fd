import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { ChannelMessenger, RateLimitedMessenger } from '../../shared/adapters/aws/channel-messenger.js';
import { SesEmailSender } from '../../shared/adapters/aws/ses-email-sender.js';
import { SnsSmsSender } from '../../shared/adapters/aws/sns-sms-sender.js';
import { SecretsManagerWaveSecretStore } from '../../shared/adapters/aws/secrets-manager-wave-secrets.js';
import { SqsDeliveryQueue } from '../../shared/adapters/aws/sqs-delivery-queue.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { bundledOrgConfig } from '../../shared/bundled-config.js';
import { systemClock } from '../../shared/ports/clock.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { sendRatesPerInstance } from '../../shared/domain/send-rates.js';

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
  return { settings, org, ...dynamoStores({ client: documentClient, tableName: settings.TABLE_NAME }), clock: systemClock };
}

/** Only the functions that derive links (dispatch, send) carry a Secrets Manager client. */
export function waveSecrets(env: NodeJS.ProcessEnv = process.env) {
  const { WAVE_SECRET_PREFIX } = z.object({ WAVE_SECRET_PREFIX: nonEmpty }).parse(env);
  return new SecretsManagerWaveSecretStore({ client: new SecretsManagerClient({}), prefix: WAVE_SECRET_PREFIX });
}

/**
 * Dispatch queues each delivery on its channel's queue; the stack makes one for each channel
 * that is on. With none on there are none, and dispatch still runs: it opens no wave (saying
 * which settings to add) and can still remind and close the one that is open.
 */
export function deliveryQueue(env: NodeJS.ProcessEnv = process.env) {
  const { EMAIL_DELIVERY_QUEUE_URL: email, SMS_DELIVERY_QUEUE_URL: sms } = z
    .object({ EMAIL_DELIVERY_QUEUE_URL: z.optional(z.url()), SMS_DELIVERY_QUEUE_URL: z.optional(z.url()) })
    .parse(env);
  return new SqsDeliveryQueue({ client: new SQSClient({}), queueUrls: { ...(email ? { email } : {}), ...(sms ? { sms } : {}) } });
}

/**
 * The send-email function's messenger: SES only, so its bundle carries no SMS code. The
 * client is built here, at start: every batch sends, so building it on first use would only
 * move the time into the first batch.
 */
export function staffEmailMessenger(org: OrgConfig, env: NodeJS.ProcessEnv = process.env) {
  return rateLimited(org, env, { email: new SesEmailSender({ ses: new SESv2Client({}), ...emailSettings(env) }) });
}

/** The send-sms function's messenger: SNS only, so its bundle carries no SES code. */
export function staffSmsMessenger(org: OrgConfig, env: NodeJS.ProcessEnv = process.env) {
  return rateLimited(org, env, { sms: new SnsSmsSender(new SNSClient({})) });
}

/**
 * Email only: the alerts function sends digests, so its bundle carries no SMS client. Most
 * daily runs send nothing (digests follow a closed wave), so its SES client is built when
 * the first digest goes out.
 */
export function emailMessenger(org: OrgConfig, env: NodeJS.ProcessEnv = process.env) {
  let ses: SESv2Client | undefined;
  return rateLimited(org, env, { email: new SesEmailSender({ ses: () => (ses ??= new SESv2Client({})), ...emailSettings(env) }) });
}

function emailSettings(env: NodeJS.ProcessEnv) {
  const settings = z.object({ EMAIL_FROM: z.email(), SES_CONFIGURATION_SET: z.optional(nonEmpty) }).parse(env);
  return { from: settings.EMAIL_FROM, ...(settings.SES_CONFIGURATION_SET ? { configurationSet: settings.SES_CONFIGURATION_SET } : {}) };
}

function rateLimited(org: OrgConfig, env: NodeJS.ProcessEnv, senders: ConstructorParameters<typeof ChannelMessenger>[0]) {
  const { SEND_CONCURRENCY } = z.object({ SEND_CONCURRENCY: z.coerce.number().check(z.int(), z.minimum(1)) }).parse(env);
  // Every concurrent instance takes its share, so together they stay under the org's rates.
  return new RateLimitedMessenger(new ChannelMessenger(senders), sendRatesPerInstance(org.channels, SEND_CONCURRENCY));
}
