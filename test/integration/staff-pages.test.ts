import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { logAction } from '../../shared/use-cases/log-action.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import type { Staff } from '../../shared/domain/staff.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, completeForm, linkToken, postForm, testPlatform } from '../support/scenario.js';

/**
 * The attacker is a member of staff who wants a figure that was hidden (the lab's, from
 * fewer than k answers): everything staff are shown, the pulse page with its "you said, we
 * did" and the invitation, must be the same whatever anyone answered. Two organizations
 * identical but for their answers render byte for byte the same staff pages.
 */
const org = testOrg({
  leaders: [
    { id: 'ceo', name: 'Cy Exec', email: 'ceo@test.example', executive: true },
    { id: 'clinic-lead', name: 'Cleo Lead', email: 'clinic@test.example', departments: ['clinic'], reportsTo: 'ceo' },
  ],
});
const staff: Staff[] = [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 5), ...staffIn('lab', 'nurse', 5, { locale: 'es' })];

type World = Awaited<ReturnType<typeof testPlatform>>;
const worlds: World[] = [];

/** One organization's first wave answered with `answer` (each person's first-option or last-option form), then its second wave opened. */
async function world(answer: (person: Staff, index: number) => 'calm' | 'adverse' | 'silent'): Promise<World> {
  const p = await testPlatform({ org, staff });
  const { wave } = await openWave(p.waveDeps);
  const messages = await p.outbox.list();
  for (const [index, person] of staff.entries()) {
    const choice = answer(person, index);
    if (choice === 'silent') continue;
    const token = linkToken(messages.find((m) => m.to === person.email)!.text)!;
    const chosen = Object.fromEntries(wave.items.map((item) => [item.id, choice === 'calm' ? item.options[0]!.value : item.options.at(-1)!.value]));
    expect((await postForm(p.app, token, completeForm(wave.items, chosen))).status).toBe(200);
  }
  await closeWave(p.waveDeps, wave.id);
  await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org, log: p.log, baseUrl: BASE_URL });
  // The same actions in both worlds, for the lab (hidden) and for the clinic above it.
  await logAction(p, 'clinic-lead', {
    department: 'lab',
    kind: 'workload',
    title: 'Second phlebotomist at 7 am',
    titleEs: 'Segundo flebotomista a las 7',
    status: 'in-progress',
  });
  await logAction(p, 'ceo', { department: 'clinic', kind: 'admin_burden', title: 'Inbox redesign', status: 'planned' });
  p.clock.advance(14 * 86_400_000);
  const before = (await p.outbox.list()).length;
  await openWave(p.waveDeps);
  return Object.assign(p, { invitations: (await p.outbox.list()).slice(before) });
}

beforeAll(async () => {
  // World one: the lab's three who answer are all adverse; world two: all calm, and more of the ED answer.
  worlds.push(await world((person, index) => (person.department === 'lab' ? (index % 5 < 3 ? 'adverse' : 'silent') : index % 3 === 0 ? 'silent' : 'calm')));
  worlds.push(await world((person, index) => (person.department === 'lab' ? (index % 5 < 3 ? 'calm' : 'silent') : 'adverse')));
}, 120_000);
afterAll(async () => Promise.all(worlds.map((w) => w.drop())));

const invitationsOf = (w: World) => (w as World & { invitations: Awaited<ReturnType<World['outbox']['list']>> }).invitations;
/** A message or page with its link's token blanked: the only part that may differ. */
const withoutTokens = (text: string) => text.replace(/\/p\/[A-Za-z0-9_-]{22}/g, '/p/TOKEN').replace(/\/u\/[^\s"<]+/g, '/u/UNSUB');

describe('what staff are shown', () => {
  it('tells the lab (in Spanish) and the emergency department what was logged for them and above them', async () => {
    const lab = invitationsOf(worlds[0]!).find((m) => m.to === 'lab.nurse.0@staff.example')!;
    const labPage = await (await worlds[0]!.app.request(`/p/${linkToken(lab.text)}?lang=es`)).text();
    expect(labPage).toContain('<strong>Segundo flebotomista a las 7</strong> (Lab): en curso');
    expect(labPage).toContain('<strong>Inbox redesign</strong> (Clinic): planeada');
    const ed = invitationsOf(worlds[0]!).find((m) => m.to === 'ed.nurse.0@staff.example')!;
    const edPage = await (await worlds[0]!.app.request(`/p/${linkToken(ed.text)}`)).text();
    expect(edPage).toContain('<strong>Inbox redesign</strong> (Clinic): planned');
    expect(edPage).not.toContain('phlebotomist');
  });

  it('is the same, byte for byte, whatever anyone answered: invitations and pulse pages in both languages', async () => {
    const [one, two] = worlds as [World, World];
    expect(invitationsOf(one).length).toBeGreaterThan(0);
    for (const person of staff) {
      const mine = (w: World) => invitationsOf(w).filter((m) => m.to === person.email || m.to === person.phone);
      expect(mine(one).map((m) => withoutTokens(`${m.subject ?? ''}\n${m.text}\n${m.html ?? ''}`))).toEqual(
        mine(two).map((m) => withoutTokens(`${m.subject ?? ''}\n${m.text}\n${m.html ?? ''}`)),
      );
      for (const lang of ['en', 'es']) {
        const pageIn = async (w: World) => (await w.app.request(`/p/${linkToken(mine(w).find((m) => m.channel === 'email')!.text)}?lang=${lang}`)).text();
        expect(await pageIn(one), `${person.email} ${lang}`).toBe(await pageIn(two));
      }
    }
  });

  it('while the leaders’ figures do differ between the two worlds (the control)', async () => {
    const [one, two] = worlds as [World, World];
    const figures = async (w: World) =>
      JSON.stringify(
        (await w.stores.figures.readPublished((await w.stores.waves.listWaves()).find((x) => x.status === 'closed')!.id))!.groups.map((g) =>
          g.figures.map((f) => f.share),
        ),
      );
    expect(await figures(one)).not.toBe(await figures(two));
  });
});
