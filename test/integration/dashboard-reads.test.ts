import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { evaluateWave, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { dashboardUrl, ensureDashboardKey } from '../../shared/use-cases/show-dashboard.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { StoredDataError } from '../../shared/errors.js';
import { keys } from '../../shared/table.js';
import { testOrg } from '../support/fixtures.js';
import { testPlatform } from '../support/scenario.js';
import { closedWave, countsFor } from '../support/waves.js';

const PULSES = 3;

/** An organization of `departments` departments under one root, its chief executive and one manager. */
function orgOf(departments: number): OrgConfig {
  return testOrg({
    departments: [{ id: 'root', name: 'Health system' }, ...Array.from({ length: departments }, (_, i) => ({ id: `d${i}`, name: `Department ${i}`, parent: 'root' }))],
    leaders: [
      { id: 'ceo', name: 'Chief executive', email: 'ceo@test.example', departments: [], executive: true },
      { id: 'manager', name: 'Manager', email: 'manager@test.example', departments: ['d0'] },
    ],
  });
}

/**
 * `PULSES` closed pulses, each published as the alert job publishes it (its figures item by
 * item and again compressed), then the executive's page as the app serves it, with the
 * DynamoDB requests and read units it took.
 */
async function executivePage(departments: number, options: { beforeCompressedCopies?: boolean } = {}) {
  const org = orgOf(departments);
  const p = await testPlatform({ org, staff: [] });
  try {
    const history: Evaluation[] = [];
    for (let sequence = 0; sequence < PULSES; sequence++) {
      // Departments differ, and each pulse differs from the last, so trends have something to show.
      const units = org.departments.slice(1).map((d, i) => ({ department: d.id, roleGroup: '_all', counts: countsFor(8 + (i % 5), { admin_burden: ((i + sequence) % 6) / 10, workload: (i % 4) / 10 }, sequence) }));
      const { wave } = closedWave(sequence, units, Object.fromEntries(units.map((u) => [`${u.department}/_all`, 12])), PULSES - sequence);
      await p.store.createWave(wave);
      const evaluation = evaluateWave(org, { wave, units }, history);
      await p.store.savePublished(evaluation);
      history.push(evaluation);
      // What a pulse published by a version before the compressed copy looks like to a reader.
      if (options.beforeCompressedCopies) await p.documentClient.send(new UpdateCommand({ TableName: p.tableName, Key: keys.publishedSummary(wave.id), UpdateExpression: 'REMOVE evalChunks' }));
    }
    const key = await ensureDashboardKey(p.store);
    let requests = 0;
    let readUnits = 0;
    p.documentClient.middlewareStack.add(
      (next) => async (args) => {
        requests++;
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
        for (const c of [consumed ?? []].flat()) readUnits += c.CapacityUnits ?? 0;
        return result;
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const response = await p.app.request(new URL(dashboardUrl(key, 'http://test.invalid', 'ceo', p.clock.now())).pathname);
    expect(response.status).toBe(200);
    return { html: await response.text(), requests, readUnits };
  } finally {
    await p.drop();
  }
}

const withoutLink = (html: string) => html.replaceAll(/\/d\/[A-Za-z0-9_.-]+\//g, '/d/<link>/');

/** The groups the page shows figures for: the organization, the root department and each department under it. */
const rows = (html: string) => (html.match(/<th scope="row"/g) ?? []).length;

describe('the executive dashboard', () => {
  it('reads the whole organization’s pulses in the same few requests whatever its size, and far fewer read units than one item per group', async () => {
    const small = await executivePage(30);
    const large = await executivePage(150);
    const itemByItem = await executivePage(150, { beforeCompressedCopies: true });
    expect(rows(small.html)).toBe(32);
    expect(rows(large.html)).toBe(152);
    expect(large.requests).toBe(small.requests);
    // Each group's item read one by one costs several times the compressed copy.
    expect(large.readUnits * 4).toBeLessThan(itemByItem.readUnits);
  }, 120_000);

  it('shows the same page from the compressed copies as from the figures stored item by item (pulses published before the copies existed)', async () => {
    const compressed = await executivePage(40);
    const itemByItem = await executivePage(40, { beforeCompressedCopies: true });
    expect(rows(compressed.html)).toBe(42);
    // Each platform signs with a key of its own; past the link, only the figures could differ.
    expect(withoutLink(compressed.html)).toBe(withoutLink(itemByItem.html));
  }, 120_000);
});

describe('published figures', () => {
  /**
   * A wave published under one org file, the save cut short before its summary (a function
   * timing out half way), then published again after the org file changed: a larger k hides
   * role groups the first save had written. Items the second save does not overwrite are
   * still in the table.
   */
  async function republished() {
    const units = [
      { department: 'ed', roleGroup: 'nurse', counts: countsFor(6, { workload: 0.5 }) },
      { department: 'ed', roleGroup: 'physician', counts: countsFor(5, { workload: 0.2 }) },
      { department: 'lab', roleGroup: 'nurse', counts: countsFor(7, { admin_burden: 0.4 }) },
      { department: 'lab', roleGroup: 'physician', counts: countsFor(6, { admin_burden: 0.1 }) },
    ];
    const { wave } = closedWave(0, units, Object.fromEntries(units.map((u) => [`${u.department}/${u.roleGroup}`, 9])));
    const before = evaluateWave(testOrg({ k: 5 }), { wave, units });
    const after = evaluateWave(testOrg({ k: 7 }), { wave, units });
    const p = await testPlatform({ org: testOrg({ k: 7 }), staff: [] });
    await p.store.createWave(wave);
    await p.store.savePublished(before);
    await p.documentClient.send(new DeleteCommand({ TableName: p.tableName, Key: keys.publishedSummary(wave.id) }));
    await p.store.savePublished(after);
    return { p, wave, before, after };
  }
  const ids = (evaluation: Evaluation | undefined) => (evaluation?.groups ?? []).map((g) => g.id).sort();

  it('are read as the save that completed, never mixed with a save cut short before it', async () => {
    const { p, wave, before, after } = await republished();
    try {
      // The premise: the first save published groups the second hides.
      const hiddenNow = ids(before).filter((id) => !ids(after).includes(id));
      expect(hiddenNow.length).toBeGreaterThan(0);
      const edGroups = ids(after).filter((id) => after.groups.find((g) => g.id === id)!.department === 'ed');
      // A manager's page reads their departments' items; the executive's and the alert job's, the whole wave.
      expect(ids(await p.store.readPublished(wave.id, { departments: ['ed'] }))).toEqual(edGroups);
      expect(ids(await p.store.readPublished(wave.id))).toEqual(ids(after));
      // Item by item too, as for a wave published before the compressed copy existed.
      await p.documentClient.send(new UpdateCommand({ TableName: p.tableName, Key: keys.publishedSummary(wave.id), UpdateExpression: 'REMOVE evalChunks' }));
      expect(ids(await p.store.readPublished(wave.id))).toEqual(ids(after));
    } finally {
      await p.drop();
    }
  });

  it('are the first completed save’s, for good: a later save of other figures gets those back and changes nothing', async () => {
    const { p, wave, before, after } = await republished();
    try {
      // `after` completed; a run still on the old org file now saves `before` over it.
      expect(ids(await p.store.savePublished(before))).toEqual(ids(after));
      expect(ids(await p.store.readPublished(wave.id))).toEqual(ids(after));
      expect(ids(await p.store.readPublished(wave.id, { departments: ['ed'] }))).toEqual(ids(after).filter((id) => after.groups.find((g) => g.id === id)!.department === 'ed'));
      // The same figures saved again (two runs at once) are the same save.
      expect(await p.store.savePublished(after)).toEqual(after);
    } finally {
      await p.drop();
    }
  });

  it('saved before saves had ids are read as the save that completed, even where a save cut short left groups beside it', async () => {
    const units = [
      { department: 'ed', roleGroup: 'nurse', counts: countsFor(6, { workload: 0.5 }) },
      { department: 'ed', roleGroup: 'physician', counts: countsFor(5, { workload: 0.2 }) },
    ];
    const { wave } = closedWave(0, units, { 'ed/nurse': 9, 'ed/physician': 9 });
    const before = evaluateWave(testOrg({ k: 5 }), { wave, units });
    const after = evaluateWave(testOrg({ k: 7 }), { wave, units });
    const p = await testPlatform({ staff: [] });
    try {
      // As the code before save ids wrote them: every save under the same keys, the summary
      // last. The first save was cut short before its summary; the second completed.
      const saveAsBefore = async (evaluation: Evaluation, withSummary: boolean) => {
        for (const group of evaluation.groups) await p.documentClient.send(new PutCommand({ TableName: p.tableName, Item: { ...keys.publishedGroup(wave.id, group.department, group.id), group } }));
        await p.documentClient.send(new PutCommand({ TableName: p.tableName, Item: { ...keys.publishedChunk(wave.id, 0), data: gzipSync(JSON.stringify(evaluation.groups)) } }));
        if (withSummary) await p.documentClient.send(new PutCommand({ TableName: p.tableName, Item: { ...keys.publishedSummary(wave.id), waveId: wave.id, groupCount: evaluation.groups.length, hiddenGroups: evaluation.hiddenGroups, evalChunks: 1 } }));
      };
      await saveAsBefore(before, false);
      await saveAsBefore(after, true);
      expect(ids(before).filter((id) => !ids(after).includes(id)).length).toBeGreaterThan(0);
      expect(ids(await p.store.readPublished(wave.id))).toEqual(ids(after));
      expect(ids(await p.store.readPublished(wave.id, { departments: ['ed'] }))).toEqual(ids(after).filter((id) => after.groups.find((g) => g.id === id)!.department === 'ed'));
      // Published already: saving again changes nothing.
      expect(ids(await p.store.savePublished(before))).toEqual(ids(after));

      // Saved before the compressed copy too: no copy to list the completed save's groups, so
      // its items, one too many, are not the figures the summary counts. Withheld, not mixed,
      // and never replaced by figures evaluated again (someone may have seen the others).
      await p.documentClient.send(new DeleteCommand({ TableName: p.tableName, Key: keys.publishedChunk(wave.id, 0) }));
      await p.documentClient.send(new UpdateCommand({ TableName: p.tableName, Key: keys.publishedSummary(wave.id), UpdateExpression: 'REMOVE evalChunks' }));
      expect(await p.store.readPublished(wave.id, { departments: ['ed'] })).toBeUndefined();
      expect(await p.store.readPublished(wave.id)).toBeUndefined();
      expect(await p.store.savePublished(after)).toBeUndefined();
      const { Item } = await p.documentClient.send(new GetCommand({ TableName: p.tableName, Key: keys.publishedSummary(wave.id) }));
      expect(Item).not.toHaveProperty('saveId');

      // The alert job leaves such a wave out of the history of the next one, every day, and
      // sends that one's digests.
      const units2 = [{ department: 'ed', roleGroup: 'nurse', counts: countsFor(8, { workload: 0.5 }) }];
      const next = closedWave(1, units2, { 'ed/nurse': 9 }, -1).wave;
      await p.store.createWave({ ...wave, status: 'closed' });
      await p.store.createWave(next);
      // Its own alert run has nothing it may send, and says so loudly.
      await expect(runAlerts({ store: p.store, messenger: p.outbox, clock: p.clock, org: testOrg({ k: 7 }), log: p.log }, { waveId: wave.id })).rejects.toThrow(StoredDataError);
      for (let day = 0; day < 2; day++) {
        const report = await runAlerts({ store: p.store, messenger: p.outbox, clock: p.clock, org: testOrg({ k: 7 }), log: p.log });
        expect(report.waveId).toBe(next.id);
      }
      expect(await p.store.readPublished(wave.id)).toBeUndefined();
    } finally {
      await p.drop();
    }
  });
});
