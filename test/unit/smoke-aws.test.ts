import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { waveItem } from '../../shared/adapters/dynamodb/wave-store.js';
import { evaluateWave } from '../../shared/domain/evaluate-hotspots.js';
import { itemsForWave } from '../../shared/domain/instrument.js';
import { percent } from '../../shared/domain/leader-findings.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { staffIdFor } from '../../shared/domain/roster.js';
import { deriveToken } from '../../shared/domain/tokens.js';
import type { Wave } from '../../shared/domain/wave.js';
import { keys } from '../../shared/table.js';
import { awsSmokeTarget } from '../../scripts/lib/smoke-aws.js';
import { runSmoke } from '../../scripts/lib/smoke.js';
import { smokeOrgFromTemplate, smokeRosterCsv } from '../../scripts/lib/smoke-org.js';
import { countsFor } from '../support/waves.js';

/**
 * The smoke test's AWS path, with every AWS call answered by aws-sdk-client-mock at the SDK
 * boundary (Lambda, Secrets Manager, DynamoDB) and the public URL by a stub. It holds the
 * orchestration: which call comes when, how long it waits, what it refuses. It proves nothing
 * about a deployed stack: only running the command against one does.
 */
const TABLE = 'CarePulse-smoke-test-data-Table';
const BASE = 'https://pulse.smoke.example';
const DISPATCH = 'CarePulse-smoke-test-Dispatch';
const ALERTS = 'CarePulse-smoke-test-Alerts';
const WAVE_ID = 'w20261207-01';
const SECRET = Buffer.alloc(32, 7);
const START = Date.parse('2026-12-07T10:00:00Z');

function person(email: string, department: string) {
  const id = staffIdFor(email, undefined);
  return {
    ...keys.staff(id),
    ...keys.staffByDepartment(department),
    gsi1sk: id,
    id,
    email,
    department,
    roleGroup: 'staff',
    locale: 'en',
    channel: 'email',
    active: true,
  };
}

/** The roster as the smoke test imports it, stored. */
function storedRoster(org: OrgConfig) {
  return smokeRosterCsv(org)
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => row.split(','))
    .map(([email, , department]) => person(email!, department!));
}

function openWave(org: OrgConfig): Wave {
  const staffPerUnit = Object.fromEntries(org.departments.map((d) => [`${d.id}/staff`, org.k + 1]));
  return {
    id: WAVE_ID,
    sequence: 0,
    status: 'open',
    openedAt: new Date(START).toISOString(),
    closesAt: new Date(START + 5 * 86_400_000).toISOString(),
    instrumentVersion: org.instrument.version,
    items: itemsForWave(org.instrument, 0),
    staffPerUnit,
    units: Object.fromEntries(Object.keys(staffPerUnit).map((unit) => [unit, unit])),
    issued: Object.values(staffPerUnit).reduce((a, b) => a + b, 0),
    reminderRequested: false,
    dispatchedInvite: [],
    dispatchedReminder: [],
    news: {},
  };
}

/**
 * A deployed smoke stack as its SDK clients see it. `sentClaims` says how many delivery claims
 * read as sent; `calls` records, in order, the calls the orchestration is judged by.
 */
async function stack(options: { org?: OrgConfig; roster?: ReturnType<typeof person>[]; sentClaims?: number; opens?: boolean; dispatchError?: string } = {}) {
  const org = options.org ?? (await smokeOrgFromTemplate('smoke-test'));
  const roster = options.roster ?? storedRoster(org);
  const wave = openWave(org);
  let waveClosed = false;
  let opened = false;
  const calls: string[] = [];
  const published = evaluateWave(org, {
    wave,
    units: org.departments.map((d, i) => ({ department: d.id, roleGroup: 'staff', counts: countsFor(org.k + 1 - i, { workload: 0.5 }) })),
  });

  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const ddb = mockClient(documentClient);
  ddb.onAnyCommand().callsFake((input) => {
    throw new Error(`unexpected DynamoDB call ${JSON.stringify(input)}`);
  });
  ddb.on(ScanCommand).callsFake((input: { Segment: number }) => (calls.push('ddb Scan roster'), { Items: input.Segment === 0 ? roster : [] }));
  ddb.on(QueryCommand).callsFake((input: { IndexName?: string; ExpressionAttributeValues: Record<string, string> }) => {
    const pk = input.ExpressionAttributeValues[':pk']!;
    if (input.IndexName === 'gsi1') return { Items: roster.filter((item) => item.gsi1pk === pk) };
    if (pk === 'WAVE') return { Items: opened ? [waveItem({ ...wave, status: waveClosed ? 'closed' : 'open' })] : [] };
    throw new Error(`unexpected query of ${pk}`);
  });
  ddb.on(GetCommand).callsFake((input: { Key: { pk: string } }) => {
    if (input.Key.pk === 'WAVE') return { Item: opened ? waveItem({ ...wave, status: waveClosed ? 'closed' : 'open' }) : undefined };
    if (input.Key.pk === 'DASHBOARDKEY') return { Item: { ...keys.dashboardKey(), key: 'k'.repeat(43) } };
    throw new Error(`unexpected get of ${input.Key.pk}`);
  });
  ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string; sk: string }[] }> }) => {
    const wanted = input.RequestItems[TABLE]!.Keys;
    if (wanted.every((key) => key.pk.startsWith('SENT#'))) {
      calls.push('ddb BatchGet delivery claims');
      return { Responses: { [TABLE]: wanted.map((key, i) => ({ ...key, state: i < (options.sentClaims ?? wanted.length) ? 'sent' : 'sending' })) } };
    }
    // The figures the alerts function published: a summary, and one compressed chunk.
    if (wanted.some((key) => key.sk === 'SUMMARY')) calls.push('ddb BatchGet published');
    return {
      Responses: {
        [TABLE]: wanted.map((key) =>
          key.sk === 'SUMMARY'
            ? { ...key, waveId: WAVE_ID, groupCount: published.groups.length, hiddenGroups: published.hiddenGroups, evalChunks: 1, saveId: 'save' }
            : { ...key, data: gzipSync(JSON.stringify(published.groups)) },
        ),
      },
    };
  });
  // Closing: each shard marked, the counts frozen, then the wave.
  ddb.on(UpdateCommand).callsFake((input: { Key: { pk: string }; UpdateExpression: string }) => {
    if (input.Key.pk !== 'WAVE') return { Attributes: input.Key };
    // Closing: the wave marked closing, its counts frozen, and last the wave read as closed.
    const named = JSON.stringify(input);
    const step = named.includes('"status"') ? 'closed' : named.includes('frozenChunks') ? 'frozen' : 'closing';
    calls.push(`ddb Update wave ${step}`);
    if (step === 'closed') waveClosed = true;
    return {};
  });
  ddb.on(BatchWriteCommand).resolves({});
  ddb.on(PutCommand).callsFake(() => {
    throw new Error('nothing is put: the roster is unchanged and the dashboard key exists');
  });

  const lambda = new LambdaClient({ region: 'us-east-1' });
  const lambdaMock = mockClient(lambda);
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  lambdaMock.on(InvokeCommand).callsFake((input: { FunctionName: string; Payload: Uint8Array }) => {
    const payload = JSON.parse(new TextDecoder().decode(input.Payload)) as { action: string };
    calls.push(`lambda ${input.FunctionName === DISPATCH ? 'dispatch' : 'alerts'} ${payload.action}`);
    if (input.FunctionName === DISPATCH && options.dispatchError)
      return {
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: json({ errorType: options.dispatchError, errorMessage: 'could not reach nurse@riverside.example' }),
      };
    if (input.FunctionName === DISPATCH) {
      opened = options.opens ?? true;
      return { StatusCode: 200, Payload: json({ action: 'open', ...(opened ? { wave: WAVE_ID } : {}) }) };
    }
    return { StatusCode: 200, Payload: json({ wave: WAVE_ID, digests: 3, sent: 3, alreadySent: 0, refused: 0 }) };
  });

  const secretsManager = new SecretsManagerClient({ region: 'us-east-1' });
  const sm = mockClient(secretsManager);
  let secretKept = true;
  sm.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => {
    calls.push(`secrets Get ${input.SecretId}`);
    return { SecretBinary: SECRET };
  });
  sm.on(DeleteSecretCommand).callsFake((input: { SecretId: string }) => {
    calls.push(`secrets Delete ${input.SecretId}`);
    secretKept = false;
    return {};
  });

  // The public URL: each derived link opens once and counts once; the dashboard shows the published shares.
  const tokens = new Set(roster.map((item) => deriveToken(SECRET, item.id)));
  const answered = new Set<string>();
  const http = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname.startsWith('/d/')) {
      calls.push('http GET dashboard');
      return new Response(published.groups.flatMap((g) => g.figures.map((f) => `<span class="share">${percent(f.share)}</span>`)).join(''), { status: 200 });
    }
    const token = url.pathname.slice('/p/'.length);
    if (!tokens.has(token)) return new Response('', { status: 404 });
    if (answered.has(token)) return new Response('', { status: 409 });
    if (waveClosed) return new Response('', { status: 410 });
    if (method === 'GET')
      return new Response('<input type="hidden" name="wave" value="w20261207-01"/><input type="radio" name="q_burnout" value="1"/>', { status: 200 });
    answered.add(token);
    if (answered.size === 1) calls.push('http POST answers');
    return new Response('thanks', { status: 200 });
  }) as typeof fetch;

  let now = START;
  const target = awsSmokeTarget(
    { org, tableName: TABLE, baseUrl: BASE, dispatchFunction: DISPATCH, alertsFunction: ALERTS },
    { documentClient, lambda, secretsManager },
    { deliveryTimeoutMs: 60_000, pollMs: 2_000, clock: { now: () => new Date(now) }, sleep: async (ms) => void (now += ms) },
  );
  return { target, http, calls, ddb, lambdaMock, sm, answered, secretKept: () => secretKept, elapsed: () => now - START };
}

async function run(setup: Awaited<ReturnType<typeof stack>>) {
  const lines: string[] = [];
  const passed = await runSmoke(setup.target, { print: (line) => lines.push(line), fetch: setup.http, now: () => 0 });
  return { passed, lines, output: lines.join('\n') };
}

describe('the AWS smoke target', () => {
  it('opens through the dispatch function, waits for the claims, derives the links, answers, closes, runs the alerts function and opens the dashboard, in that order', async () => {
    const setup = await stack();
    const { passed, lines, output } = await run(setup);

    expect(output).toContain('Smoke test passed');
    expect(passed).toBe(true);
    expect(setup.calls.filter((call) => call !== 'ddb Scan roster')).toEqual([
      'lambda dispatch open',
      'ddb BatchGet delivery claims',
      `secrets Get care-pulse/smoke-test/wave/${WAVE_ID}`,
      'http POST answers',
      'ddb Update wave closing',
      'ddb Update wave frozen',
      'ddb Update wave closed',
      `secrets Delete care-pulse/smoke-test/wave/${WAVE_ID}`,
      'lambda alerts alerts',
      'ddb BatchGet published',
      'http GET dashboard',
    ]);
    expect(setup.answered.size).toBe(11);
    expect(setup.secretKept()).toBe(false);
    expect(lines[2]).toContain(`the dispatch function opened wave ${WAVE_ID} for 12 staff`);
    expect(lines[3]).toContain('12 of 12 invitations sent by the send-email function (every delivery claim done); links derived from the wave secret');
    expect(lines[5]).toContain(
      'closed wave w20261207-01 from this shell (the dispatch function closes only a wave that is due); its secret destroyed; the link kept back unanswered now answers 410 (closed)',
    );
    expect(lines[6]).toContain("the alerts function sent 3 of 3 leaders' digests (SES mailbox simulator)");
    expect(output).not.toMatch(/\/p\/[A-Za-z0-9_-]{22}/);
    expect(output).not.toContain('@');
  });

  it('waits for delivery no longer than its timeout, says how far it got, and closes the wave it opened', async () => {
    const setup = await stack({ sentClaims: 9 });
    const { passed, lines } = await run(setup);

    expect(passed).toBe(false);
    expect(lines[3]).toMatch(
      /^\u2718 deliver: {4}after 60 s, 9 of 12 invitations were sent; the rest are queued or failing: see the send-email function's log group and the delivery dead-letter queue/,
    );
    expect(setup.elapsed()).toBe(60_000);
    expect(setup.calls.filter((call) => call === 'ddb BatchGet delivery claims')).toHaveLength(31);
    // No link was derived; the wave and its secret were not left behind.
    expect(setup.sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(lines.at(-2)).toMatch(new RegExp(`^\\u2714 clean up: {3}closed wave ${WAVE_ID}, which the failed run left open; its secret destroyed`));
    expect(setup.secretKept()).toBe(false);
    expect(setup.lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1);
  });

  it('refuses an organization that is not a smoke one before any call to AWS', async () => {
    const org = await smokeOrgFromTemplate('smoke-test');
    const setup = await stack({ org: { ...org, id: 'riverside' } });
    const { passed, lines } = await run(setup);

    expect(passed).toBe(false);
    expect(lines[1]).toContain('\u2718 prepare:    refused: riverside is not a throwaway smoke organization (its id "riverside" does not start with "smoke-")');
    expect(setup.ddb.calls()).toHaveLength(0);
    expect(setup.lambdaMock.calls()).toHaveLength(0);
    expect(setup.sm.calls()).toHaveLength(0);
  });

  it('refuses a smoke organization whose roster reaches a real person, having only read the roster, and names nobody', async () => {
    const org = await smokeOrgFromTemplate('smoke-test');
    const setup = await stack({ roster: [...storedRoster(org), person('nurse@riverside.example', 'ward-a')] });
    const { passed, lines, output } = await run(setup);

    expect(passed).toBe(false);
    expect(lines[1]).toContain(
      "refused: smoke-test is not a throwaway smoke organization (1 of the 13 people on its roster have an address other than the SES mailbox simulator's, or a phone)",
    );
    expect(output).not.toContain('riverside.example');
    expect(setup.ddb.calls().map((call) => call.args[0].constructor.name)).toEqual(['ScanCommand', 'ScanCommand', 'ScanCommand', 'ScanCommand']);
    expect(setup.lambdaMock.calls()).toHaveLength(0);
    expect(setup.sm.calls()).toHaveLength(0);
  });

  it('says so when the dispatch function opens no wave, or fails, naming only the error type', async () => {
    const none = await run(await stack({ opens: false }));
    expect(none.lines[2]).toContain('\u2718 open:       the dispatch function opened no wave: it opens one only when the cadence says one is due');

    const failing = await run(await stack({ dispatchError: 'AccessDeniedException' }));
    expect(failing.lines[2]).toContain(`\u2718 open:       the function ${DISPATCH} failed (AccessDeniedException); its log group has the error`);
    expect(failing.output).not.toContain('riverside');
  });
});
