import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../functions/api/app.js';
import { TableIO } from '../../shared/adapters/dynamodb/table-io.js';
import { unitsOfShards } from '../../shared/adapters/dynamodb/wave-store.js';
import { countAttribute, mergeCounts } from '../../shared/domain/aggregates.js';
import { hashToken } from '../../shared/domain/tokens.js';
import { memoryLog } from '../../shared/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { keys } from '../../shared/table.js';
import { freePort } from '../lib/dynamodb-local.js';
import { benchOrg, benchPlatform, benchStaff, waveWithTokens } from './fixtures.js';
import { percentile, pool, round, timed } from './measure.js';

export function formFor(items: { id: string; options: { value: number }[] }[], i: number): Record<string, string> {
  return Object.fromEntries(items.map((item, j) => [`q_${item.id}`, String(item.options[(i + j) % item.options.length]!.value)]));
}

export async function countedIn(platform: Awaited<ReturnType<typeof benchPlatform>>, waveId: string, departments: string[]) {
  // The shards as they stand: no product path reads an open wave's counts.
  const table = new TableIO({ client: platform.documentClient, tableName: platform.tableName });
  const parts = await pool(departments, 16, async (d) => unitsOfShards(await table.partition(keys.aggregatePartition(waveId, d), { consistent: true })));
  return mergeCounts(parts.flat().map((unit) => unit.counts)).n;
}

/** Serves a fetch handler on node:http through @hono/node-server's listener: the app and the bare path ride the same HTTP stack. */
async function serveFetch(fetch: (request: Request) => Response | Promise<Response>) {
  const port = await freePort();
  const listener = getRequestListener(fetch);
  const server = createServer((request, response) => void listener(request, response));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Starts the app against the platform's store. */
export function serveApp(platform: Awaited<ReturnType<typeof benchPlatform>>, org: ReturnType<typeof benchOrg>) {
  return serveFetch(createApp({ ...platform.stores, clock: systemClock, org, log: memoryLog() }).fetch);
}

/** What a person's page posts: their answers beside the page's hidden fields. */
export function pageForm(page: { wave: string; unit: string }, items: Parameters<typeof formFor>[0], i: number): Record<string, string> {
  return { lang: 'en', ...page, ...formFor(items, i) };
}

async function postAll(url: string, tokens: string[], forms: Record<string, string>[], concurrency: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const { ms } = await timed(() =>
    pool(tokens, concurrency, async (token, i) => {
      const started = performance.now();
      // Uncompressed replies on both sides: the load generator's CPU is counted with the
      // server's, and gunzipping only the app's pages would charge the client's work to it.
      const response = await fetch(`${url}/p/${token}`, { method: 'POST', body: new URLSearchParams(forms[i]), headers: { 'accept-encoding': 'identity' } });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }),
  );
  latencies.sort((a, b) => a - b);
  return { ms, latencies, statuses, ok: statuses.get(200) ?? 0 };
}

/**
 * The least a server could do for one answer, as a fetch handler: read the urlencoded form,
 * send the same two-item transaction the store sends (token and a random shard of the
 * form's unit, same conditions, same idempotency token), answer 200 with a line of text.
 * No validation, no page.
 */
function bareSubmit(platform: Awaited<ReturnType<typeof benchPlatform>>) {
  return async (request: Request) => {
    const token = new URL(request.url).pathname.slice('/p/'.length);
    const form = new URLSearchParams(await request.text());
    const [department = '', roleGroup = ''] = (form.get('unit') ?? '').split('/');
    const increments = [...form].filter(([name]) => name.startsWith('q_')).map(([name, value]) => countAttribute(name.slice(2), Number(value)));
    await platform.documentClient.send(
      new TransactWriteCommand({
        ClientRequestToken: randomUUID(),
        TransactItems: [
          {
            Update: {
              TableName: platform.tableName,
              Key: keys.token(hashToken(token)),
              UpdateExpression: 'SET #state = :used',
              ConditionExpression:
                'attribute_exists(pk) AND #state = :issued AND #expiresAt > :now AND #waveId = :waveId AND #department = :department AND #roleGroup = :roleGroup',
              ExpressionAttributeNames: {
                '#state': 'state',
                '#expiresAt': 'expiresAt',
                '#waveId': 'waveId',
                '#department': 'department',
                '#roleGroup': 'roleGroup',
              },
              ExpressionAttributeValues: {
                ':used': 'used',
                ':issued': 'issued',
                ':now': Math.floor(Date.now() / 1000),
                ':waveId': form.get('wave'),
                ':department': department,
                ':roleGroup': roleGroup,
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Update: {
              TableName: platform.tableName,
              Key: keys.aggregate(form.get('wave') ?? '', department, roleGroup, Math.floor(Math.random() * 8)),
              UpdateExpression: `ADD n :one, ${increments.map((_, j) => `#c${j} :one`).join(', ')}`,
              ConditionExpression: 'attribute_not_exists(#closed)',
              ExpressionAttributeNames: { '#closed': 'closed', ...Object.fromEntries(increments.map((name, j) => [`#c${j}`, name])) },
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
    return new Response('counted', { headers: { 'content-type': 'text/plain' } });
  };
}

/**
 * Submit path: the app against the bare transaction, both behind the same node:http
 * listener, both warmed up, in interleaved rounds over the same units and shards, with
 * process CPU per answer (load generator included, the same on both sides) and the
 * database requests the app makes per answer.
 */
export async function benchSubmit(endpoint: string, n: number) {
  const org = benchOrg(10);
  const platform = await benchPlatform(endpoint, org);
  const warmup = 50;
  const staff = benchStaff(2 * (n + warmup), 10);
  const { wave, tokens, pages } = await waveWithTokens(platform, staff);
  let requests = 0;
  platform.documentClient.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'countRequests' });

  const app = await serveApp(platform, org);
  const bare = await serveFetch(bareSubmit(platform));
  const sides = { app: { server: app, offset: 0 }, bare: { server: bare, offset: n + warmup } };
  const empty = () => ({ ms: 0, ok: 0, cpuMs: 0, requests: 0, latencies: [] as number[] });
  const totals = { app: empty(), bare: empty() };
  const batch = async (side: 'app' | 'bare', from: number, count: number, record: boolean) => {
    const first = sides[side].offset + from;
    const slice = tokens.slice(first, first + count);
    const forms = slice.map((_, i) => pageForm(pages[first + i]!, wave.items, first + i));
    const cpu = process.cpuUsage();
    const before = requests;
    const result = await postAll(sides[side].server.url, slice, forms, 16);
    if (!record) return;
    const used = process.cpuUsage(cpu);
    const total = totals[side];
    total.ms += result.ms;
    total.ok += result.ok;
    total.cpuMs += (used.user + used.system) / 1000;
    total.requests += requests - before;
    total.latencies.push(...result.latencies);
  };
  await batch('app', 0, warmup, false);
  await batch('bare', 0, warmup, false);
  const rounds = 10;
  const perRound = Math.ceil(n / rounds);
  for (let index = 0; index < rounds; index++) {
    const from = warmup + index * perRound;
    const count = Math.min(perRound, n - index * perRound);
    // Alternate which side goes first, so drift on a shared machine hits both alike.
    const order: ('app' | 'bare')[] = index % 2 === 0 ? ['app', 'bare'] : ['bare', 'app'];
    for (const side of order) await batch(side, from, count, true);
  }
  await app.close();
  await bare.close();

  const counted = await countedIn(platform, wave.id, [...org.departments.map((d) => d.id), '_org']);
  const summary = (side: 'app' | 'bare') => {
    const t = totals[side];
    t.latencies.sort((a, b) => a - b);
    return {
      perSecond: round((t.ok / t.ms) * 1000, 1),
      p50ms: round(percentile(t.latencies, 50), 1),
      p99ms: round(percentile(t.latencies, 99), 1),
      accepted: t.ok,
      cpuMsPerAnswer: round(t.cpuMs / t.ok, 2),
    };
  };
  const appSummary = summary('app');
  const bareSummary = summary('bare');
  return {
    n,
    app: appSummary,
    bare: bareSummary,
    ratio: round(appSummary.perSecond / bareSummary.perSecond, 3),
    cpuMsPerAnswer: { app: appSummary.cpuMsPerAnswer, bare: bareSummary.cpuMsPerAnswer },
    requestsPerAnswer: round(totals.app.requests / totals.app.ok, 3),
    lost: totals.app.ok + totals.bare.ok + 2 * warmup - counted,
  };
}

/** Shift-change burst: all answers for one department at once, against the same spread over 50. */
export async function benchBurst(endpoint: string, n: number) {
  const results: Record<string, { perSecond: number; accepted: number; errors: number; lost: number; p99ms: number }> = {};
  for (const [label, departments] of [
    ['one', 1],
    ['spread', 50],
  ] as const) {
    const org = benchOrg(departments);
    const platform = await benchPlatform(endpoint, org);
    const { wave, tokens, pages } = await waveWithTokens(platform, benchStaff(n, departments));
    const server = await serveApp(platform, org);
    const burst = await postAll(
      server.url,
      tokens,
      tokens.map((_, i) => pageForm(pages[i]!, wave.items, i)),
      100,
    );
    await server.close();
    const counted = await countedIn(
      platform,
      wave.id,
      org.departments.map((d) => d.id),
    );
    results[label] = {
      perSecond: round((burst.ok / burst.ms) * 1000, 1),
      accepted: burst.ok,
      errors: n - burst.ok,
      lost: burst.ok - counted,
      p99ms: round(percentile(burst.latencies, 99), 1),
    };
  }
  const one = results.one!;
  const spread = results.spread!;
  return {
    n,
    oneDepartment: one,
    fiftyDepartments: spread,
    ratio: round(one.perSecond / spread.perSecond, 3),
    errors: one.errors + spread.errors,
    lost: one.lost + spread.lost,
    shards: 8,
    // DynamoDB: ~1,000 WCU/s per partition; an aggregate partition is one department, and a
    // transactional write of a <1 KB item costs 2 WCU. Shards split item contention, not the partition.
    awsAnswersPerSecondPerDepartment: 500,
  };
}

/** The pulse page: gzipped bytes with its CSS, and the requests it needs. */
export async function benchPage(endpoint: string) {
  const org = benchOrg(2);
  const platform = await benchPlatform(endpoint, org);
  const { tokens } = await waveWithTokens(platform, benchStaff(5, 1));
  const app = createApp({ ...platform.stores, clock: systemClock, org, log: memoryLog() });
  const html = await (await app.request(`/p/${tokens[0]}`)).text();
  const subresources = (html.match(/<(link|script|img)\b[^>]*(href|src)=/g) ?? []).length;
  return { bytes: Buffer.byteLength(html), gzipBytes: gzipSync(html).length, budgetGzipBytes: 14 * 1024, requests: 1 + subresources };
}

/**
 * Opening a wave for `staff` people into the local outbox: time, peak memory, and every
 * DynamoDB request from the moment the wave starts opening to the last message sent (what
 * an organization pays for a wave, beside the messages themselves).
 */
export async function benchDispatch(endpoint: string, staff: number, channel: 'email' | 'both' = 'email') {
  const { openWave } = await import('../../shared/use-cases/open-wave.js');
  const org = benchOrg(20);
  const platform = await benchPlatform(endpoint, org);
  await platform.stores.roster.putStaff(benchStaff(staff, 20, channel));
  let requests = 0;
  platform.documentClient.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'countRequests' });
  const { ms, result } = await timed(() => openWave(platform.waveDeps));
  const counted = requests;
  const messages = (await platform.outbox.list()).length;
  return {
    staff,
    queued: result.dispatch.queued.invite,
    messages,
    failed: platform.queue.failed.length,
    seconds: round(ms / 1000, 2),
    perSecond: round(staff / (ms / 1000), 0),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    requests: counted,
    requestsPerPerson: round(counted / staff, 2),
    requestsPerMessage: round(counted / messages, 2),
  };
}
