import { describe, expect, it } from 'vitest';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { listRoster } from '../../shared/use-cases/list-roster.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { linkToken, openTestWave } from '../support/scenario.js';
import { scanTable, tokenAttributeGroups } from '../support/stored-anonymity.js';

/**
 * Invariant 1 as an operator reading the table would test it: group the token items by
 * everything stored beside their hashes and count who could hold each one.
 */
const drop = dropAfterEach();

const org = testOrg({
  departments: [
    { id: 'clinic', name: 'Clinic' },
    { id: 'ed', name: { en: 'Emergency', es: 'Emergencias' }, parent: 'clinic' },
    { id: 'lab', name: 'Lab', parent: 'clinic' },
    { id: 'annex', name: 'Annex' },
  ],
});
// One Spanish speaker among the ED nurses, one person reached by SMS only.
const roster = () => [
  ...staffIn('ed', 'nurse', 5),
  ...staffIn('ed', 'nurse', 1, { locale: 'es', email: 'lone.spanish@staff.example', id: 'lone-spanish' }),
  ...staffIn('ed', 'physician', 5),
  ...staffIn('lab', 'nurse', 3, { channel: 'sms' }),
];

describe('token items', () => {
  it('carry nothing that fewer than k people of the wave share', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const groups = tokenAttributeGroups(await scanTable(s.documentClient, s.tableName), await listRoster(s), org, [s.wave]);

    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter((g) => g.people > 0 && g.people < org.k)).toEqual([]);
  });

  it('would show a language stored beside a token to name its owner', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const items = await scanTable(s.documentClient, s.tableName);
    // The defect this guards against, put back by hand: any one token marked Spanish.
    const oneToken = items.find((item) => String(item.pk).startsWith('TOKEN#'))!;
    oneToken.locale = 'es';
    const groups = tokenAttributeGroups(items, await listRoster(s), org, [s.wave]);
    expect(groups.find((g) => Object.keys(g.attributes).join() === 'locale' && g.attributes.locale === 'es')?.people).toBe(1);
  });

  it('leave the language to the link: the Spanish speaker’s link opens the page in Spanish', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const message = (await s.outbox.list()).find((m) => m.to === 'lone.spanish@staff.example')!;
    expect(message.text).toMatch(/\/p\/[A-Za-z0-9_-]{22}\?lang=es/);
    const page = await s.app.request(`/p/${linkToken(message.text)}?lang=es`);
    expect(await page.text()).toContain('<html lang="es"');
    const english = (await s.outbox.list()).find((m) => m.to.startsWith('ed.nurse.0'))!;
    expect(english.text).not.toContain('?lang=');
    const tokenItems = (await scanTable(s.documentClient, s.tableName)).filter((item) => String(item.pk).startsWith('TOKEN#'));
    expect(tokenItems.every((item) => !('locale' in item))).toBe(true);
  });
});

describe('someone who joins after a wave opened', () => {
  it('is folded into a unit of their department that has at least k staff', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const [newcomer] = staffIn('ed', 'app', 1);
    await s.store.putStaff([newcomer!]);
    await remindWave(s.waveDeps);

    const link = (await s.outbox.list()).find((m) => m.to === newcomer!.email)!;
    const page = await s.app.request(`/p/${linkToken(link.text)}`);
    expect(page.status).toBe(200);
    const groups = tokenAttributeGroups(await scanTable(s.documentClient, s.tableName), await listRoster(s), org, [s.wave]);
    expect(groups.filter((g) => g.people > 0 && g.people < org.k)).toEqual([]);
  });

  it('gets no link when nothing in their department’s line had a unit at open, and is in the next wave', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const [alone] = staffIn('annex', 'nurse', 1);
    await s.store.putStaff([alone!]);
    const before = (await s.outbox.list()).length;
    await remindWave(s.waveDeps);

    const sent = (await s.outbox.list()).slice(before);
    expect(sent.some((m) => m.to === alone!.email || m.to === alone!.phone)).toBe(false);
    // Everyone else still got their reminder.
    expect(sent.length).toBe(before);
    const tokens = (await scanTable(s.documentClient, s.tableName)).filter((item) => String(item.pk).startsWith('TOKEN#'));
    expect(tokens.some((t) => t.department === 'annex')).toBe(false);

    await closeWave(s.waveDeps, s.wave.id);
    s.clock.advance(14 * 24 * 3600 * 1000);
    const sentBefore = (await s.outbox.list()).length;
    await openWave(s.waveDeps);
    expect((await s.outbox.list()).slice(sentBefore).some((m) => m.to === alone!.email)).toBe(true);
  });
});
