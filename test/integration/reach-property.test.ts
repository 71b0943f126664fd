import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Staff } from '../../shared/domain/staff.js';
import type { Wave } from '../../shared/domain/wave.js';
import { deliverMessages } from '../../shared/use-cases/deliver-message.js';
import { dispatchPending } from '../../shared/services/dispatch.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { listRoster } from '../../shared/services/roster-reads.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';
import { removeFromRoster } from '../../shared/use-cases/remove-from-roster.js';
import { unsubscribe } from '../../shared/use-cases/unsubscribe.js';
import { WORDS } from '../../shared/words/words.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { answersPerUnit, holdingQueue, reachedPerUnit } from '../support/reach.js';
import { completeForm, linkToken, postForm, testPlatform } from '../support/scenario.js';

/**
 * A small hospital at k = 3: departments a and b (b sent its links at night only) are too
 * small alone and record together into hosp/_all; c stands alone, one of its people on email
 * and SMS.
 */
const org = testOrg({
  k: 3,
  departments: [
    { id: 'hosp', name: 'Hospital' },
    { id: 'a', name: 'Ward A', parent: 'hosp' },
    { id: 'b', name: 'Ward B', parent: 'hosp', sendWindow: { start: '19:00', end: '07:00' } },
    { id: 'c', name: 'Ward C', parent: 'hosp' },
  ],
});
const people: Staff[] = [
  ...staffIn('a', 'nurse', 2),
  ...staffIn('b', 'nurse', 2),
  ...staffIn('c', 'nurse', 2),
  ...staffIn('c', 'nurse', 1, { id: 'c-both', email: 'c.both@staff.example', phone: '+13125550177', channel: 'both' }),
];
/** 10:00 and 20:00 in New York, the day the wave opens. */
const DAY = new Date('2026-11-24T15:00:00Z');
const NIGHT = new Date('2026-11-25T01:00:00Z');

type Step =
  | { kind: 'deactivate' | 'reactivate' | 'delete' | 'opt-out' | 'answer'; person: number }
  | { kind: 'tick'; night: boolean }
  | { kind: 'remind' }
  | { kind: 'send'; count: number };

const person = fc.integer({ min: 0, max: people.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('deactivate', 'reactivate', 'delete', 'opt-out'), person }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('answer'), person }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick'), night: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remind') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send'), count: fc.integer({ min: 1, max: 8 }) }) },
);

function rosterFile(on: readonly Staff[]) {
  const rows = on.map((p) => [p.email ?? '', p.channel === 'email' ? '' : (p.phone ?? ''), p.department, p.roleGroup, p.locale, p.channel].join(','));
  return { file: 'roster.csv', text: ['email,phone,department,role,locale,channel', ...rows].join('\n') };
}

/** Replays the steps on a fresh table and checks the invariant after every one. */
async function replay(steps: readonly Step[]) {
  const p = await testPlatform({ org, staff: [] });
  try {
    p.clock.set(DAY);
    const onFile = new Set(people.map((_, index) => index));
    await importRoster(p, rosterFile(people));
    const queue = holdingQueue();
    const { wave } = await openWave({ ...p.waveDeps, queue });
    const atOpen = await listRoster(p);
    const counted = new Map<string, number>();
    const answered = new Set<number>();
    const unitOf = (index: number) => wave.units[`${people[index]!.department}/${people[index]!.roleGroup}`]!;

    for (const current of steps) {
      switch (current.kind) {
        case 'deactivate':
        case 'reactivate':
          if (current.kind === 'deactivate') onFile.delete(current.person);
          else onFile.add(current.person);
          await importRoster(p, rosterFile([...onFile].map((index) => people[index]!)));
          break;
        case 'delete':
          // On request, and only of someone on the roster (a second request is refused in words).
          onFile.delete(current.person);
          if (await p.stores.roster.getStaff(atOpen.find((s) => s.email === people[current.person]!.email)!.id))
            await removeFromRoster(p, people[current.person]!.email!);
          break;
        case 'opt-out': {
          const stored = atOpen.find((s) => s.email === people[current.person]!.email)!;
          const now = await p.stores.roster.getStaff(stored.id);
          if (now?.unsubscribeToken) await unsubscribe(p, stored.id, now.unsubscribeToken);
          break;
        }
        case 'tick':
          p.clock.set(current.night ? NIGHT : DAY);
          await dispatchPending({ ...p.waveDeps, queue }, wave.id);
          break;
        case 'remind':
          if (!(await p.stores.waves.getWave(wave.id))!.reminderRequested) await remindWave({ ...p.waveDeps, queue });
          break;
        case 'send':
          await deliverMessages(p.deliverDeps, queue.take(current.count));
          break;
        case 'answer':
          await answer(p, wave, current.person, unitOf(current.person), atOpen, answered, counted);
          break;
      }
      await expectInvariant(p, wave, atOpen, counted);
    }
  } finally {
    await p.drop();
  }
}

/**
 * One person answers with the link they were sent, if they were sent one and have not yet
 * been counted: counted when their unit has been reached by k, else refused in words.
 */
async function answer(
  p: Awaited<ReturnType<typeof testPlatform>>,
  wave: Wave,
  index: number,
  unit: string,
  atOpen: readonly Staff[],
  answered: Set<number>,
  counted: Map<string, number>,
) {
  const contact = people[index]!;
  const outbox = await p.outbox.list();
  const message = outbox.find((m) => m.to === contact.email || m.to === contact.phone);
  if (!message || answered.has(index)) return;
  const reached =
    reachedPerUnit(
      wave,
      atOpen,
      outbox.map((m) => m.to),
    ).get(unit)?.size ?? 0;
  const response = await postForm(p.app, linkToken(message.text)!, completeForm(wave.items));
  if (reached >= org.k) {
    expect(response.status, `${contact.email} in ${unit}, reached by ${reached}`).toBe(200);
    answered.add(index);
    counted.set(unit, (counted.get(unit) ?? 0) + 1);
  } else {
    expect(response.status, `${contact.email} in ${unit}, reached by ${reached}`).toBe(409);
    expect(await response.text()).toContain(WORDS.en.staffPage.notYetCounted.slice(0, 60));
  }
}

/** Every unit holding an answer was reached by k people, and it holds exactly the answers its people were thanked for. */
async function expectInvariant(p: Awaited<ReturnType<typeof testPlatform>>, wave: Wave, atOpen: readonly Staff[], counted: ReadonlyMap<string, number>) {
  const stored = await answersPerUnit(p.documentClient, p.tableName, wave.id);
  const reached = reachedPerUnit(
    wave,
    atOpen,
    (await p.outbox.list()).map((m) => m.to),
  );
  for (const [unit, answers] of stored) expect(reached.get(unit)?.size ?? 0, `${unit} holds ${answers} answers`).toBeGreaterThanOrEqual(org.k);
  expect(stored).toEqual(counted);
}

describe('whatever the order of roster imports, deletions, opt-outs, send windows, sends and answers', () => {
  it('never records an answer in a unit its links reached fewer than k people in, and loses none: each is counted or refused in words', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 30, size: 'max' }), async (steps) => replay(steps)),
      { numRuns: 12 },
    );
  }, 120_000);
});
