import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../../functions/api/app.js';
import { loadOrgConfig } from '../../shared/config.js';
import { mergeCounts } from '../../shared/domain/aggregates.js';
import { evaluateWave, type Evaluation, type UnitCounts } from '../../shared/domain/evaluate-hotspots.js';
import type { Wave } from '../../shared/domain/wave.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { listRoster } from '../../shared/use-cases/list-roster.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';
import { loadWaveCounts, runAlerts } from '../../shared/use-cases/run-alerts.js';
import { keys } from '../../shared/table.js';
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
    .flatMap((item) => Object.entries(item).filter(([name, value]) => name === 'claimedAt' || (typeof value === 'string' && ISO_TIME.test(value))).map(([name]) => `${String(item.pk)} ${name}`));
/** An evaluation with its groups in one order: the order units are read in is not a figure. */
const inOrder = (evaluation: Evaluation) => ({ ...evaluation, groups: [...evaluation.groups].sort((a, b) => a.id.localeCompare(b.id)), hiddenGroups: [...evaluation.hiddenGroups].sort() });
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
    app = createApp({ store: p.store, clock: p.clock, org, log: p.log, outbox: p.outbox, random: seededRandom(11) });
    const random = seededRandom(7);
    const respondents = demoRespondents(demoLinks(messages, linkToken, await listRoster({ store: p.store, org })), random);
    const answered = new Set(respondents.map(({ link }) => link));
    const unanswered = [...new Set(messages.map((m) => linkToken(m.text)!))].find((token) => !answered.has(token))!;
    // A person who opened the page while the wave was open and sends it after the close.
    lateLink = { token: unanswered, page: await hiddenFields(app, unanswered) };
    for (const { link, profile } of respondents) expect((await postForm(app, link, simulatedForm(open.items, profile, random))).status).toBe(200);
    whileOpen = await scanTable(p);
    // What the alert job read for a closed wave before its counts were frozen: the shards, a department at a time.
    countsBeforeClose = (await loadWaveCounts(p.store, org, open)).units;
    await closeWave(p.waveDeps, open.id);
    closed = (await p.store.getWave(open.id))!;
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
    const frozen = (await p.store.readFrozen([closed])).get(closed.id)!;
    expect(byUnit(frozen)).toEqual(byUnit(countsBeforeClose));
    expect(closed.responses).toBe(countsBeforeClose.reduce((sum, unit) => sum + unit.counts.n, 0));
    await runAlerts({ store: p.store, messenger: p.outbox, clock: p.clock, org: p.org, log: p.log, baseUrl: BASE_URL });
    const published = await p.store.readPublished(closed.id);
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
    const wave = (await s.store.getWave(s.wave.id))!;
    const frozen = (await s.store.readFrozen([wave])).get(wave.id) ?? [];
    expect(frozen.reduce((sum, unit) => sum + unit.counts.n, 0)).toBe(statuses.filter((status) => status === 200).length);
    // Sent again after the close, each refused link is refused again and changes nothing.
    const refused = s.tokens.filter((_, i) => statuses[i] === 410);
    for (const token of refused) expect((await postForm(s.app, token, { ...pages[s.tokens.indexOf(token)], ...completeForm(s.wave.items) }, { fromPage: false })).status).toBe(410);
    expect(await scanTable(s)).toEqual(items);
  });

  it('takes the first answers of a wave opened before shards were made at open, and still refuses what arrives during or after its close', async () => {
    const s = drop(await openTestWave({ staff: [...staffIn('ed', 'nurse', 20), ...staffIn('ed', 'physician', 20)] }));
    // The wave as a release before this one left it: no shard until someone answers into it,
    // and no count of the people its units reached.
    await Promise.all(shards(await scanTable(s)).map((item) => s.documentClient.send(new DeleteCommand({ TableName: s.tableName, Key: { pk: item.pk, sk: item.sk } }))));
    await s.documentClient.send(new UpdateCommand({ TableName: s.tableName, Key: keys.wave(s.wave.id), UpdateExpression: 'REMOVE shardsMade, reachK' }));
    const pages = await Promise.all(s.tokens.map((token) => hiddenFields(s.app, token)));
    const submit = (i: number) => postForm(s.app, s.tokens[i]!, { ...pages[i], ...completeForm(s.wave.items) }, { fromPage: false });
    for (let i = 0; i < 10; i++) expect((await submit(i)).status).toBe(200);
    expect(mergeCounts((await s.store.readAggregates(s.wave.id, 'ed')).map((r) => r.counts)).n).toBe(10);
    const racing = Array.from({ length: 20 }, (_, i) => submit(10 + i));
    const closing = closeWave(s.waveDeps, s.wave.id);
    const statuses = (await Promise.all(racing)).map((r) => r.status);
    await closing;
    expect(statuses.every((status) => status === 200 || status === 410)).toBe(true);
    const items = await scanTable(s);
    expect(shards(items)).toEqual([]);
    const wave = (await s.store.getWave(s.wave.id))!;
    expect((await s.store.readFrozen([wave])).get(wave.id)!.reduce((sum, unit) => sum + unit.counts.n, 0)).toBe(10 + statuses.filter((status) => status === 200).length);
    for (let i = 30; i < 35; i++) expect((await submit(i)).status).toBe(410);
    expect(await scanTable(s)).toEqual(items);
  });

  it('deletes, at the next close, the shards an earlier release kept after freezing a closed wave', async () => {
    const s = drop(await openTestWave());
    for (const token of s.tokens.slice(0, 6)) expect((await postForm(s.app, token, completeForm(s.wave.items))).status).toBe(200);
    const answered = shards(await scanTable(s));
    await closeWave(s.waveDeps, s.wave.id);
    // The first wave as that release left it: closed, its counts frozen, its shards kept.
    await Promise.all(answered.map((item) => s.documentClient.send(new PutCommand({ TableName: s.tableName, Item: item }))));
    await s.documentClient.send(new UpdateCommand({ TableName: s.tableName, Key: keys.wave(s.wave.id), UpdateExpression: 'REMOVE shardsDeleted' }));
    const frozenBefore = (await s.store.readFrozen([(await s.store.getWave(s.wave.id))!])).get(s.wave.id);
    s.clock.advance(30 * 24 * 60 * 60 * 1000);
    const { wave: next } = await openWave(s.waveDeps);
    expect(next.id).not.toBe(s.wave.id);
    await closeWave(s.waveDeps, next.id);
    expect(shards(await scanTable(s))).toEqual([]);
    expect((await s.store.readFrozen([(await s.store.getWave(s.wave.id))!])).get(s.wave.id)).toEqual(frozenBefore);
    expect(frozenBefore!.reduce((sum, unit) => sum + unit.counts.n, 0)).toBe(6);
  });
});
