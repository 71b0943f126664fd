import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../../functions/api/app.js';
import { loadOrgConfig } from '../../shared/config.js';
import { ORG_UNIT } from '../../shared/domain/recording-units.js';
import { evaluateWave, type Evaluation, type UnitCounts } from '../../shared/domain/evaluate-hotspots.js';
import type { Wave } from '../../shared/domain/wave.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { listRoster } from '../../shared/services/roster-reads.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { demoLinks, demoRespondents, seededRandom, simulatedForm } from '../../scripts/lib/demo-answers.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { staffIn } from '../support/fixtures.js';
import { BASE_URL, completeForm, hiddenFields, linkToken, openTestWave, postForm, testPlatform } from '../support/scenario.js';

/**
 * What a closed wave leaves in the table for an operator, or anyone holding its backups once
 * those 35 days have passed: the counts frozen at close and the figures published from them,
 * and nothing per shard or per message. A shard that one person alone answered into would
 * hold their whole answer; a delivery claim says who was sent the wave's message.
 */
type Platform = Awaited<ReturnType<typeof testPlatform>>;

async function scanTable(p: { documentClient: Platform['documentClient']; tableName: string }): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await p.documentClient.send(new ScanCommand({ TableName: p.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

const shards = (items: readonly Record<string, unknown>[]) => items.filter((item) => String(item.pk).startsWith('AGG#'));
const claims = (items: readonly Record<string, unknown>[]) => items.filter((item) => String(item.pk).startsWith('SENT#'));
const reachMarks = (items: readonly Record<string, unknown>[]) => items.filter((item) => String(item.pk).startsWith('REACH#'));
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Attributes of items about one person (roster entries, delivery claims) that hold a time. */
const personalTimes = (items: readonly Record<string, unknown>[]) =>
  items
    .filter((item) => /^(STAFF|SENT)#/.test(String(item.pk)))
    .flatMap((item) =>
      Object.entries(item)
        .filter(([name, value]) => name === 'claimedAt' || (typeof value === 'string' && ISO_TIME.test(value)))
        .map(([name]) => `${String(item.pk)} ${name}`),
    );
/** An evaluation with its groups in one order: the order units are read in is not a figure. */
const inOrder = (evaluation: Evaluation) => ({
  ...evaluation,
  groups: [...evaluation.groups].sort((a, b) => a.id.localeCompare(b.id)),
  hiddenGroups: [...evaluation.hiddenGroups].sort(),
});
const byUnit = (units: readonly UnitCounts[]) => Object.fromEntries(units.map((unit) => [`${unit.department}/${unit.roleGroup}`, unit.counts]));

describe('a closed wave at rest', () => {
  let p: Platform;
  let open: Wave;
  let closed: Wave;
  let whileOpen: Record<string, unknown>[];
  let afterClose: Record<string, unknown>[];
  let countsBeforeClose: readonly UnitCounts[];
  let app: ReturnType<typeof createApp>;
  let lateLink: { token: string; page: Record<string, string> };

  beforeAll(async () => {
    const org = await loadOrgConfig('orgs/demo.json');
    p = await testPlatform({ org, staff: [] });
    await importRoster(p, { file: 'orgs/demo-roster.csv', text: await readFile('orgs/demo-roster.csv', 'utf8') });
    ({ wave: open } = await openWave(p.waveDeps));
    await remindWave(p.waveDeps);
    const messages = await p.outbox.list();
    // Answers land in shards drawn from a seeded sequence, so the same shards fill on every run.
    app = createApp({ ...p.stores, clock: p.clock, org, log: p.log, outbox: p.outbox, random: seededRandom(11) });
    const random = seededRandom(7);
    const respondents = demoRespondents(demoLinks(messages, linkToken, await listRoster({ ...p.stores, org })), random);
    const answered = new Set(respondents.map(({ link }) => link));
    const unanswered = [...new Set(messages.map((m) => linkToken(m.text)!))].find((token) => !answered.has(token))!;
    // A person who opened the page while the wave was open and sends it after the close.
    lateLink = { token: unanswered, page: await hiddenFields(app, unanswered) };
    for (const { link, profile } of respondents) expect((await postForm(app, link, simulatedForm(open.items, profile, random))).status).toBe(200);
    whileOpen = await scanTable(p);
    // The shards as they stand just before the close, a department at a time.
    countsBeforeClose = await p.readUnits(open.id, [...org.departments.map((d) => d.id), ORG_UNIT]);
    await closeWave(p.waveDeps, open.id);
    closed = (await p.stores.waves.getWave(open.id))!;
    afterClose = await scanTable(p);
  }, 180_000);
  afterAll(async () => p.drop());

  it('held per-shard answers, one person alone in a shard among them, and who was sent which message, while the wave was open', () => {
    const answeredShards = shards(whileOpen).filter((item) => Number(item.n) > 0);
    expect(new Set(answeredShards.map((item) => item.pk)).size).toBeGreaterThan(3);
    expect(answeredShards.filter((item) => item.n === 1).length).toBeGreaterThan(0);
    const kinds = new Set(claims(whileOpen).map((item) => String(item.pk).split('#')[2]));
    expect(kinds).toEqual(new Set(['invite', 'reminder']));
    expect(reachMarks(whileOpen).length).toBeGreaterThan(0);
  });

  it('keeps no aggregate shard, no delivery claim and no reach mark once the wave has closed, and no time of sending for anyone', () => {
    expect(closed.status).toBe('closed');
    expect(shards(afterClose)).toEqual([]);
    expect(claims(afterClose)).toEqual([]);
    expect(reachMarks(afterClose)).toEqual([]);
    expect(personalTimes(afterClose)).toEqual([]);
    expect(afterClose.filter((item) => 'claimedAt' in item)).toEqual([]);
  });

  it('freezes the counts the shards held, unit by unit, and publishes the figures they give', async () => {
    const frozen = (await p.stores.waves.readFrozen([closed])).get(closed.id)!;
    expect(byUnit(frozen)).toEqual(byUnit(countsBeforeClose));
    expect(closed.responses).toBe(countsBeforeClose.reduce((sum, unit) => sum + unit.counts.n, 0));
    await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org: p.org, log: p.log, baseUrl: BASE_URL });
    const published = await p.stores.figures.readPublished(closed.id);
    expect(inOrder(published!)).toEqual(inOrder(evaluateWave(p.org, { wave: closed, units: countsBeforeClose })));
    expect(published!.groups.length).toBeGreaterThan(0);
  });

  it('refuses as closed an answer sent from a page loaded while open, and records nothing of it anywhere', async () => {
    const before = await scanTable(p);
    const response = await postForm(app, lateLink.token, { ...lateLink.page, ...completeForm(open.items) }, { fromPage: false });
    expect(response.status).toBe(410);
    expect(await response.text()).toMatch(/closed/i);
    expect(await scanTable(p)).toEqual(before);
  });
});

describe('a wave closing while answers are in flight', () => {
  const drop = dropAfterEach();

  it('counts each answer before the close or refuses it, and leaves no shard or claim behind either way', async () => {
    const s = drop(await openTestWave({ staff: [...staffIn('ed', 'nurse', 20), ...staffIn('ed', 'physician', 20)] }));
    const pages = await Promise.all(s.tokens.map((token) => hiddenFields(s.app, token)));
    const submits = s.tokens.map((token, i) => postForm(s.app, token, { ...pages[i], ...completeForm(s.wave.items) }, { fromPage: false }));
    const closing = closeWave(s.waveDeps, s.wave.id);
    const statuses = (await Promise.all(submits)).map((r) => r.status);
    await closing;
    expect(statuses.every((status) => status === 200 || status === 410)).toBe(true);
    const items = await scanTable(s);
    expect(shards(items)).toEqual([]);
    expect(claims(items)).toEqual([]);
    const wave = (await s.stores.waves.getWave(s.wave.id))!;
    const frozen = (await s.stores.waves.readFrozen([wave])).get(wave.id) ?? [];
    expect(frozen.reduce((sum, unit) => sum + unit.counts.n, 0)).toBe(statuses.filter((status) => status === 200).length);
    // Sent again after the close, each refused link is refused again and changes nothing.
    const refused = s.tokens.filter((_, i) => statuses[i] === 410);
    for (const token of refused)
      expect((await postForm(s.app, token, { ...pages[s.tokens.indexOf(token)], ...completeForm(s.wave.items) }, { fromPage: false })).status).toBe(410);
    expect(await scanTable(s)).toEqual(items);
  });
});
