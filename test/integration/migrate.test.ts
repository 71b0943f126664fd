import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { migrateTable } from '../../shared/adapters/dynamodb/migrate.js';
import { shardKeys } from '../../shared/adapters/dynamodb/wave-store.js';
import { countAttribute } from '../../shared/domain/aggregates.js';
import { evaluateWave, type Evaluation, type UnitCounts } from '../../shared/domain/evaluate-hotspots.js';
import type { Wave } from '../../shared/domain/wave.js';
import { StoredDataError } from '../../shared/errors.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { keys } from '../../shared/table.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { completeForm, hiddenFields, openTestWave, postForm, testPlatform } from '../support/scenario.js';
import { closedWave, countsFor } from '../support/waves.js';

/**
 * `npm run pulse -- migrate` against items in every shape 0.1.0 wrote and this version no
 * longer reads: after it, each reads as 0.1.0 read it; run again, it changes nothing.
 */
const drop = dropAfterEach();
type Platform = Awaited<ReturnType<typeof testPlatform>>;

async function scan(p: Platform): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await p.documentClient.send(new ScanCommand({ TableName: p.tableName, ConsistentRead: true }));
  return Items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

const ids = (evaluation: Evaluation | undefined) => (evaluation?.groups ?? []).map((g) => g.id).sort();

/** A wave item as 0.1.0 stored it: the plan as two maps, no packed attribute. */
async function putAsMaps(p: Platform, wave: Wave, extra: Record<string, unknown> = {}) {
  const { dispatchedInvite: _invite, dispatchedReminder: _reminder, ...stored } = wave;
  await p.documentClient.send(new PutCommand({ TableName: p.tableName, Item: { ...keys.wave(wave.id), ...stored, ...extra } }));
}

/** Figures as 0.1.0 saved them: every save under the same keys, the summary last (with or without compressed chunks). */
async function publishAsBefore(p: Platform, evaluation: Evaluation, options: { summary: boolean; chunks: boolean }) {
  for (const group of evaluation.groups)
    await p.documentClient.send(
      new PutCommand({ TableName: p.tableName, Item: { ...keys.publishedGroup(evaluation.waveId, group.department, group.id), group } }),
    );
  if (options.chunks)
    await p.documentClient.send(
      new PutCommand({ TableName: p.tableName, Item: { ...keys.publishedChunk(evaluation.waveId, 0), data: gzipSync(JSON.stringify(evaluation.groups)) } }),
    );
  if (options.summary)
    await p.documentClient.send(
      new PutCommand({
        TableName: p.tableName,
        Item: {
          ...keys.publishedSummary(evaluation.waveId),
          waveId: evaluation.waveId,
          groupCount: evaluation.groups.length,
          hiddenGroups: evaluation.hiddenGroups,
          ...(options.chunks ? { evalChunks: 1 } : {}),
        },
      }),
    );
}

describe('migrating a 0.1.0 table', () => {
  it('packs plans stored as maps, which this version refuses to read until then, and changes nothing the second time', async () => {
    const p = drop(await testPlatform({ staff: [] }));
    const { wave } = closedWave(0, [], { 'ed/nurse': 9, 'lab/_all': 7 });
    await p.storeClosedWave({ wave, units: [] });
    const current = await scan(p);
    const old = { ...wave, id: 'w20250101-01', units: { 'ed/nurse': 'ed/nurse', 'lab/physician': 'lab/_all' } };
    await putAsMaps(p, old, { frozenChunks: 0, shardsDeleted: true });
    await expect(p.stores.waves.listWaves()).rejects.toThrow(/npm run pulse -- migrate/);

    expect(await migrateTable(p.table)).toMatchObject({ plansPacked: 1, countsFrozen: 0, shardsDeleted: 0, figuresRewritten: 0 });
    expect(await p.stores.waves.getWave(old.id)).toEqual({ ...old, frozenChunks: 0 });
    expect((await scan(p)).filter((item) => item.sk !== keys.wave(old.id).sk)).toEqual(current);
    const after = await scan(p);
    expect(await migrateTable(p.table)).toEqual({ plansPacked: 0, shardsMade: 0, countsFrozen: 0, shardsDeleted: 0, figuresRewritten: 0, figuresWithheld: [] });
    expect(await scan(p)).toEqual(after);
  });

  it('makes the shards an open wave of 0.1.0 had not made yet, so the first answers of its units count instead of reading as closed', async () => {
    const s = drop(await openTestWave({ staff: [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 6)] }));
    // As 0.1.0 left an open wave: a shard only once someone answered into it, no count of reach.
    const ed = shardKeys(s.wave.id, s.wave.staffPerUnit);
    for (const key of ed) await s.documentClient.send(new DeleteCommand({ TableName: s.tableName, Key: key }));
    await s.documentClient.send(new UpdateCommand({ TableName: s.tableName, Key: keys.wave(s.wave.id), UpdateExpression: 'REMOVE shardsMade, reachK' }));
    const pages = await Promise.all(s.tokens.map((token) => hiddenFields(s.app, token)));
    const submit = (i: number) => postForm(s.app, s.tokens[i]!, { ...pages[i], ...completeForm(s.wave.items) }, { fromPage: false });
    expect((await submit(0)).status).toBe(410);

    expect((await migrateTable(s.table)).shardsMade).toBe(ed.length);
    for (let i = 0; i < 8; i++) expect((await submit(i)).status).toBe(200);
    expect((await s.readUnits(s.wave.id, ['ed'])).reduce((sum, unit) => sum + unit.counts.n, 0)).toBe(8);
    expect((await migrateTable(s.table)).shardsMade).toBe(0);
  });

  it('freezes the counts of a wave closed before freezing from its shards, deletes them, and publishes the figures 0.1.0 would have', async () => {
    const org = testOrg();
    const p = drop(await testPlatform({ org, staff: [] }));
    const units: UnitCounts[] = [
      { department: 'ed', roleGroup: 'nurse', counts: countsFor(6, { workload: 0.5 }) },
      { department: 'lab', roleGroup: '_all', counts: countsFor(7, { admin_burden: 0.4 }) },
    ];
    const { wave } = closedWave(0, units, { 'ed/nurse': 8, 'lab/_all': 9 });
    await putAsMaps(p, wave);
    // Its shards as its close left them: marked closed, the unit's counts over two of them.
    for (const unit of units) {
      const [first, second] = shardKeys(wave.id, { [`${unit.department}/${unit.roleGroup}`]: 1 });
      const half = (value: number) => Math.floor(value / 2);
      await p.documentClient.send(
        new PutCommand({
          TableName: p.tableName,
          Item: { ...first, closed: true, n: half(unit.counts.n), ...Object.fromEntries(Object.entries(unit.counts.counts).map(([k, v]) => [k, half(v)])) },
        }),
      );
      await p.documentClient.send(
        new PutCommand({
          TableName: p.tableName,
          Item: {
            ...second,
            closed: true,
            n: unit.counts.n - half(unit.counts.n),
            ...Object.fromEntries(Object.entries(unit.counts.counts).map(([k, v]) => [k, v - half(v)])),
          },
        }),
      );
    }
    expect(units[0]!.counts.counts[countAttribute(wave.items[0]!.id, wave.items[0]!.adverse[0]!)]).toBeGreaterThan(0);
    await expect(runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org, log: p.log })).rejects.toThrow(StoredDataError);

    expect(await migrateTable(p.table)).toMatchObject({ plansPacked: 1, countsFrozen: 1, shardsDeleted: 1 });
    const migrated = (await p.stores.waves.getWave(wave.id))!;
    expect(migrated.responses).toBe(13);
    expect((await p.stores.waves.readFrozen([migrated])).get(wave.id)).toEqual(expect.arrayContaining(units));
    expect((await scan(p)).filter((item) => String(item.pk).startsWith('AGG#'))).toEqual([]);
    const report = await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org, log: p.log });
    expect(report.evaluation).toEqual(evaluateWave(org, { wave: migrated, units }));
  });

  it('deletes the shards a closed, frozen wave of 0.1.0 kept', async () => {
    const p = drop(await testPlatform({ staff: [] }));
    const units = [{ department: 'ed', roleGroup: 'nurse', counts: countsFor(6, {}) }];
    const { wave } = closedWave(0, units, { 'ed/nurse': 8 });
    await p.storeClosedWave({ wave, units });
    await p.documentClient.send(new UpdateCommand({ TableName: p.tableName, Key: keys.wave(wave.id), UpdateExpression: 'REMOVE shardsDeleted' }));
    for (const key of shardKeys(wave.id, wave.staffPerUnit))
      await p.documentClient.send(new PutCommand({ TableName: p.tableName, Item: { ...key, closed: true, n: 0 } }));
    expect(await migrateTable(p.table)).toMatchObject({ shardsDeleted: 1, countsFrozen: 0 });
    expect((await scan(p)).filter((item) => String(item.pk).startsWith('AGG#'))).toEqual([]);
    expect((await p.stores.waves.readFrozen([(await p.stores.waves.getWave(wave.id))!])).get(wave.id)).toEqual(units);
  });

  it('writes figures saved before save ids under one, read as 0.1.0 read them, and keeps withheld what 0.1.0 could not read whole', async () => {
    const units = [
      { department: 'ed', roleGroup: 'nurse', counts: countsFor(6, { workload: 0.5 }) },
      { department: 'ed', roleGroup: 'physician', counts: countsFor(5, { workload: 0.2 }) },
    ];
    const p = drop(await testPlatform({ org: testOrg({ k: 7 }), staff: [] }));
    const waves = [0, 1, 2].map((sequence) => closedWave(sequence, units, { 'ed/nurse': 9, 'ed/physician': 9 }, 3 - sequence));
    for (const w of waves) await p.storeClosedWave(w);
    const figures = (org: ReturnType<typeof testOrg>, i: number) => evaluateWave(org, waves[i]!);
    const [cutShort, completed] = [figures(testOrg({ k: 5 }), 0), figures(testOrg({ k: 7 }), 0)];
    expect(ids(cutShort).filter((id) => !ids(completed).includes(id)).length).toBeGreaterThan(0);
    // Wave 0: a save cut short, then one completed over it, with a compressed copy.
    await publishAsBefore(p, cutShort, { summary: false, chunks: true });
    await publishAsBefore(p, completed, { summary: true, chunks: true });
    // Wave 1: saved before compressed copies, whole.
    const whole = figures(testOrg({ k: 7 }), 1);
    await publishAsBefore(p, whole, { summary: true, chunks: false });
    // Wave 2: the same cut-short story before compressed copies: one group too many, which 0.1.0 withheld.
    await publishAsBefore(p, { ...figures(testOrg({ k: 5 }), 2) }, { summary: false, chunks: false });
    await publishAsBefore(p, figures(testOrg({ k: 7 }), 2), { summary: true, chunks: false });

    const report = await migrateTable(p.table);
    expect(report).toMatchObject({ figuresRewritten: 2, figuresWithheld: [waves[2]!.wave.id] });
    expect(ids(await p.stores.figures.readPublished(waves[0]!.wave.id))).toEqual(ids(completed));
    expect(ids(await p.stores.figures.readPublished(waves[0]!.wave.id, { departments: ['ed'] }))).toEqual(
      ids(completed).filter((id) => completed.groups.find((g) => g.id === id)!.department === 'ed'),
    );
    const rewritten = (await p.stores.figures.readPublished(waves[1]!.wave.id))!;
    expect(rewritten.hiddenGroups).toEqual(whole.hiddenGroups);
    expect(rewritten.groups).toHaveLength(whole.groups.length);
    expect(rewritten.groups).toEqual(expect.arrayContaining(whole.groups));
    // No item under the old keys is left beside the rewritten ones.
    expect(
      (await scan(p)).filter(
        (item) => String(item.pk).startsWith('PUBLISHED#') && /^(GROUP|EVAL)#/.test(String(item.sk)) && item.pk !== keys.publishedPartition(waves[2]!.wave.id),
      ),
    ).toEqual([]);
    // Withheld stays withheld, and is never published again: the alert job says so loudly.
    expect(await p.stores.figures.readPublished(waves[2]!.wave.id)).toBeUndefined();
    expect(await p.stores.figures.savePublished(figures(testOrg({ k: 7 }), 2))).toBeUndefined();
    await expect(runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org: testOrg({ k: 7 }), log: p.log })).rejects.toThrow(StoredDataError);

    const after = await scan(p);
    expect(await migrateTable(p.table)).toMatchObject({ figuresRewritten: 0, figuresWithheld: [waves[2]!.wave.id] });
    expect(await scan(p)).toEqual(after);
  });
});
