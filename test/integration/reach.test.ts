import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { runSchedule } from '../../functions/dispatch/run-schedule.js';
import { DEFAULT_SHARD_COUNT } from '../../shared/domain/aggregates.js';
import { describeShortUnit } from '../../shared/domain/reach.js';
import type { Staff } from '../../shared/domain/staff.js';
import { deliverMessages } from '../../shared/use-cases/deliver-message.js';
import { describeStatus } from '../../shared/use-cases/describe-status.js';
import { dispatchPending } from '../../shared/services/dispatch.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { listRoster } from '../../shared/services/roster-reads.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';
import { WORDS } from '../../shared/words/words.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { answersPerUnit, holdingQueue, reachedPerUnit } from '../support/reach.js';
import { scanTable } from '../support/stored-anonymity.js';
import { keys } from '../../shared/table.js';
import { completeForm, hiddenFields, linkToken, postForm, testPlatform } from '../support/scenario.js';

const track = dropAfterEach();

/** A hospital whose intensive care ward of five is sent its links at night only (19:00 to 07:00 in New York). */
const org = testOrg({
  departments: [
    { id: 'hospital', name: 'Hospital' },
    { id: 'icu', name: 'Intensive care', parent: 'hospital', sendWindow: { start: '19:00', end: '07:00' } },
    { id: 'ed', name: 'Emergency', parent: 'hospital' },
  ],
});
/** 10:00 and 20:00 in New York, the day the wave opens. */
const DAY = new Date('2026-11-24T15:00:00Z');
const NIGHT = new Date('2026-11-25T01:00:00Z');

const ward = [
  ...staffIn('icu', 'nurse', 4),
  ...staffIn('icu', 'nurse', 1, { id: 'icu-both', email: 'icu.both@staff.example', phone: '+12025550188', channel: 'both' }),
];
const everyone = [...ward, ...staffIn('ed', 'nurse', 6)];

/** The roster file an admin imports: these people, each with the contacts and channel they have. */
function rosterFile(people: readonly Staff[]) {
  const rows = people.map((p) => [p.email ?? '', p.channel === 'email' ? '' : (p.phone ?? ''), p.department, p.roleGroup, p.locale, p.channel].join(','));
  return { file: 'roster.csv', text: ['email,phone,department,role,locale,channel', ...rows].join('\n') };
}

async function hospital() {
  const p = track(await testPlatform({ org, staff: [] }));
  p.clock.set(DAY);
  await importRoster(p, rosterFile(everyone));
  // The stored entries, whose ids are what the import made of each row's contacts.
  const staff = await listRoster(p);
  const remaining = staff.find((s) => s.email === 'icu.both@staff.example')!;
  return { p, staff, remaining, fourOfTheWard: staff.filter((s) => s.department === 'icu' && s.id !== remaining.id) };
}

/** Each unit that holds an answer, with the people its messages reached: none may be under k. */
async function unitsUnderK(p: Awaited<ReturnType<typeof testPlatform>>, waveId: string, staff: readonly Staff[]) {
  const wave = (await p.stores.waves.getWave(waveId))!;
  const reached = reachedPerUnit(
    wave,
    staff,
    (await p.outbox.list()).map((m) => m.to),
  );
  const answered = await answersPerUnit(p.documentClient, p.tableName, waveId);
  return [...answered]
    .filter(([unit]) => (reached.get(unit)?.size ?? 0) < org.k)
    .map(([unit, answers]) => ({ unit, answers, reached: reached.get(unit)?.size ?? 0 }));
}

describe('counting the people a unit reached', () => {
  it('counts each person once, over many units at once and again later, whatever the transactions they are split into', async () => {
    const { p } = await hospital();
    const { wave } = await openWave({ ...p.waveDeps, queue: holdingQueue() });
    const expiresAt = 2_000_000_000;
    // 30 units of 5 people: more marks and shards than one transaction holds.
    const entries = Array.from({ length: 150 }, (_, i) => ({
      waveId: wave.id,
      staffId: `person-${i}`,
      unit: { department: `dept-${i % 30}`, roleGroup: '_all' },
      expiresAt,
    }));
    // Their shards, as an open wave of those 30 units would have made them.
    for (let unit = 0; unit < 30; unit++) {
      for (let shard = 0; shard < DEFAULT_SHARD_COUNT; shard++)
        await p.documentClient.send(new PutCommand({ TableName: p.tableName, Item: { ...keys.aggregate(wave.id, `dept-${unit}`, '_all', shard), n: 0 } }));
    }
    expect(await p.stores.answers.recordReach([...entries.slice(0, 100), ...entries.slice(0, 10)])).toBe(100);
    expect(await p.stores.answers.recordReach(entries)).toBe(50);
    expect(await p.stores.answers.recordReach(entries.slice(40, 60))).toBe(0);
    for (const department of ['dept-0', 'dept-29']) {
      const shards = (await scanTable(p.documentClient, p.tableName)).filter((item) => item.pk === `AGG#${wave.id}#${department}`);
      expect(shards.map((shard) => shard.reached)).toEqual(Array.from({ length: DEFAULT_SHARD_COUNT }, () => 5));
    }
  }, 60_000);
});

describe('a unit reached by fewer than k', () => {
  it('keeps a ward held while an import has left one of its five reachable, says so, and sends all five once the full roster is back', async () => {
    const { p, staff, remaining, fourOfTheWard } = await hospital();
    const { wave, dispatch } = await openWave(p.waveDeps);
    expect(dispatch.held).toEqual(['icu']);

    // The admin's move: the ward's other four deactivated by import, then its window opens.
    await importRoster(p, rosterFile(everyone.filter((person) => !fourOfTheWard.some((s) => s.email === person.email))));
    p.clock.set(NIGHT);
    await runSchedule({ ...p.waveDeps, log: p.log }, { action: 'tick' });
    const icuMessages = async () => (await p.outbox.list()).filter((m) => ward.some((w) => w.email === m.to || w.phone === m.to));
    expect(await icuMessages()).toEqual([]);
    expect((await p.stores.waves.getWave(wave.id))!.dispatchedInvite).not.toContain('icu');
    // The admin is told, in words, and the log line names no one.
    const status = await describeStatus(p);
    expect(status.shortUnits).toEqual([{ unit: 'icu/_all', reachable: 1, planned: 5, k: 5, departments: ['icu'] }]);
    expect(describeShortUnit(status.shortUnits[0]!, (id) => org.departments.find((d) => d.id === id)!.name.en)).toBe(
      'Recording unit icu/_all: only 1 of its 5 people can be sent a link now (active, with a channel not opted out of), fewer than k = 5, so Intensive care waits for their messages. They go out on the next hourly run (or `wave dispatch`) once 5 of its people can be reached again, e.g. after the full roster is imported.',
    );
    const held = p.log.lines.filter((line) => line.includes('unit-held-under-k'));
    expect(held.map((line) => JSON.parse(line) as unknown)).toEqual([
      { level: 'warn', event: 'unit-held-under-k', wave: wave.id, unit: 'icu/_all', reachable: 1, k: 5, departments: 1 },
    ]);
    for (const person of staff) expect(held.join('\n')).not.toContain(person.email!);

    // Nothing on the roster shows it, and the next run sends the whole ward.
    await importRoster(p, rosterFile(everyone));
    const report = await dispatchPending(p.waveDeps, wave.id);
    expect(report.short).toEqual([]);
    expect((await describeStatus(p)).shortUnits).toEqual([]);
    expect(new Set((await icuMessages()).map((m) => m.to)).size).toBe(6); // five people, one of them on both channels

    for (const message of await icuMessages()) {
      if (message.to === remaining.phone) continue;
      expect((await postForm(p.app, linkToken(message.text)!, completeForm(wave.items))).status).toBe(200);
    }
    expect((await answersPerUnit(p.documentClient, p.tableName, wave.id)).get('icu/_all')).toBe(5);
    expect(await unitsUnderK(p, wave.id, staff)).toEqual([]);
  }, 60_000);

  it('refuses, with the answers kept in the form, an answer whose unit lost people between queuing and sending, and counts it once a reminder has reached k', async () => {
    const { p, staff, remaining, fourOfTheWard } = await hospital();
    const { wave } = await openWave(p.waveDeps);
    p.clock.set(NIGHT);
    const queue = holdingQueue();
    expect((await dispatchPending({ ...p.waveDeps, queue }, wave.id)).queued.invite).toBe(5);

    // Between queuing and sending, four of the ward leave the roster.
    await importRoster(p, rosterFile(everyone.filter((person) => !fourOfTheWard.some((s) => s.email === person.email))));
    const outcomes = await deliverMessages(p.deliverDeps, queue.take());
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(2); // the one left, by email and by SMS
    const token = linkToken((await p.outbox.list()).find((m) => m.to === remaining.email)!.text)!;

    // One person on two channels is one person reached: their answers would stand alone.
    const chosen = Object.fromEntries(wave.items.map((item) => [item.id, item.options.at(-1)!.value]));
    const refused = await postForm(p.app, token, completeForm(wave.items, chosen));
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain(WORDS.en.staffPage.notYetCounted.slice(0, 60));
    for (const item of wave.items) expect(page).toMatch(new RegExp(`name="q_${item.id}" value="${chosen[item.id]}" required="" checked=""`));
    expect(await answersPerUnit(p.documentClient, p.tableName, wave.id)).toEqual(new Map());
    // The link still works: nothing was used up.
    expect((await p.app.request(`/p/${token}`)).status).toBe(200);
    expect((await hiddenFields(p.app, token)).unit).toBe('icu/_all');

    // The full roster back and a reminder: the ward is reached by five, and the same answers count.
    await importRoster(p, rosterFile(everyone));
    await remindWave({ ...p.waveDeps, queue });
    await deliverMessages(p.deliverDeps, queue.take());
    expect((await postForm(p.app, token, completeForm(wave.items, chosen))).status).toBe(200);
    expect((await answersPerUnit(p.documentClient, p.tableName, wave.id)).get('icu/_all')).toBe(1);
    expect(await unitsUnderK(p, wave.id, staff)).toEqual([]);
  }, 60_000);
});
