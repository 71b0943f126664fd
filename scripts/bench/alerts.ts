import { gzipSync } from 'node:zlib';
import { createApp } from '../../functions/api/app.js';
import { TableIO } from '../../shared/adapters/dynamodb/table-io.js';
import { waveItem, writeFrozen } from '../../shared/adapters/dynamodb/wave-store.js';
import { memoryLog } from '../../shared/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { keys } from '../../shared/table.js';
import type { UnitCounts } from '../../shared/domain/evaluate-hotspots.js';
import type { Wave } from '../../shared/domain/wave.js';
import { benchPlatform, benchTreeOrg } from './fixtures.js';
import { median, pool, round, timed } from './measure.js';

/**
 * Alert evaluation at scale: `departments` departments with 12 closed waves of aggregates,
 * evaluated once; then ten times the answers in the same departments. The request count
 * depends on departments and waves, never on answers.
 */
export async function benchAlerts(endpoint: string, departments: number) {
  const { BatchWriteCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { runAlerts } = await import('../../shared/use-cases/run-alerts.js');
  const { DEFAULT_INSTRUMENT, itemsForWave } = await import('../../shared/domain/instrument.js');
  const { countAttribute } = await import('../../shared/domain/aggregates.js');
  const org = {
    ...benchTreeOrg(departments),
    leaders: [
      { id: 'ceo', name: 'CEO', email: 'ceo@bench.example', departments: [], executive: true, locale: 'en' as const },
      { id: 'manager', name: 'Manager', email: 'manager@bench.example', departments: ['d0'], executive: false, locale: 'en' as const },
    ],
  };
  const platform = await benchPlatform(endpoint, org);
  const waves = 12;
  const seed = async (scale: number) => {
    const items: Record<string, unknown>[] = [];
    const frozen: { wave: Wave; units: UnitCounts[] }[] = [];
    for (let w = 0; w < waves; w++) {
      const waveId = `w2026${String(w + 1).padStart(2, '0')}01-01`;
      const wave: Wave = {
        id: waveId,
        sequence: w,
        status: 'closed',
        openedAt: new Date(Date.UTC(2026, w, 1)).toISOString(),
        closesAt: new Date(Date.UTC(2026, w, 6)).toISOString(),
        instrumentVersion: DEFAULT_INSTRUMENT.version,
        items: itemsForWave(DEFAULT_INSTRUMENT, w),
        staffPerUnit: Object.fromEntries(org.departments.map((d) => [`${d.id}/_all`, 30 * scale])),
        units: Object.fromEntries(org.departments.map((d) => [`${d.id}/nurse`, `${d.id}/_all`])),
        issued: 30 * departments,
        reminderRequested: false,
        dispatchedInvite: [],
        dispatchedReminder: [],
        news: {},
      };
      const units: UnitCounts[] = [];
      for (const [i, d] of org.departments.entries()) {
        const n = 20 * scale;
        const counts: Record<string, number> = { n };
        for (const item of itemsForWave(DEFAULT_INSTRUMENT, w)) {
          const bad = Math.round(n * ((i % 7) / 10));
          counts[countAttribute(item.id, item.adverse[0]!)] = bad;
          counts[countAttribute(item.id, item.options.find((o) => !item.adverse.includes(o.value))!.value)] = n - bad;
        }
        const halves = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.floor(v / 2)]));
        for (let shard = 0; shard < 2; shard++) items.push({ ...keys.aggregate(waveId, d.id, '_all', shard), ...halves });
        const { n: half, ...counters } = halves;
        units.push({
          department: d.id,
          roleGroup: '_all',
          counts: { n: 2 * half!, counts: Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, 2 * v])) },
        });
      }
      frozen.push({ wave, units });
    }
    await pool(
      Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25)),
      8,
      (chunk) =>
        platform.documentClient.send(new BatchWriteCommand({ RequestItems: { [platform.tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) } })),
    );
    // As closing each wave would have: its counts frozen, and the wave saying how many chunks.
    for (const { wave, units } of frozen) {
      const frozenChunks = await writeFrozen(new TableIO({ client: platform.documentClient, tableName: platform.tableName }), wave.id, units);
      await platform.documentClient.send(new PutCommand({ TableName: platform.tableName, Item: { ...waveItem(wave), frozenChunks } }));
    }
  };
  // Count every request the alert job makes, and the read units DynamoDB reports for them.
  let requests = 0;
  let readUnits = 0;
  platform.documentClient.middlewareStack.add(
    (next) => async (args) => {
      requests++;
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
      for (const c of [output.ConsumedCapacity ?? []].flat()) readUnits += c.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  const measure = async () => {
    requests = 0;
    readUnits = 0;
    const { ms, result } = await timed(() =>
      runAlerts({ ...platform.stores, messenger: { send: async () => 'sent' as const }, clock: systemClock, org, log: memoryLog() }, { dryRun: true }),
    );
    return { ms: round(ms, 0), requests, readUnits: round(readUnits, 1), groups: result.evaluation?.groups.length ?? 0 };
  };
  await seed(1);
  const base = await measure();
  await seed(10);
  const tenfold = await measure();

  // The dashboard reads what the alert job stores once per closed wave. Every stored wave
  // here is a copy of the newest one's evaluation: the same number and size of groups,
  // which is what the page's cost depends on.
  const { DASHBOARD_WAVES } = await import('../../shared/domain/dashboard.js');
  const { dashboardUrl, ensureDashboardKey } = await import('../../shared/services/dashboard-links.js');
  const newest = (
    await runAlerts({ ...platform.stores, messenger: { send: async () => 'sent' as const }, clock: systemClock, org, log: memoryLog() }, { dryRun: true })
  ).evaluation!;
  const stored = (await platform.stores.waves.listWaves()).sort((a, b) => b.openedAt.localeCompare(a.openedAt)).slice(0, DASHBOARD_WAVES);
  for (const wave of stored) await platform.stores.figures.savePublished({ ...newest, waveId: wave.id });
  const app = createApp({ ...platform.stores, clock: systemClock, org, log: memoryLog() });
  const key = await ensureDashboardKey(platform.stores.actions);
  const load = async (path: string) => {
    requests = 0;
    readUnits = 0;
    const { ms, result: html } = await timed(async () => {
      const response = await app.request(path);
      if (response.status !== 200) throw new Error(`dashboard ${path} answered ${response.status}`);
      return response.text();
    });
    return { ms, requests, readUnits, html };
  };
  const summarize = (runs: Awaited<ReturnType<typeof load>>[]) => {
    const last = runs.at(-1)!;
    return {
      ms: round(median(runs.map((r) => r.ms)), 0),
      requests: last.requests,
      readUnits: round(last.readUnits, 1),
      rows: (last.html.match(/<th scope="row"/g) ?? []).length,
      gzipBytes: gzipSync(last.html).length,
    };
  };
  /** Each path in turn, round after round, so both meet the same machine: the ratio is taken within each round. */
  const interleaved = async (paths: string[], rounds: number) => {
    const runs = paths.map(() => [] as Awaited<ReturnType<typeof load>>[]);
    for (let round = 0; round < rounds; round++) for (const [i, path] of paths.entries()) runs[i]!.push(await load(path));
    return runs;
  };
  const pathOf = (leaderId: string) => new URL(dashboardUrl(key, 'http://bench.invalid', leaderId, systemClock.now())).pathname;
  // The executive's first page is a summary of the top of the tree; the full table is one link away.
  const [first, full] = await interleaved([pathOf('ceo'), `${pathOf('ceo')}/all`], 5);
  const [manager] = await interleaved([pathOf('manager')], 3);
  const executive = {
    ...summarize(first!),
    full: summarize(full!),
    timeRatio: round(median(first!.map((run, i) => run.ms / full![i]!.ms)), 2),
  };
  const dashboard = { waves: stored.length, executive, manager: summarize(manager!) };
  return { departments, waves, base, tenTimesAnswers: tenfold, requestsGrowWithAnswers: tenfold.requests !== base.requests, dashboard };
}
