import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { SecretsManagerWaveSecretStore } from '../../shared/adapters/aws/secrets-manager-wave-secrets.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { chunksOf } from '../../shared/concurrency.js';
import { loadOrgConfig } from '../../shared/config.js';
import { isOpenDue } from '../../shared/domain/cadence.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { canBeSent } from '../../shared/domain/staff.js';
import { deriveToken } from '../../shared/domain/tokens.js';
import { systemClock, type Clock } from '../../shared/ports/clock.js';
import { keys } from '../../shared/table.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { pulseLink } from '../../shared/use-cases/deliver-message.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { listRoster, listWholeRoster } from '../../shared/services/roster-reads.js';
import { dashboardUrl, ensureDashboardKey } from '../../shared/services/dashboard-links.js';
import { readLocalEnv } from './local-env.js';
import { SmokeFailure, type SmokeTarget } from './smoke.js';
import { smokeRosterCsv, throwawayProblems } from './smoke-org.js';

/**
 * The smoke test on a deployed stack of a throwaway organization (`PULSE_TARGET=aws`), with
 * the shell's AWS credentials. The stack does the work: its dispatch function opens the wave
 * and queues the invitations, its send function sends them through SES to the mailbox
 * simulator, its API counts the answers, its alerts function publishes the figures and sends
 * the digests. This shell only watches and acts as staff would: it waits for the delivery
 * claims, derives each link from the wave secret the way the send function does, and
 * answers through the public URL. One step is done from here: closing, because the
 * dispatch function closes only a wave that is due (an hour before its closing time).
 *
 * Deriving links needs secretsmanager:GetSecretValue, which lets its holder tie each person
 * to their link: so this runs only on an organization whose id starts with `smoke-` and
 * whose every address is the SES mailbox simulator's, and that grant belongs to the smoke
 * runner's role alone, on that organization's secrets only (docs/deploy.md).
 * runSmoke -> AWS target -> Lambda (dispatch, alerts), DynamoDB, Secrets Manager
 */

export interface AwsSmokeSettings {
  org: OrgConfig;
  tableName: string;
  /** The stack's PulseUrl output. */
  baseUrl: string;
  /** The stack's DispatchFunctionName and AlertsFunctionName outputs. */
  dispatchFunction: string;
  alertsFunction: string;
}

export interface AwsSmokeClients {
  documentClient: DynamoDBDocumentClient;
  lambda: LambdaClient;
  secretsManager: SecretsManagerClient;
}

export interface AwsSmokeTiming {
  /** How long the invitations may take to go out (default five minutes). */
  deliveryTimeoutMs?: number;
  /** How often the delivery claims are read while waiting (default two seconds). */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
}

/** What the dispatch function answers an action with (functions/dispatch/run-schedule.ts). */
const dispatchAnswerSchema = z.object({ action: z.string(), wave: z.string().optional() });
/** What the alerts function answers a run with (functions/alerts/handler.ts). */
const alertsAnswerSchema = z.object({ wave: z.string().optional(), digests: z.number(), sent: z.number(), alreadySent: z.number(), refused: z.number() });
const lambdaErrorSchema = z.object({ errorType: z.string().optional() });

/** Keys a BatchGetItem may name at once. */
const BATCH_GET_LIMIT = 100;

/** A smoke target on a deployed stack: see the module comment. Nothing here reaches AWS until a step runs. */
export function awsSmokeTarget(settings: AwsSmokeSettings, clients: AwsSmokeClients, timing: AwsSmokeTiming = {}): SmokeTarget {
  const { org } = settings;
  const clock = timing.clock ?? systemClock;
  const sleep = timing.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deliveryTimeoutMs = timing.deliveryTimeoutMs ?? 5 * 60_000;
  const pollMs = timing.pollMs ?? 2_000;
  const stores = dynamoStores({ client: clients.documentClient, tableName: settings.tableName });
  // The prefix the stack gives its functions (infra/constructs/distribution.ts).
  const secrets = new SecretsManagerWaveSecretStore({ client: clients.secretsManager, prefix: `care-pulse/${org.id}/wave/` });
  let opened: string | undefined;
  let closed = false;

  const invoke = async (functionName: string, payload: unknown): Promise<unknown> => {
    const result = await clients.lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
    const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (result.FunctionError) {
      // The type only: the function's log has the rest, and its message is not for this terminal.
      const type = lambdaErrorSchema.safeParse(parsed).data?.errorType ?? result.FunctionError;
      throw new SmokeFailure(`the function ${functionName} failed (${type}); its log group has the error`);
    }
    return parsed;
  };

  const closeOpened = async (waveId: string) => {
    await closeWave({ ...stores, secrets, clock }, waveId);
    closed = true;
  };

  return {
    description: `AWS, throwaway organization ${org.id}: table ${settings.tableName}, ${settings.baseUrl}`,

    async prepare() {
      // Before any call: an organization that is not a smoke one is refused on its config alone.
      const refused = throwawayProblems(org);
      if (refused.length > 0) throw new SmokeFailure(refusal(org, refused));
      // Read, never written, until its roster is known to be the simulator's too.
      const roster = await listWholeRoster({ ...stores });
      const problems = throwawayProblems(org, roster);
      if (problems.length > 0) throw new SmokeFailure(refusal(org, problems));
      const waves = await stores.waves.listWaves();
      const open = waves.find((w) => w.status === 'open');
      if (open)
        throw new SmokeFailure(
          `wave ${open.id} is open already: the dispatch function opens no other. Deploy the smoke organization afresh (npx cdk destroy --all -c org=${org.id}, then deploy it again) and run the smoke test again.`,
        );
      if (!isOpenDue(org, waves, clock.now())) {
        throw new SmokeFailure(
          `a wave opened within this organization's cadence (${org.cadence.every}), so the dispatch function opens none now. Deploy the smoke organization afresh (npx cdk destroy --all -c org=${org.id}, then deploy it again) and run the smoke test again.`,
        );
      }
      const imported = await importRoster({ ...stores, org }, { file: 'smoke roster', text: smokeRosterCsv(org) });
      const { added, unchanged } = imported.changes;
      return `table ${settings.tableName}: ${added + unchanged} staff (${added} added now), all SES mailbox simulator addresses; no wave open`;
    },

    async open() {
      const answer = dispatchAnswerSchema.safeParse(await invoke(settings.dispatchFunction, { action: 'open' }));
      if (!answer.success)
        throw new SmokeFailure(
          `the dispatch function answered something other than { action, wave }: is ${settings.dispatchFunction} this stack's DispatchFunctionName?`,
        );
      if (!answer.data.wave) throw new SmokeFailure('the dispatch function opened no wave: it opens one only when the cadence says one is due');
      opened = answer.data.wave;
      const wave = await stores.waves.getWave(opened);
      if (!wave)
        throw new SmokeFailure(
          `the dispatch function opened wave ${opened}, which the table ${settings.tableName} does not hold: is TABLE_NAME this stack's TableName?`,
        );
      return { waveId: wave.id, issued: wave.issued, said: `the dispatch function opened wave ${wave.id} for ${wave.issued} staff` };
    },

    async links(wave) {
      const staff = (await listRoster({ ...stores, org })).filter((person) => canBeSent(person, org.channels));
      if (staff.length !== wave.issued)
        throw new SmokeFailure(`the roster reaches ${staff.length} people, but wave ${wave.waveId} issued ${wave.issued} links`);
      const started = clock.now().getTime();
      let sent: number;
      for (;;) {
        sent = await sentInvitations(
          clients.documentClient,
          settings.tableName,
          wave.waveId,
          staff.map((person) => person.id),
        );
        if (sent === wave.issued) break;
        const waited = clock.now().getTime() - started;
        if (waited >= deliveryTimeoutMs) {
          throw new SmokeFailure(
            `after ${Math.round(waited / 1000)} s, ${sent} of ${wave.issued} invitations were sent; the rest are queued or failing: see the send-email function's log group and the delivery dead-letter queue`,
          );
        }
        await sleep(Math.min(pollMs, deliveryTimeoutMs - waited));
      }
      const secret = await secrets.get(wave.waveId);
      if (!secret) throw new SmokeFailure(`the secret of wave ${wave.waveId} is gone, so its links cannot be derived`);
      const links = staff.map((person) => pulseLink(settings.baseUrl, deriveToken(secret, person.id), person.locale, org.defaultLocale));
      return {
        links,
        said: `${sent} of ${wave.issued} invitations sent by the send-email function (every delivery claim done); links derived from the wave secret`,
      };
    },

    async close(waveId) {
      await closeOpened(waveId);
      if ((await stores.waves.getWave(waveId))?.status !== 'closed') throw new SmokeFailure(`wave ${waveId} still reads as open after closing it`);
      return `closed wave ${waveId} from this shell (the dispatch function closes only a wave that is due); its secret destroyed`;
    },

    async sendDigests(waveId) {
      const answer = alertsAnswerSchema.safeParse(await invoke(settings.alertsFunction, { action: 'alerts' }));
      if (!answer.success)
        throw new SmokeFailure(`the alerts function answered something other than its report: is ${settings.alertsFunction} this stack's AlertsFunctionName?`);
      const report = answer.data;
      if (report.wave !== waveId) throw new SmokeFailure(`the alerts function evaluated ${report.wave ?? 'no wave'}, not ${waveId}`);
      const leaders = org.leaders.filter((leader) => leader.executive || leader.departments.length > 0).length;
      if (report.refused > 0 || report.digests !== leaders || report.sent + report.alreadySent !== leaders) {
        throw new SmokeFailure(
          `the alerts function sent ${report.sent} of ${leaders} leaders' digests (${report.refused} refused for good, ${report.alreadySent} sent before): see its log group and the sender's SES identity`,
        );
      }
      return `the alerts function sent ${report.sent} of ${leaders} leaders' digests (SES mailbox simulator)`;
    },

    async dashboard(waveId) {
      const leader = org.leaders.find((l) => l.executive) ?? org.leaders[0]!;
      const url = dashboardUrl(await ensureDashboardKey(stores.actions), settings.baseUrl, leader.id, clock.now());
      return { url, leaderName: leader.name, published: await stores.figures.readPublished(waveId) };
    },

    async cleanUp() {
      try {
        if (opened && !closed) {
          await closeOpened(opened);
          return `closed wave ${opened}, which the failed run left open; its secret destroyed`;
        }
        return `nothing to clean up; the smoke organization's stacks stay until npx cdk destroy --all -c org=${org.id}`;
      } finally {
        clients.lambda.destroy();
        clients.secretsManager.destroy();
        clients.documentClient.destroy();
      }
    },
  };
}

function refusal(org: OrgConfig, problems: string[]): string {
  return `refused: ${org.id} is not a throwaway smoke organization (${problems.join('; ')}). The smoke test derives every person's link and answers for them, so it runs only where nobody real is on the roster: see docs/deploy.md, "Smoke test".`;
}

/** How many of these people's invitations to the wave have a delivery claim marked sent. */
async function sentInvitations(client: DynamoDBDocumentClient, tableName: string, waveId: string, staffIds: readonly string[]): Promise<number> {
  let sent = 0;
  for (const chunk of chunksOf(staffIds, BATCH_GET_LIMIT)) {
    const result = await client.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: chunk.map((staffId) => keys.delivery(waveId, 'invite', staffId, 'email')), ConsistentRead: true } },
      }),
    );
    // Keys left unprocessed count as not sent yet: the next poll reads them again.
    sent += (result.Responses?.[tableName] ?? []).filter((item) => item.state === 'sent').length;
  }
  return sent;
}

const AWS_SMOKE_HINTS = {
  TABLE_NAME: 'the TableName output of the CarePulse-<id> stack',
  PULSE_BASE_URL: 'the PulseUrl output of the CarePulse-<id> stack',
  DISPATCH_FUNCTION_NAME: 'the DispatchFunctionName output of the CarePulse-<id> stack',
  ALERTS_FUNCTION_NAME: 'the AlertsFunctionName output of the CarePulse-<id> stack',
};
const awsSmokeEnvSchema = z.object({
  TABLE_NAME: z.string().min(3),
  PULSE_BASE_URL: z.url(),
  DISPATCH_FUNCTION_NAME: z.string().min(1),
  ALERTS_FUNCTION_NAME: z.string().min(1),
});

/** The AWS target from the environment: the org file PULSE_ORG names, and the stack's outputs. */
export async function awsSmokeTargetFromEnv(env: NodeJS.ProcessEnv): Promise<SmokeTarget> {
  const parsed = awsSmokeEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      [
        ...parsed.error.issues.map((issue) => {
          const name = String(issue.path[0]) as keyof typeof AWS_SMOKE_HINTS;
          return `environment variable ${name}: ${issue.input === undefined ? 'missing' : 'not valid'}; set it to ${AWS_SMOKE_HINTS[name]}`;
        }),
        'See them with: aws cloudformation describe-stacks --stack-name CarePulse-<id> --query "Stacks[0].Outputs"',
      ].join('\n'),
    );
  }
  const org = await loadOrgConfig(readLocalEnv(env).orgFile);
  const settings = {
    org,
    tableName: parsed.data.TABLE_NAME,
    baseUrl: parsed.data.PULSE_BASE_URL.replace(/\/$/, ''),
    dispatchFunction: parsed.data.DISPATCH_FUNCTION_NAME,
    alertsFunction: parsed.data.ALERTS_FUNCTION_NAME,
  };
  const { documentClient } = createDynamoClients();
  return awsSmokeTarget(settings, { documentClient, lambda: new LambdaClient({}), secretsManager: new SecretsManagerClient({}) });
}
