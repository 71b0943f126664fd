import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { dashboardUrl, ensureDashboardKey } from '../../shared/services/dashboard-links.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, completeForm, linkToken, postForm, testPlatform } from '../support/scenario.js';

/**
 * Leaders commit to actions from their dashboard: a plain form, the signed link as the
 * credential, and nothing accepted from another site.
 */
const org = testOrg({
  leaders: [
    { id: 'ceo', name: 'Cy Exec', email: 'ceo@test.example', executive: true },
    { id: 'clinic-lead', name: 'Cleo Lead', email: 'clinic@test.example', departments: ['clinic'], reportsTo: 'ceo' },
    { id: 'lab-lead', name: 'Lab Lead', email: 'lab@test.example', departments: ['lab'], reportsTo: 'clinic-lead' },
    { id: 'lab-es', name: 'Lucía Lab', email: 'lucia@test.example', departments: ['lab'], reportsTo: 'clinic-lead', locale: 'es' },
  ],
});
let p: Awaited<ReturnType<typeof testPlatform>>;
const link: Record<string, string> = {};
const ORIGIN = new URL(BASE_URL).origin;

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }) =>
  p.app.request(`${BASE_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
const page = async (leader: string) => (await p.app.request(`${BASE_URL}/d/${link[leader]}`)).text();

beforeAll(async () => {
  p = await testPlatform({ org, staff: [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 5), ...staffIn('lab', 'nurse', 5)] });
  const { wave } = await openWave(p.waveDeps);
  for (const message of await p.outbox.list()) await postForm(p.app, linkToken(message.text)!, completeForm(wave.items));
  await closeWave(p.waveDeps, wave.id);
  await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org, log: p.log, baseUrl: BASE_URL });
  const key = await ensureDashboardKey(p.stores.actions);
  for (const leader of org.leaders) link[leader.id] = dashboardUrl(key, BASE_URL, leader.id, p.clock.now()).split('/d/')[1]!;
}, 60_000);
afterAll(async () => p.drop());

describe('POST /d/:link/actions', () => {
  it('logs an action sent from the dashboard itself, and every leader over the department sees it', async () => {
    const response = await post(`/d/${link['clinic-lead']}/actions`, {
      department: 'ed',
      kind: 'workload',
      title: 'Float nurse on Mondays',
      titleEs: 'Enfermera de apoyo los lunes',
      status: 'in-progress',
      targetOn: '2026-12-20',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/d/${link['clinic-lead']}#actions`);
    const [stored] = await p.stores.actions.listActions();
    expect(stored).toMatchObject({
      department: 'ed',
      kind: 'workload',
      title: 'Float nurse on Mondays',
      translations: { es: 'Enfermera de apoyo los lunes' },
      status: 'in-progress',
      targetOn: '2026-12-20',
      createdBy: 'clinic-lead',
    });
    for (const leader of ['clinic-lead', 'ceo']) expect(await page(leader), leader).toContain('<strong>Float nurse on Mondays</strong> (Emergency, workload)');
    // The lab's leader oversees only the lab.
    expect(await page('lab-lead')).not.toContain('Float nurse on Mondays');
  });

  it('takes a title in the leader’s own language with an optional translation, and each reader sees it in theirs', async () => {
    expect(await page('lab-es')).toContain('<input type="text" name="titleEn" lang="en"');
    const response = await post(`/d/${link['lab-es']}/actions`, {
      department: 'lab',
      kind: 'safety',
      title: 'Botón de pánico en la recepción del laboratorio',
      titleEn: 'Panic button at the lab front desk',
    });
    expect(response.status).toBe(303);
    const stored = (await p.stores.actions.listActions()).find((a) => a.createdBy === 'lab-es')!;
    expect(stored).toMatchObject({ title: 'Botón de pánico en la recepción del laboratorio', translations: { en: 'Panic button at the lab front desk' } });
    expect(await page('lab-es')).toContain('<strong>Botón de pánico en la recepción del laboratorio</strong>');
    expect(await page('lab-lead')).toContain('<strong>Panic button at the lab front desk</strong>');
    // What was wrong, in Spanish, and nothing saved.
    const refused = await post(`/d/${link['lab-es']}/actions`, { department: 'lab', kind: 'safety', title: 'Llamar a lucia@lab.example' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('título: contiene un correo electrónico');
  });

  it('gives each department a page of its own that the form returns to, and none for a department the leader does not oversee', async () => {
    const lab = await p.app.request(`${BASE_URL}/d/${link['clinic-lead']}/g/lab`);
    expect(lab.status).toBe(200);
    const html = await lab.text();
    expect(html).toContain('>All your groups</a>');
    expect(html).toContain(`action="/d/${link['clinic-lead']}/actions?within=lab"`);
    expect(html).not.toContain('<option value="ed"');
    expect((await p.app.request(`${BASE_URL}/d/${link['lab-lead']}/g/ed`)).status).toBe(404);
    expect((await p.app.request(`${BASE_URL}/d/${link['clinic-lead']}/all`)).status).toBe(200);
    const saved = await post(`/d/${link['clinic-lead']}/actions?within=lab`, {
      department: 'lab',
      kind: 'safety',
      title: 'Second person at the lab desk at night',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/d/${link['clinic-lead']}/g/lab#actions`);
    // From every group's table, back to it.
    expect(await (await p.app.request(`${BASE_URL}/d/${link['clinic-lead']}/all`)).text()).toContain(`action="/d/${link['clinic-lead']}/actions?back=all"`);
    const fromAll = await post(`/d/${link['clinic-lead']}/actions?back=all`, {
      department: 'lab',
      kind: 'workload',
      title: 'Float tech for the lab on Fridays',
    });
    expect(fromAll.headers.get('location')).toBe(`/d/${link['clinic-lead']}/all#actions`);
  });

  it('refuses a post from another site, or one that says nowhere where it comes from, and saves nothing', async () => {
    const before = (await p.stores.actions.listActions()).length;
    const attempts: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, {}];
    for (const headers of attempts) {
      const response = await post(`/d/${link['ceo']}/actions`, { department: 'ed', kind: 'workload', title: 'Forged action' }, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).toContain('This form was sent from another site');
    }
    expect(await p.stores.actions.listActions()).toHaveLength(before);
    // A browser that names the request same-origin is believed, as it is for the Origin header.
    expect(
      (
        await post(
          `/d/${link['ceo']}/actions`,
          { department: 'lab', kind: 'safety', title: 'Panic button at the lab desk' },
          { 'sec-fetch-site': 'same-origin' },
        )
      ).status,
    ).toBe(303);
  });

  it('shows the form again with what was wrong, and saves nothing, for a title with an email or a department the leader does not oversee', async () => {
    const before = (await p.stores.actions.listActions()).length;
    const email = await post(`/d/${link['clinic-lead']}/actions`, { department: 'ed', kind: 'workload', title: 'Ask nurse.kim@clinic.example' });
    expect(email.status).toBe(422);
    const html = await email.text();
    expect(html).toContain('The action was not saved');
    expect(html).toContain('title: contains an email address');
    // What the leader typed comes back, escaped.
    expect(html).toContain('value="Ask nurse.kim@clinic.example"');
    const outside = await post(`/d/${link['lab-lead']}/actions`, { department: 'ed', kind: 'workload', title: 'Not my department' });
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('department: Lab Lead does not oversee &quot;ed&quot;');
    expect(await p.stores.actions.listActions()).toHaveLength(before);
  });

  it('refuses a field our form does not have, or one sent twice, and saves nothing', async () => {
    const before = (await p.stores.actions.listActions()).length;
    const extra = await post(`/d/${link['clinic-lead']}/actions`, { department: 'ed', kind: 'workload', title: 'Extra field', createdBy: 'ceo' });
    expect(extra.status).toBe(422);
    expect(await extra.text()).toContain('Unrecognized key');
    const twice = await p.app.request(`${BASE_URL}/d/${link['clinic-lead']}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'department=ed&department=lab&kind=workload&title=Twice',
    });
    expect(twice.status).toBe(415);
    expect(await p.stores.actions.listActions()).toHaveLength(before);
  });

  it('answers a body our form never sends with 415, and a forged or expired link without saving', async () => {
    const json = await p.app.request(`${BASE_URL}/d/${link['ceo']}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ department: 'ed', kind: 'workload', title: 'JSON' }),
    });
    expect(json.status).toBe(415);
    const forged = link['lab-lead']!.replace(/^[^.]+/, Buffer.from('ceo').toString('base64url'));
    expect((await post(`/d/${forged}/actions`, { department: 'ed', kind: 'workload', title: 'Forged link' })).status).toBe(404);
    expect((await p.stores.actions.listActions()).map((a) => a.title)).not.toContain('Forged link');
  });
});

describe('POST /d/:link/actions/:id', () => {
  it('marks an action done today, and the dashboard says it waits for a pulse on each side to measure it', async () => {
    const action = (await p.stores.actions.listActions()).find((a) => a.title === 'Float nurse on Mondays')!;
    expect((await post(`/d/${link['clinic-lead']}/actions/${action.id}`, { status: 'done' })).status).toBe(303);
    const done = (await p.stores.actions.listActions()).find((a) => a.id === action.id)!;
    expect(done).toMatchObject({ status: 'done', doneOn: '2026-11-24' });
    expect(await page('clinic-lead')).toContain('Before and after will show once a pulse on each side has published figures for Emergency.');
  });

  it('lets no leader change an action outside what they oversee', async () => {
    const action = (await p.stores.actions.listActions()).find((a) => a.title === 'Float nurse on Mondays')!;
    const response = await post(`/d/${link['lab-lead']}/actions/${action.id}`, { status: 'planned' });
    expect(response.status).toBe(422);
    expect((await p.stores.actions.listActions()).find((a) => a.id === action.id)!.status).toBe('done');
  });
});
