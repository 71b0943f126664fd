import { describe, expect, it } from 'vitest';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { listRoster } from '../../shared/services/roster-reads.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { completeForm, linkToken, openTestWave, postForm } from '../support/scenario.js';
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
    const groups = tokenAttributeGroups(await scanTable(s.documentClient, s.tableName), await listRoster(s), [s.wave]);

    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter((g) => g.people > 0 && g.people < org.k)).toEqual([]);
  });

  it('would show a language stored beside a token to name its owner', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const items = await scanTable(s.documentClient, s.tableName);
    // The defect this guards against, put back by hand: any one token marked Spanish.
    const oneToken = items.find((item) => String(item.pk).startsWith('TOKEN#'))!;
    oneToken.locale = 'es';
    const groups = tokenAttributeGroups(items, await listRoster(s), [s.wave]);
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

describe('who can answer a wave', () => {
  it('is fixed at open: people a link cannot reach are not counted in any unit', async () => {
    // Four of five ICU nurses unsubscribed in an earlier pulse; only one can get a link.
    const icuOrg = testOrg({ departments: [...org.departments, { id: 'icu', name: 'ICU' }] });
    const staff = [...roster(), ...staffIn('icu', 'nurse', 5).map((person, i) => (i > 0 ? { ...person, emailOptOut: true } : person))];
    const s = drop(await openTestWave({ org: icuOrg, staff }));
    expect(Object.keys(s.wave.staffPerUnit).some((unit) => unit.startsWith('icu/'))).toBe(false);
    expect(s.wave.issued).toBe(staff.length - 4);
    const items = await scanTable(s.documentClient, s.tableName);
    const groups = tokenAttributeGroups(items, await listRoster(s), [s.wave]);
    expect(groups.filter((g) => g.people > 0 && g.people < icuOrg.k)).toEqual([]);
  });

  it('keeps someone who moves during the wave in the unit they were counted in at open', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const mover = s.staff.find((p) => p.email === 'ed.nurse.0@staff.example')!;
    await s.stores.roster.putStaff([{ ...mover, department: 'annex' }]);
    expect((await postForm(s.app, s.tokenFor.get(mover.email!)!, completeForm(s.wave.items))).status).toBe(200);
    expect((await s.readAggregates(s.wave.id, 'ed')).find((r) => r.roleGroup === 'nurse')?.counts.n).toBe(1);
    expect(await s.readAggregates(s.wave.id, 'annex')).toEqual([]);
  });

  it('does not grow after open: someone added since gets no link until the next wave', async () => {
    const s = drop(await openTestWave({ org, staff: roster() }));
    const [alone] = staffIn('annex', 'nurse', 1);
    const [newcomer] = staffIn('ed', 'nurse', 1, { id: 'new-nurse', email: 'new.nurse@staff.example' });
    await s.stores.roster.putStaff([alone!, newcomer!]);
    const before = (await s.outbox.list()).length;
    await remindWave(s.waveDeps);

    const sent = (await s.outbox.list()).slice(before);
    expect(sent.some((m) => [alone!.email, newcomer!.email].includes(m.to))).toBe(false);
    // Everyone else still got their reminder, and no token was written for the newcomers.
    expect(sent.length).toBe(before);
    const tokens = (await scanTable(s.documentClient, s.tableName)).filter((item) => String(item.pk).startsWith('TOKEN#'));
    expect(tokens).toHaveLength(s.tokens.length);

    await closeWave(s.waveDeps, s.wave.id);
    s.clock.advance(14 * 24 * 3600 * 1000);
    const sentBefore = (await s.outbox.list()).length;
    await openWave(s.waveDeps);
    const next = (await s.outbox.list()).slice(sentBefore).map((m) => m.to);
    expect(next).toContain(alone!.email);
    expect(next).toContain(newcomer!.email);
  });
});
