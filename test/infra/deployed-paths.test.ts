import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { ThrottledException } from '@aws-sdk/client-sns';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { loadOrgConfig } from '../../shared/config.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { IamGate, startDynamoGate, unusedGrants, type AuthorizationRequest } from '../support/deployed/iam-gate.js';
import { httpApiClient, lambdaRunner, type LambdaRunner } from '../support/deployed/lambda-runner.js';
import { stubServices } from '../support/deployed/service-stubs.js';
import { deployedModel, type DeployedModel } from '../support/deployed/template-model.js';
import { hiddenFields } from '../support/scenario.js';
import { synthesize } from '../support/synth.js';

/**
 * Every path a deployed stack runs, with every AWS call it makes checked against the role
 * the synthesized template gives the caller. DynamoDB Local checks no IAM; here each request
 * passes an offline IAM evaluation first (see test/support/deployed/), and a refused one
 * fails exactly as it would on AWS. The scenario is one organization's whole cycle, as the
 * schedules and people would drive it: import the roster (admin CLI), open, send by email and
 * SMS, answer, unsubscribe, remind, tick, close, digests, dashboards (a manager, a director
 * over more than 25 departments, the executive, CSV, actions), and the admin CLI's commands.
 */
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const UNITS = 27;

let org: OrgConfig;
let workDir: string;
let model: DeployedModel;
let gate: IamGate;
let runner: LambdaRunner;
let services: ReturnType<typeof stubServices>;
let closeGate: () => Promise<void>;
let gateEndpoint: string;
let dropTable: () => Promise<void>;
const api = () => httpApiClient(runner, runner.environmentOf('Care Pulse dispatch').PUBLIC_BASE_URL!);
let waveId: string | undefined;

function harnessOrgFile(): Record<string, unknown> {
  const units = Array.from({ length: UNITS }, (_, i) => ({ id: `unit-${String(i + 1).padStart(2, '0')}`, name: `Unit ${i + 1}`, parent: 'hospital' }));
  return {
    id: 'harness',
    name: 'Harness Health',
    timeZone: 'America/Chicago',
    k: 5,
    departments: [{ id: 'hospital', name: 'Hospital' }, ...units, { id: 'clinic', name: { en: 'Clinic', es: 'Clínica' } }, { id: 'clinic-a', name: 'Clinic A', parent: 'clinic' }],
    roleGroups: [
      { id: 'nurse', name: 'Nurses' },
      { id: 'physician', name: 'Physicians' },
    ],
    leaders: [
      { id: 'ceo', name: 'Chief Executive', email: 'ceo@harness.example', executive: true },
      { id: 'hospital-director', name: 'Hospital Director', email: 'director@harness.example', departments: ['hospital'], reportsTo: 'ceo' },
      { id: 'unit-manager', name: 'Unit Manager', email: 'unit@harness.example', departments: ['unit-01'], reportsTo: 'hospital-director' },
      { id: 'clinic-manager', name: 'Clinic Manager', email: 'clinic@harness.example', departments: ['clinic'], reportsTo: 'ceo', locale: 'es' },
    ],
    // Sending paced as fast as the config allows: the pacing is not what this test is about.
    channels: { email: { enabled: true, from: 'pulse@harness.example', maxPerSecond: 1000 }, sms: { enabled: true, maxPerSecond: 1000 } },
    deploy: { stage: 'prod', alarmEmail: 'it@harness.example' },
  };
}

/** Six people in every unit; one of each unit's people answers by SMS, one by both channels. */
function rosterCsv(): string {
  const rows = ['email,phone,department,role,locale,channel'];
  const departments = [...Array.from({ length: UNITS }, (_, i) => `unit-${String(i + 1).padStart(2, '0')}`), 'clinic-a'];
  departments.forEach((department, d) => {
    for (let i = 0; i < 6; i++) {
      const phone = `+1312555${String(1000 + d * 10 + i).slice(-4)}`;
      const channel = i === 0 ? 'sms' : i === 1 ? 'both' : 'email';
      rows.push(`${department}.${i}@staff.example,${phone},${department},nurse,${i === 2 ? 'es' : 'en'},${channel}`);
    }
  });
  return rows.join('\n') + '\n';
}

/** Runs the admin CLI against the stack, as an admin with the stack's admin policy would. */
async function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PULSE_TARGET: 'aws',
    PULSE_ORG: 'harness',
    TABLE_NAME: model.tableName,
    PULSE_BASE_URL: runner.environmentOf('Care Pulse dispatch').PUBLIC_BASE_URL,
    AWS_ACCESS_KEY_ID: 'admin',
    AWS_SECRET_ACCESS_KEY: 'harness',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: gateEndpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LOG_LEVEL: 'WARN',
  };
  try {
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/pulse.ts'), ...args], { cwd: workDir, env });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run pulse -- ${args.join(' ')} failed:\n${failed.stderr ?? ''}${failed.stdout ?? ''}\nrefused so far:\n${gate.report()}`, { cause: error });
  }
}

/** Runs the dispatch function as its schedule would, at a local time in the org's zone (UTC given). */
async function scheduled(action: 'open' | 'remind' | 'close' | 'tick', at: string) {
  vi.setSystemTime(new Date(at));
  return (await runner.invoke('Care Pulse dispatch', { action })) as { action: string; wave?: string };
}

/**
 * Hands every queued delivery to its channel's send function, 25 to an SQS batch, as Lambda's
 * event source does, and hands back the ones a batch reports failed, as the queue does once
 * they are visible again. Returns how many were handed back.
 */
async function deliverQueued(): Promise<{ queued: number; redelivered: number }> {
  const batches = services.queued.splice(0);
  let pending = batches.map((message) => ({ ...message, messageId: `m-${randomUUID()}` }));
  const environment = (fn: string) => runner.environmentOf('Care Pulse dispatch')[fn];
  let redelivered = 0;
  for (let receive = 1; pending.length > 0; receive++) {
    expect(receive, `deliveries still failing after four receives; refused:\n${gate.report()}`).toBeLessThanOrEqual(4);
    const failed: typeof pending = [];
    for (const queueUrl of new Set(pending.map((m) => m.queueUrl))) {
      const fn = queueUrl === environment('EMAIL_DELIVERY_QUEUE_URL') ? 'Care Pulse send email' : queueUrl === environment('SMS_DELIVERY_QUEUE_URL') ? 'Care Pulse send SMS' : undefined;
      expect(fn, `messages queued to ${queueUrl}, which no send function reads`).toBeDefined();
      const ofQueue = pending.filter((m) => m.queueUrl === queueUrl);
      for (let start = 0; start < ofQueue.length; start += 25) {
        const chunk = ofQueue.slice(start, start + 25);
        const records = chunk.map((m) => ({ messageId: m.messageId, body: m.body, eventSource: 'aws:sqs', eventSourceARN: model.queueArnByUrl(queueUrl), attributes: {}, messageAttributes: {} }));
        const reply = (await runner.invoke(fn!, { Records: records })) as { batchItemFailures: { itemIdentifier: string }[] };
        const ids = new Set(reply.batchItemFailures.map((f) => f.itemIdentifier));
        failed.push(...chunk.filter((m) => ids.has(m.messageId)));
      }
    }
    redelivered += failed.length;
    pending = failed;
  }
  return { queued: batches.length, redelivered };
}

/** Every pulse link in what was sent by email and SMS. */
function pulseTokens(): string[] {
  const texts = [...services.emails.map((e) => e.text), ...services.texts.map((t) => t.message)];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\/p\/([A-Za-z0-9_-]{22})/g)].map((m) => m[1]!)))];
}

/** The answers a person picks on the page: the first option of every question. */
async function answersOnPage(token: string): Promise<Record<string, string>> {
  const page = await (await api().request(`/p/${token}`)).text();
  const answers: Record<string, string> = {};
  for (const tag of page.match(/<input[^>]*type="radio"[^>]*>/g) ?? []) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]+)"/.exec(tag)?.[1];
    if (name && value && answers[name] === undefined) answers[name] = value;
  }
  return answers;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'deployed-'));
  mkdirSync(join(workDir, 'orgs'));
  writeFileSync(join(workDir, 'orgs/harness.json'), JSON.stringify(harnessOrgFile(), null, 2));
  writeFileSync(join(workDir, 'roster.csv'), rosterCsv());
  org = await loadOrgConfig(join(workDir, 'orgs/harness.json'));

  const synth = synthesize(org);
  model = deployedModel(synth.assembly, { tableName: `deployed-${randomUUID()}` });
  const dynamoEndpoint = inject('dynamoEndpoint');
  const { client } = createDynamoClients({ endpoint: dynamoEndpoint });
  await ensureTable(client, model.tableName);
  dropTable = async () => {
    await client.send(new DeleteTableCommand({ TableName: model.tableName }));
    client.destroy();
  };

  gate = new IamGate();
  const started = await startDynamoGate(gate, { dynamoEndpoint, tableArn: (name) => model.tableArn.replace(/table\/.*$/, `table/${name}`), tableKeyArn: model.tableKeyArn, ...(model.tableKeyPolicy ? { tableKeyPolicy: model.tableKeyPolicy } : {}) });
  gateEndpoint = started.endpoint;
  closeGate = started.close;
  services = stubServices(gate, { queueArnByUrl: model.queueArnByUrl });
  runner = lambdaRunner(model, gate, { org, dynamoEndpoint: gateEndpoint });
  const admin = model.managedPolicy('Care Pulse admin');
  gate.register('admin', { name: 'admin CLI', arn: 'arn:aws:iam::123456789012:role/pulse-admin', policies: [admin.document] });
  // Only the date is set (to when each schedule fires); it runs on from there, as pacing needs.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
}, 180_000);

afterAll(async () => {
  vi.useRealTimers();
  services?.restore();
  await closeGate?.();
  await dropTable?.();
});

describe('a deployed stack, every call checked against the synthesized roles', () => {
  it('imports the roster with the admin CLI', async () => {
    const out = await cli('roster', 'import', join(workDir, 'roster.csv'));
    expect(out).toMatch(/168/);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('answers the hourly tick with no wave open, then opens a wave on schedule and queues everyone’s link', async () => {
    expect((await scheduled('tick', '2026-12-08T15:00:00Z')).wave).toBeUndefined();
    const opened = await scheduled('open', '2026-12-08T16:00:00Z');
    waveId = opened.wave;
    expect(waveId, gate.report()).toBeDefined();
    expect(services.queued.length).toBeGreaterThanOrEqual(168);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('sends every link by email and by SMS, once more for an email and a text throttled, and none to a number that replied STOP', async () => {
    services.optedOut.add('+13125551000');
    services.emailFaults.push(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }));
    services.textFaults.push(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }));
    const { redelivered } = await deliverQueued();
    expect(redelivered).toBe(2);
    expect(services.emails.length).toBe(140);
    expect(services.texts.length).toBe(55);
    expect(services.texts.map((t) => t.to)).not.toContain('+13125551000');
    expect(pulseTokens()).toHaveLength(167);
    for (const email of services.emails) expect(email.configurationSet).toBeDefined();
    expect(gate.report()).toBe('');
  }, 120_000);

  it('shows each pulse page and counts each answer', async () => {
    for (const token of pulseTokens()) {
      const answers = await answersOnPage(token);
      expect(Object.keys(answers).length).toBeGreaterThanOrEqual(4);
      const response = await api().request(`/p/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...(await hiddenFields(api(), token)), ...answers }).toString(),
      });
      expect(response.status, gate.report()).toBe(200);
    }
    expect(gate.report()).toBe('');
  }, 120_000);

  it('unsubscribes someone from their email link', async () => {
    const url = services.emails.map((e) => /\/u\/[^\s"<]+/.exec(e.text)?.[0]).find((u) => u !== undefined);
    expect(url).toBeDefined();
    expect((await api().request(url!)).status).toBe(200);
    const response = await api().request(url!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status, gate.report()).toBeLessThan(400);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('sends the tick’s held links and the reminders', async () => {
    expect((await scheduled('tick', '2026-12-09T18:00:00Z')).wave).toBe(waveId);
    expect((await scheduled('remind', '2026-12-11T16:00:00Z')).wave).toBe(waveId);
    const before = services.emails.length;
    expect((await deliverQueued()).queued).toBeGreaterThan(0);
    expect(services.emails.length).toBeGreaterThan(before);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('closes the wave on schedule and destroys its secret', async () => {
    expect((await scheduled('close', '2026-12-13T16:00:00Z')).wave).toBe(waveId);
    expect([...services.secrets.keys()].filter((name) => name.endsWith(waveId!))).toEqual([]);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('emails every leader their digest, the one SES throttled on the scheduler’s retry', async () => {
    const before = services.emails.length;
    vi.setSystemTime(new Date('2026-12-13T17:00:00Z'));
    services.emailFaults.push(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }));
    await expect(runner.invoke('Care Pulse alerts', { action: 'alerts' })).rejects.toThrow();
    expect(services.emails.length - before).toBe(org.leaders.length - 1);
    await runner.invoke('Care Pulse alerts', { action: 'alerts' });
    const digests = services.emails.slice(before);
    expect(digests.map((d) => d.to[0]).sort()).toEqual(org.leaders.map((l) => l.email).sort());
    expect(gate.report()).toBe('');
  }, 120_000);

  it('opens each leader’s dashboard, the executive’s CSV, and saves and updates an action', async () => {
    const linkOf = (email: string) => {
      const digest = services.emails.findLast((e) => e.to[0] === email)!;
      return /\/d\/([A-Za-z0-9._-]+)/.exec(digest.text)![1]!;
    };
    for (const leader of org.leaders) {
      const page = await api().request(`/d/${linkOf(leader.email)}`);
      expect(page.status, `${leader.id}\n${gate.report()}`).toBe(200);
    }
    const csv = await api().request(`/d/${linkOf('ceo@harness.example')}/csv`);
    expect(csv.status, gate.report()).toBe(200);
    const manager = linkOf('unit@harness.example');
    const origin = new URL(runner.environmentOf('Care Pulse dispatch').PUBLIC_BASE_URL!).origin;
    const post = (path: string, form: Record<string, string>) => api().request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(form).toString() });
    const saved = await post(`/d/${manager}/actions`, { department: 'unit-01', kind: 'workload', title: 'Float nurse on Mondays', status: 'planned', targetOn: '2026-12-31' });
    expect(saved.status, gate.report()).toBe(303);
    const page = await (await api().request(`/d/${manager}`)).text();
    const actionId = /\/actions\/([A-Za-z0-9_-]+)/.exec(page)?.[1];
    expect(actionId).toBeDefined();
    const updated = await post(`/d/${manager}/actions/${actionId}`, { status: 'in-progress' });
    expect(updated.status, gate.report()).toBeLessThan(400);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('imports the next month’s roster: one left, one moved, one new', async () => {
    const lines = rosterCsv().trimEnd().split('\n');
    const next = lines
      .filter((line) => !line.startsWith('unit-05.3@'))
      .map((line) => (line.startsWith('unit-06.3@') ? line.replace(',unit-06,', ',unit-07,') : line));
    next.push('unit-08.9@staff.example,,unit-08,nurse,en,email');
    writeFileSync(join(workDir, 'roster-next.csv'), next.join('\n') + '\n');
    const out = await cli('roster', 'import', join(workDir, 'roster-next.csv'));
    expect(out).toMatch(/1 added/);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('runs the admin CLI’s commands on the stack: status, dashboard link, actions, roster delete', async () => {
    expect(await cli('status')).toMatch(/Unit 2 +6 +0 +6/);
    expect(await cli('dashboard', 'link', 'ceo')).toMatch(/\/d\//);
    await cli('actions', 'add', 'hospital-director', 'unit-02', 'admin_burden', 'Inbox redesign');
    const listed = await cli('actions', 'list');
    expect(listed).toContain('Inbox redesign');
    const id = /^\s*(\S+)\s.*Inbox redesign/m.exec(listed)?.[1];
    expect(id).toBeDefined();
    await cli('actions', 'update', id!, '--status', 'done');
    expect(await cli('roster', 'delete', 'unit-03.4@staff.example')).toMatch(/deleted/i);
    expect(gate.report()).toBe('');
  }, 120_000);

  it('refuses what an attacker in control of a function would try: the API writing a token or an aggregate outside the submit, the SMS sender publishing to a topic', async () => {
    const table = model.tableArn;
    const apiPrincipal = gate.principalFor(model.fn('Care Pulse API').roleLogicalId);
    const attempts: AuthorizationRequest[] = [
      { action: 'dynamodb:PutItem', resource: table, context: { 'dynamodb:LeadingKeys': ['TOKEN#forged'], 'dynamodb:Attributes': ['pk', 'sk', 'state'] } },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['TOKEN#forged'], 'dynamodb:Attributes': ['pk', 'sk', 'state'] } },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['TOKEN#forged'], 'dynamodb:Attributes': ['pk', 'sk', 'state', 'usedBy'], 'dynamodb:EnclosingOperation': 'TransactWriteItems' } },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['AGG#w#unit-01'], 'dynamodb:Attributes': ['pk', 'sk', 'n', 'answeredAt'], 'dynamodb:EnclosingOperation': 'TransactWriteItems' } },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['AGG#w#unit-01'], 'dynamodb:Attributes': ['pk', 'sk', 'n'] } },
      { action: 'dynamodb:PutItem', resource: table, context: { 'dynamodb:LeadingKeys': ['AGG#w#unit-01'], 'dynamodb:Attributes': ['pk', 'sk', 'n'], 'dynamodb:EnclosingOperation': 'TransactWriteItems' } },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['STAFF#x'], 'dynamodb:Attributes': ['pk', 'sk', 'email'] } },
      { action: 'dynamodb:BatchWriteItem', resource: table, context: { 'dynamodb:LeadingKeys': ['ACTION'] } },
      { action: 'dynamodb:DeleteItem', resource: table, context: { 'dynamodb:LeadingKeys': ['ACTION'] } },
      { action: 'dynamodb:Scan', resource: table },
    ];
    const probe = new IamGate();
    for (const attempt of attempts) expect(await probe.authorize(apiPrincipal, 'probe', [attempt]), JSON.stringify(attempt)).toBeDefined();
    const smsPrincipal = gate.principalFor(model.fn('Care Pulse send SMS').roleLogicalId);
    expect(await probe.authorize(smsPrincipal, 'probe', [{ action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:123456789012:any-topic' }])).toMatchObject({ decision: 'ExplicitlyDenied' });
    expect(await probe.authorize(smsPrincipal, 'probe', [{ action: 'sns:Publish', resource: '*' }])).toBeUndefined();
  });

  it('grants no function, and not the admins, anything no path used', () => {
    const unused = [...model.functions.filter((fn) => fn.description.startsWith('Care Pulse')), undefined].flatMap((fn) => {
      const principal = gate.principalFor(fn ? fn.roleLogicalId : 'admin');
      return unusedGrants(principal, gate.allowed.get(principal.name) ?? [], (action, resource) => usedByAwsForTheCode(fn, action, resource));
    });
    expect(unused.filter((grant) => UNREACHED_PATHS[grant] === undefined)).toEqual([]);
  });
});

/**
 * Grants that AWS itself uses for a function, not its code: Lambda writes its logs and traces
 * and polls its queue and sends its failed events to its dead-letter queue with the
 * function's role; DynamoDB uses the table key for the caller beyond the Decrypt the gate
 * checks.
 */
/**
 * Grants for paths this scenario cannot reach, each with the path that needs it. Kept short on
 * purpose: a grant belongs here only when the path is real and cannot be driven from outside.
 */
const UNREACHED_PATHS: Record<string, string> = {
  'Care Pulse alerts: dynamodb:Query on AGG#* items': 'waves closed before counts were frozen at close are read department by department (loadWaveCounts)',
  'Care Pulse alerts: dynamodb:Query on PUBLISHED#* items': 'figures published before the compressed copy existed are read item by item, and a save that lost the race to publish reads the winner',
  'Care Pulse alerts: dynamodb:GetItem on PUBLISHED#* items': 'a save that lost the race to publish reads the winning summary',
  'admin CLI: dynamodb:PutItem on DASHBOARDKEY items': 'an admin who asks for a leader’s link before the first digest makes the dashboard key; here the alert job made it first',
};

function usedByAwsForTheCode(fn: DeployedModel['functions'][number] | undefined, action: string, resource: string): boolean {
  if (action.startsWith('logs:') || action.startsWith('xray:')) return fn !== undefined;
  if (action.startsWith('kms:') && action !== 'kms:Decrypt') return true;
  if (fn?.eventSourceArns.includes(resource) && ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'].includes(action)) return true;
  return fn?.deadLetterArn === resource && action === 'sqs:SendMessage';
}
