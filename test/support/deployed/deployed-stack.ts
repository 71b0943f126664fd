import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { expect, inject, vi } from 'vitest';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../../shared/adapters/dynamodb/create-table.js';
import { loadOrgConfig } from '../../../shared/config.js';
import type { OrgConfig } from '../../../shared/domain/org-config.js';
import { synthesize } from '../synth.js';
import { IamGate, startDynamoGate } from './iam-gate.js';
import { httpApiClient, lambdaRunner, type LambdaRunner } from './lambda-runner.js';
import { stubServices } from './service-stubs.js';
import { deployedModel, type DeployedModel, type PolicyDocument } from './template-model.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * One organization's stacks as if deployed: synthesized from an org file, its table made in
 * DynamoDB Local under the name the template gives it, every function runnable as Lambda
 * runs it, every AWS call checked against the caller's synthesized role (iam-gate.ts), and
 * what reaches people (queued messages, emails, texts) kept for the test to read.
 * `policiesOf` may change what a role is given, to show what a missing grant does.
 */
export async function startDeployedStack(options: {
  orgFile: Record<string, unknown>;
  rosterCsv: string;
  policiesOf?: (functionDescription: string, policies: PolicyDocument[]) => PolicyDocument[];
}) {
  const id = String(options.orgFile.id);
  const workDir = mkdtempSync(join(tmpdir(), 'deployed-'));
  mkdirSync(join(workDir, 'orgs'));
  writeFileSync(join(workDir, `orgs/${id}.json`), JSON.stringify(options.orgFile, null, 2));
  writeFileSync(join(workDir, 'roster.csv'), options.rosterCsv);
  const org: OrgConfig = await loadOrgConfig(join(workDir, `orgs/${id}.json`));

  const model: DeployedModel = deployedModel(synthesize(org).assembly, { tableName: `deployed-${randomUUID()}` });
  if (options.policiesOf) {
    const original = model.policiesOfRole;
    model.policiesOfRole = (roleLogicalId) => {
      const fn = model.functions.find((f) => f.roleLogicalId === roleLogicalId);
      return fn ? options.policiesOf!(fn.description.split(':')[0]!, original(roleLogicalId)) : original(roleLogicalId);
    };
  }
  const dynamoEndpoint = inject('dynamoEndpoint');
  const { client } = createDynamoClients({ endpoint: dynamoEndpoint });
  await ensureTable(client, model.tableName);

  const gate = new IamGate();
  const started = await startDynamoGate(gate, {
    dynamoEndpoint,
    tableArn: (name) => model.tableArn.replace(/table\/.*$/, `table/${name}`),
    tableKeyArn: model.tableKeyArn,
    ...(model.tableKeyPolicy ? { tableKeyPolicy: model.tableKeyPolicy } : {}),
  });
  const services = stubServices(gate, { queueArnByUrl: model.queueArnByUrl });
  const runner: LambdaRunner = lambdaRunner(model, gate, { org, dynamoEndpoint: started.endpoint });
  gate.register('admin', {
    name: 'admin CLI',
    arn: 'arn:aws:iam::123456789012:role/pulse-admin',
    policies: [model.managedPolicy('Care Pulse admin').document],
  });
  // Only the date is set (to when each schedule fires); it runs on from there, as pacing needs.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  const baseUrl = runner.environmentOf('Care Pulse dispatch').PUBLIC_BASE_URL!;
  const api = () => httpApiClient(runner, baseUrl);

  /** Runs the admin CLI against the stack, as an admin with the stack's admin policy would. */
  const cli = async (...args: string[]) => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PULSE_TARGET: 'aws',
      PULSE_ORG: id,
      TABLE_NAME: model.tableName,
      PULSE_BASE_URL: baseUrl,
      AWS_ACCESS_KEY_ID: 'admin',
      AWS_SECRET_ACCESS_KEY: 'harness',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_DYNAMODB: started.endpoint,
      LOG_LEVEL: 'WARN',
    };
    try {
      const { stdout } = await run(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/pulse.ts'), ...args], { cwd: workDir, env });
      return stdout;
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run pulse -- ${args.join(' ')} failed:\n${failed.stderr ?? ''}${failed.stdout ?? ''}\nrefused so far:\n${gate.report()}`, {
        cause: error,
      });
    }
  };

  /** Runs the dispatch function as its schedule would, at a time given in UTC. */
  const scheduled = async (action: 'open' | 'remind' | 'close' | 'tick', at: string) => {
    vi.setSystemTime(new Date(at));
    return (await runner.invoke('Care Pulse dispatch', { action })) as { action: string; wave?: string };
  };

  /**
   * Hands every queued delivery to its channel's send function, 25 to an SQS batch, as
   * Lambda's event source does, and hands back the ones a batch reports failed, as the queue
   * does once they are visible again.
   */
  const deliverQueued = async (): Promise<{ queued: number; redelivered: number }> => {
    const batches = services.queued.splice(0);
    let pending = batches.map((message) => ({ ...message, messageId: `m-${randomUUID()}` }));
    const environment = (name: string) => runner.environmentOf('Care Pulse dispatch')[name];
    let redelivered = 0;
    for (let receive = 1; pending.length > 0; receive++) {
      expect(receive, `deliveries still failing after four receives; refused:\n${gate.report()}`).toBeLessThanOrEqual(4);
      const failed: typeof pending = [];
      for (const queueUrl of new Set(pending.map((m) => m.queueUrl))) {
        const fn =
          queueUrl === environment('EMAIL_DELIVERY_QUEUE_URL')
            ? 'Care Pulse send email'
            : queueUrl === environment('SMS_DELIVERY_QUEUE_URL')
              ? 'Care Pulse send SMS'
              : undefined;
        expect(fn, `messages queued to ${queueUrl}, which no send function reads`).toBeDefined();
        const ofQueue = pending.filter((m) => m.queueUrl === queueUrl);
        for (let start = 0; start < ofQueue.length; start += 25) {
          const chunk = ofQueue.slice(start, start + 25);
          const records = chunk.map((m) => ({
            messageId: m.messageId,
            body: m.body,
            eventSource: 'aws:sqs',
            eventSourceARN: model.queueArnByUrl(queueUrl),
            attributes: {},
            messageAttributes: {},
          }));
          const reply = (await runner.invoke(fn!, { Records: records })) as { batchItemFailures: { itemIdentifier: string }[] };
          const ids = new Set(reply.batchItemFailures.map((f) => f.itemIdentifier));
          failed.push(...chunk.filter((m) => ids.has(m.messageId)));
        }
      }
      redelivered += failed.length;
      pending = failed;
    }
    return { queued: batches.length, redelivered };
  };

  /** Every pulse link in what was sent by email and SMS. */
  const pulseTokens = (): string[] => {
    const texts = [...services.emails.map((e) => e.text), ...services.texts.map((t) => t.message)];
    return [...new Set(texts.flatMap((text) => [...text.matchAll(/\/p\/([A-Za-z0-9_-]{22})/g)].map((m) => m[1]!)))];
  };

  /** Answers one link as a person would: the page's form, the first option of every question. */
  const answer = async (token: string): Promise<Response> => submitForm(token, await pulseForm(token));

  /** Posts a link's form, as its page sends it. */
  const submitForm = (token: string, form: Record<string, string>): Promise<Response> =>
    api().request(`/p/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  /** A link's page read as a form filled in: its hidden fields and the first option of every question. */
  const pulseForm = async (token: string): Promise<Record<string, string>> => {
    const page = await (await api().request(`/p/${token}`)).text();
    const answers: Record<string, string> = {};
    for (const tag of page.match(/<input[^>]*type="radio"[^>]*>/g) ?? []) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      const value = /value="([^"]+)"/.exec(tag)?.[1];
      if (name && value && answers[name] === undefined) answers[name] = value;
    }
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(4);
    const hidden = Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    return { ...hidden, ...answers };
  };

  return {
    org,
    workDir,
    model,
    gate,
    runner,
    services,
    baseUrl,
    api,
    cli,
    scheduled,
    deliverQueued,
    pulseTokens,
    answer,
    pulseForm,
    submitForm,
    async stop() {
      vi.useRealTimers();
      services.restore();
      await started.close();
      await client.send(new DeleteTableCommand({ TableName: model.tableName }));
      client.destroy();
    },
  };
}

export type DeployedStack = Awaited<ReturnType<typeof startDeployedStack>>;
