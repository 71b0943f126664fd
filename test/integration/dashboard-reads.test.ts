import { describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { evaluateWave, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { dashboardUrl, ensureDashboardKey } from '../../shared/services/dashboard-links.js';
import { keys } from '../../shared/table.js';
import { testOrg } from '../support/fixtures.js';
import { testPlatform } from '../support/scenario.js';
import { closedWave, countsFor } from '../support/waves.js';

const PULSES = 3;

/** An organization of `departments` departments under one root, its chief executive and one manager. */
function orgOf(departments: number): OrgConfig {
  return testOrg({
    departments: [
      { id: 'root', name: 'Health system' },
      ...Array.from({ length: departments }, (_, i) => ({ id: `d${i}`, name: `Department ${i}`, parent: 'root' })),
    ],
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
async function executivePage(departments: number) {
  const org = orgOf(departments);
  const p = await testPlatform({ org, staff: [] });
  try {
    const history: Evaluation[] = [];
    for (let sequence = 0; sequence < PULSES; sequence++) {
      // Departments differ, and each pulse differs from the last, so trends have something to show.
      const units = org.departments.slice(1).map((d, i) => ({
        department: d.id,
        roleGroup: '_all',
        counts: countsFor(8 + (i % 5), { admin_burden: ((i + sequence) % 6) / 10, workload: (i % 4) / 10 }, sequence),
      }));
      const { wave } = closedWave(sequence, units, Object.fromEntries(units.map((u) => [`${u.department}/_all`, 12])), PULSES - sequence);
      await p.stores.waves.createWave(wave);
      const evaluation = evaluateWave(org, { wave, units }, history);
      await p.stores.figures.savePublished(evaluation);
      history.push(evaluation);
    }
    const key = await ensureDashboardKey(p.stores.actions);
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
    // Every group in one table: past 80 departments the first page is a summary of the newest pulse.
    const response = await p.app.request(`${new URL(dashboardUrl(key, 'http://test.invalid', 'ceo', p.clock.now())).pathname}/all`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const pageReadUnits = readUnits;
    // The same figures read one item per group, as the page read them before the compressed copies.
    for (const evaluation of history) {
      const { Item } = await p.documentClient.send(new GetCommand({ TableName: p.tableName, Key: keys.publishedSummary(evaluation.waveId) }));
      await p.documentClient.send(
        new QueryCommand({
          TableName: p.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.publishedPartition(evaluation.waveId), ':prefix': keys.publishedGroupsPrefix(String(Item!.saveId)) },
        }),
      );
    }
    return { html, requests, readUnits: pageReadUnits, itemByItemReadUnits: readUnits - pageReadUnits };
  } finally {
    await p.drop();
  }
}

/** The groups the table shows figures for: the organization, the root department and each department under it. */
const rows = (html: string) => (html.slice(html.indexOf('<table class="figures">')).match(/<th scope="row"/g) ?? []).length;

describe('the executive dashboard', () => {
  it('reads the whole organization’s pulses in the same few requests whatever its size, and far fewer read units than one item per group', async () => {
    const small = await executivePage(30);
    const large = await executivePage(150);
    expect(rows(small.html)).toBe(32);
    expect(rows(large.html)).toBe(152);
    expect(large.requests).toBe(small.requests);
    // Each group's item read one by one costs several times the compressed copy.
    expect(large.readUnits * 4).toBeLessThan(large.itemByItemReadUnits);
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
    await p.stores.waves.createWave(wave);
    await p.stores.figures.savePublished(before);
    await p.documentClient.send(new DeleteCommand({ TableName: p.tableName, Key: keys.publishedSummary(wave.id) }));
    await p.stores.figures.savePublished(after);
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
      expect(ids(await p.stores.figures.readPublished(wave.id, { departments: ['ed'] }))).toEqual(edGroups);
      expect(ids(await p.stores.figures.readPublished(wave.id))).toEqual(ids(after));
    } finally {
      await p.drop();
    }
  });

  it('are the first completed save’s, for good: a later save of other figures gets those back and changes nothing', async () => {
    const { p, wave, before, after } = await republished();
    try {
      // `after` completed; a run still on the old org file now saves `before` over it.
      expect(ids(await p.stores.figures.savePublished(before))).toEqual(ids(after));
      expect(ids(await p.stores.figures.readPublished(wave.id))).toEqual(ids(after));
      expect(ids(await p.stores.figures.readPublished(wave.id, { departments: ['ed'] }))).toEqual(
        ids(after).filter((id) => after.groups.find((g) => g.id === id)!.department === 'ed'),
      );
      // The same figures saved again (two runs at once) are the same save.
      expect(await p.stores.figures.savePublished(after)).toEqual(after);
    } finally {
      await p.drop();
    }
  });
});
