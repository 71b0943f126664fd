import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { ThrottledException } from '@aws-sdk/client-sns';
import { startDeployedStack, type DeployedStack } from '../support/deployed/deployed-stack.js';
import { dynamoAuthorizations, IamGate, unusedGrants, type AuthorizationRequest } from '../support/deployed/iam-gate.js';
import type { DeployedModel } from '../support/deployed/template-model.js';

/**
 * Every path a deployed stack runs, with every AWS call it makes checked against the role
 * the synthesized template gives the caller. DynamoDB Local checks no IAM; here each request
 * passes an offline IAM evaluation first (see test/support/deployed/), and a refused one
 * fails exactly as it would on AWS. The scenario is one organization's whole cycle, as the
 * schedules and people would drive it: import the roster (admin CLI), open, send by email and
 * SMS, answer, unsubscribe, remind, tick, close, digests, dashboards (a manager, a director
 * over more than 25 departments, the executive, CSV, actions), and the admin CLI's commands.
 */
const UNITS = 27;
let stack: DeployedStack;
let waveId: string | undefined;
/** A link nobody answers while the wave is open. */
let lateToken: string | undefined;

function harnessOrgFile(): Record<string, unknown> {
  const units = Array.from({ length: UNITS }, (_, i) => ({ id: `unit-${String(i + 1).padStart(2, '0')}`, name: `Unit ${i + 1}`, parent: 'hospital' }));
  return {
    id: 'harness',
    name: 'Harness Health',
    timeZone: 'America/Chicago',
    k: 5,
    departments: [
      { id: 'hospital', name: 'Hospital' },
      ...units,
      { id: 'clinic', name: { en: 'Clinic', es: 'Clínica' } },
      { id: 'clinic-a', name: 'Clinic A', parent: 'clinic', sendWindow: { start: '19:00', end: '23:00' } },
    ],
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

beforeAll(async () => {
  stack = await startDeployedStack({ orgFile: harnessOrgFile(), rosterCsv: rosterCsv() });
}, 180_000);

afterAll(async () => stack?.stop());

describe('a deployed stack, every call checked against the synthesized roles', () => {
  it('imports the roster with the admin CLI', async () => {
    const out = await stack.cli('roster', 'import', join(stack.workDir, 'roster.csv'));
    expect(out).toMatch(/168/);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('answers the hourly tick with no wave open, then opens a wave on schedule and queues everyone’s link', async () => {
    expect((await stack.scheduled('tick', '2026-12-08T15:00:00Z')).wave).toBeUndefined();
    const opened = await stack.scheduled('open', '2026-12-08T16:00:00Z');
    waveId = opened.wave;
    expect(waveId, stack.gate.report()).toBeDefined();
    expect(stack.services.queued.length).toBeGreaterThanOrEqual(168);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('sends every link by email and by SMS, once more for an email and a text throttled, and none to a number that replied STOP', async () => {
    stack.services.optedOut.add('+13125551000');
    stack.services.emailFaults.push(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }));
    stack.services.textFaults.push(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }));
    const { redelivered } = await stack.deliverQueued();
    expect(redelivered).toBe(2);
    // Everyone but the evening clinic, whose send window has not opened.
    expect(stack.services.emails.length).toBe(135);
    expect(stack.services.texts.length).toBe(53);
    expect(stack.services.texts.map((t) => t.to)).not.toContain('+13125551000');
    expect(stack.pulseTokens()).toHaveLength(161);
    // What the alarms read: sent and retried, per channel, under this organization.
    const total = (service: string, name: string) =>
      stack.runner.metrics.filter((m) => m.org === 'harness' && m.service === service).reduce((sum, m) => sum + Number(m[name] ?? 0), 0);
    expect([
      total('send-email', 'MessagesSent'),
      total('send-email', 'MessagesFailed'),
      total('send-sms', 'MessagesSent'),
      total('send-sms', 'MessagesFailed'),
    ]).toEqual([135, 1, 53, 1]);
    for (const email of stack.services.emails) expect(email.configurationSet).toBeDefined();
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('sends the evening clinic its links at the first tick inside its send window', async () => {
    expect((await stack.scheduled('tick', '2026-12-09T02:00:00Z')).wave).toBe(waveId);
    await stack.deliverQueued();
    expect(stack.services.emails.length).toBe(140);
    expect(stack.services.texts.length).toBe(55);
    expect(stack.pulseTokens()).toHaveLength(167);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('shows the admin the open wave with its links issued and nothing counted until it closes', async () => {
    expect(await stack.cli('status')).toMatch(new RegExp(`${waveId} +open .* 168 +at close`));
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('shows each pulse page and counts each answer, half with a comment, but one left for the close', async () => {
    [lateToken] = stack.pulseTokens();
    // Every other person writes a comment: the submit then adds to a comment bucket in the same transaction.
    for (const [i, token] of stack.pulseTokens().slice(1).entries()) {
      const answered =
        i % 2 === 0
          ? await stack.submitForm(token, { ...(await stack.pulseForm(token)), comment: `More float nurses on nights, ${i}.` })
          : await stack.answer(token);
      expect(answered.status, stack.gate.report()).toBe(200);
    }
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('unsubscribes someone from their email link', async () => {
    // One person named, not whoever the shuffled queue sent first: a second opt-out in the unit
    // of the number that replied STOP would leave it under k and hold its reminders.
    const url = stack.services.emails
      .filter((e) => e.to.includes('unit-03.3@staff.example'))
      .map((e) => /\/u\/[^\s"<]+/.exec(e.text)?.[0])
      .find((u) => u !== undefined);
    expect(url).toBeDefined();
    expect((await stack.api().request(url!)).status).toBe(200);
    const response = await stack
      .api()
      .request(url!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status, stack.gate.report()).toBeLessThan(400);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('answers a daytime tick, and sends everyone the reminder', async () => {
    expect((await stack.scheduled('tick', '2026-12-09T18:00:00Z')).wave).toBe(waveId);
    expect((await stack.scheduled('remind', '2026-12-11T16:00:00Z')).wave).toBe(waveId);
    const before = stack.services.emails.length;
    expect((await stack.deliverQueued()).queued).toBeGreaterThan(0);
    // Every email recipient but the evening clinic's (held to its window) and the one who unsubscribed.
    expect(stack.services.emails.length - before).toBe(134);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('closes the wave on schedule, destroys its secret, and refuses an answer sent a moment before close whose write lands after it', async () => {
    // Half a minute before closing time a person loads the page, and a first try with an
    // answer missing leaves the API holding the wave as open; the complete form arrives once
    // the close has deleted the shards, from a clock still before closing time.
    vi.setSystemTime(new Date('2026-12-13T15:59:30Z'));
    const form = await stack.pulseForm(lateToken!);
    const incomplete = Object.fromEntries(Object.entries(form).slice(0, -1));
    expect((await stack.submitForm(lateToken!, incomplete)).status).toBe(422);
    expect((await stack.scheduled('close', '2026-12-13T16:00:00Z')).wave).toBe(waveId);
    expect([...stack.services.secrets.keys()].filter((name) => name.endsWith(waveId!))).toEqual([]);
    vi.setSystemTime(new Date('2026-12-13T15:59:40Z'));
    expect((await stack.submitForm(lateToken!, form)).status, stack.gate.report()).toBe(410);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('emails every leader their digest, the one SES throttled on the scheduler’s retry, and records the one it refused for good', async () => {
    const before = stack.services.emails.length;
    vi.setSystemTime(new Date('2026-12-13T17:00:00Z'));
    const refused = 'clinic@harness.example';
    stack.services.refusedRecipients.add(refused);
    stack.services.emailFaults.push(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }));
    await expect(stack.runner.invoke('Care Pulse alerts', { action: 'alerts' })).rejects.toThrow();
    expect(stack.services.emails.length - before).toBe(stack.org.leaders.length - 2);
    await stack.runner.invoke('Care Pulse alerts', { action: 'alerts' });
    const digests = stack.services.emails.slice(before);
    expect(digests.map((d) => d.to[0]).sort()).toEqual(
      stack.org.leaders
        .map((l) => l.email)
        .filter((email) => email !== refused)
        .sort(),
    );
    // What the alarm reads: one refusal, counted once, under this organization.
    const refusals = stack.runner.metrics
      .filter((m) => m.org === 'harness' && m.service === 'alerts')
      .reduce((sum, m) => sum + Number(m.DigestsRefused ?? 0), 0);
    expect(refusals).toBe(1);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('opens each leader’s dashboard, the executive’s CSV, a director’s comments, and saves and updates an action', async () => {
    const linkOf = (email: string) => {
      const digest = stack.services.emails.findLast((e) => e.to[0] === email)!;
      return /\/d\/([A-Za-z0-9._-]+)/.exec(digest.text)![1]!;
    };
    for (const leader of stack.org.leaders.filter((l) => l.email !== 'clinic@harness.example')) {
      const page = await stack.api().request(`/d/${linkOf(leader.email)}`);
      expect(page.status, `${leader.id}\n${stack.gate.report()}`).toBe(200);
    }
    const csv = await stack.api().request(`/d/${linkOf('ceo@harness.example')}/csv`);
    expect(csv.status, stack.gate.report()).toBe(200);
    const comments = await stack.api().request(`/d/${linkOf('director@harness.example')}/comments`);
    expect(comments.status, stack.gate.report()).toBe(200);
    const commentsPage = await comments.text();
    expect(commentsPage).toContain('More float nurses on nights');
    const manager = linkOf('unit@harness.example');
    const origin = new URL(stack.runner.environmentOf('Care Pulse dispatch').PUBLIC_BASE_URL!).origin;
    const post = (path: string, form: Record<string, string>) =>
      stack.api().request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams(form).toString(),
      });
    const saved = await post(`/d/${manager}/actions`, {
      department: 'unit-01',
      kind: 'workload',
      title: 'Float nurse on Mondays',
      status: 'planned',
      targetOn: '2026-12-31',
    });
    expect(saved.status, stack.gate.report()).toBe(303);
    const page = await (await stack.api().request(`/d/${manager}`)).text();
    const actionId = /\/actions\/([A-Za-z0-9_-]+)/.exec(page)?.[1];
    expect(actionId).toBeDefined();
    const updated = await post(`/d/${manager}/actions/${actionId}`, { status: 'in-progress' });
    expect(updated.status, stack.gate.report()).toBeLessThan(400);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('imports the next month’s roster: one left, one moved, one new', async () => {
    const lines = rosterCsv().trimEnd().split('\n');
    const next = lines
      .filter((line) => !line.startsWith('unit-05.3@'))
      .map((line) => (line.startsWith('unit-06.3@') ? line.replace(',unit-06,', ',unit-07,') : line));
    next.push('unit-08.9@staff.example,,unit-08,nurse,en,email');
    writeFileSync(join(stack.workDir, 'roster-next.csv'), next.join('\n') + '\n');
    const out = await stack.cli('roster', 'import', join(stack.workDir, 'roster-next.csv'));
    expect(out).toMatch(/1 added/);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('runs the admin CLI’s commands on the stack: status, dashboard link, actions, roster delete', async () => {
    expect(await stack.cli('status')).toMatch(/Unit 2 +6 +0 +6/);
    expect(await stack.cli('dashboard', 'link', 'ceo')).toMatch(/\/d\//);
    await stack.cli('actions', 'add', 'hospital-director', 'unit-02', 'admin_burden', 'Inbox redesign');
    const listed = await stack.cli('actions', 'list');
    expect(listed).toContain('Inbox redesign');
    const id = /^\s*(\S+)\s.*Inbox redesign/m.exec(listed)?.[1];
    expect(id).toBeDefined();
    await stack.cli('actions', 'update', id!, '--status', 'done');
    expect(await stack.cli('roster', 'delete', 'unit-03.4@staff.example')).toMatch(/deleted/i);
    expect(stack.gate.report()).toBe('');
  }, 120_000);

  it('refuses what an attacker in control of a function would try: the API writing a token or an aggregate outside the submit, the SMS sender publishing to a topic', async () => {
    const table = stack.model.tableArn;
    const apiPrincipal = stack.gate.principalFor(stack.model.fn('Care Pulse API').roleLogicalId);
    const attempts: AuthorizationRequest[] = [
      { action: 'dynamodb:PutItem', resource: table, context: { 'dynamodb:LeadingKeys': ['TOKEN#forged'], 'dynamodb:Attributes': ['pk', 'sk', 'state'] } },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['TOKEN#forged'], 'dynamodb:Attributes': ['pk', 'sk', 'state'] } },
      {
        action: 'dynamodb:UpdateItem',
        resource: table,
        context: {
          'dynamodb:LeadingKeys': ['TOKEN#forged'],
          'dynamodb:Attributes': ['pk', 'sk', 'state', 'usedBy'],
          'dynamodb:EnclosingOperation': 'TransactWriteItems',
        },
      },
      {
        action: 'dynamodb:UpdateItem',
        resource: table,
        context: {
          'dynamodb:LeadingKeys': ['AGG#w#unit-01'],
          'dynamodb:Attributes': ['pk', 'sk', 'n', 'answeredAt'],
          'dynamodb:EnclosingOperation': 'TransactWriteItems',
        },
      },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['AGG#w#unit-01'], 'dynamodb:Attributes': ['pk', 'sk', 'n'] } },
      {
        action: 'dynamodb:PutItem',
        resource: table,
        context: { 'dynamodb:LeadingKeys': ['AGG#w#unit-01'], 'dynamodb:Attributes': ['pk', 'sk', 'n'], 'dynamodb:EnclosingOperation': 'TransactWriteItems' },
      },
      { action: 'dynamodb:UpdateItem', resource: table, context: { 'dynamodb:LeadingKeys': ['STAFF#x'], 'dynamodb:Attributes': ['pk', 'sk', 'email'] } },
      { action: 'dynamodb:BatchWriteItem', resource: table, context: { 'dynamodb:LeadingKeys': ['ACTION'] } },
      { action: 'dynamodb:DeleteItem', resource: table, context: { 'dynamodb:LeadingKeys': ['ACTION'] } },
      { action: 'dynamodb:Scan', resource: table },
    ];
    const probe = new IamGate();
    for (const attempt of attempts) expect(await probe.authorize(apiPrincipal, 'probe', [attempt]), JSON.stringify(attempt)).toBeDefined();
    // The same, as DynamoDB requests the gate turns into authorizations: reading the roster
    // wholesale, or writing a link of one's own.
    const tableName = stack.model.tableName;
    const requests: [string, Record<string, unknown>][] = [
      ['Scan', { TableName: tableName, IndexName: 'gsi1' }],
      [
        'Query',
        { TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :d', ExpressionAttributeValues: { ':d': { S: 'ROSTER#unit-01' } } },
      ],
      ['Query', { TableName: tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'STAFF#x' } } }],
      ['PutItem', { TableName: tableName, Item: { pk: { S: 'TOKEN#forged' }, sk: { S: 'TOKEN' }, state: { S: 'issued' } } }],
      ['BatchGetItem', { RequestItems: { [tableName]: { Keys: [{ pk: { S: 'TOKEN#a' }, sk: { S: 'TOKEN' } }] } } }],
    ];
    const tableRef = {
      arn: () => stack.model.tableArn,
      keyArn: stack.model.tableKeyArn,
      ...(stack.model.tableKeyPolicy ? { keyPolicy: stack.model.tableKeyPolicy } : {}),
    };
    for (const [operation, body] of requests)
      expect(await probe.authorize(apiPrincipal, operation, dynamoAuthorizations(operation, body, tableRef)), operation).toBeDefined();
    const smsPrincipal = stack.gate.principalFor(stack.model.fn('Care Pulse send SMS').roleLogicalId);
    expect(await probe.authorize(smsPrincipal, 'probe', [{ action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:123456789012:any-topic' }])).toMatchObject({
      decision: 'ExplicitlyDenied',
    });
    expect(await probe.authorize(smsPrincipal, 'probe', [{ action: 'sns:Publish', resource: '*' }])).toBeUndefined();
  });

  it('grants no function, and not the admins, anything no path used', () => {
    const unused = [...stack.model.functions.filter((fn) => fn.description.startsWith('Care Pulse')), undefined].flatMap((fn) => {
      const principal = stack.gate.principalFor(fn ? fn.roleLogicalId : 'admin');
      return unusedGrants(principal, stack.gate.allowed.get(principal.name) ?? [], (action, resource) => usedByAwsForTheCode(fn, action, resource));
    });
    expect(unused.filter((grant) => UNREACHED_PATHS[grant] === undefined)).toEqual([]);
    // A path listed as unreached that the scenario does reach no longer needs its excuse.
    expect(Object.keys(UNREACHED_PATHS).filter((grant) => !unused.includes(grant))).toEqual([]);
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
  'admin CLI: dynamodb:PutItem on DASHBOARDKEY items':
    'an admin who asks for a leader’s link before the first digest makes the dashboard key; here the alert job made it first',
};

function usedByAwsForTheCode(fn: DeployedModel['functions'][number] | undefined, action: string, resource: string): boolean {
  if (action.startsWith('logs:') || action.startsWith('xray:')) return fn !== undefined;
  if (action.startsWith('kms:') && action !== 'kms:Decrypt') return true;
  if (
    fn?.eventSourceArns.includes(resource) &&
    ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'].includes(action)
  )
    return true;
  return fn?.deadLetterArn === resource && action === 'sqs:SendMessage';
}
