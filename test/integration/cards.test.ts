import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeCounts } from '../../shared/domain/aggregates.js';
import { ALL_ROLES, CARD_ROLE } from '../../shared/domain/recording-units.js';
import { hashToken } from '../../shared/domain/tokens.js';
import { AlreadyAnsweredError, TooFewStaffError } from '../../shared/errors.js';
import { keys } from '../../shared/table.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { submitPulse } from '../../shared/use-cases/submit-pulse.js';
import { cardLinks, writeCardSheet } from '../../scripts/lib/cards-command.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, completeForm, hiddenFields, linkToken, openTestWave, testPlatform } from '../support/scenario.js';

/**
 * Printed one-time cards, on DynamoDB Local: issued when a wave opens, worked out again from
 * the wave's secret as the CLI prints them, answered through the real submit path, counted
 * once, and counted in the plan so a department of deskless staff stands alone.
 */
const track = dropAfterEach();

/** The test clinic with environmental services, whose six staff have no email or phone: only cards. */
const clinicWithCards = (cards = 6) =>
  testOrg({
    departments: [
      { id: 'clinic', name: 'Clinic' },
      { id: 'ed', name: { en: 'Emergency', es: 'Emergencias' }, parent: 'clinic' },
      { id: 'lab', name: 'Lab', parent: 'clinic' },
      { id: 'evs', name: { en: 'Environmental services', es: 'Servicios ambientales' }, cards },
    ],
  });
const roster = () => [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 5), ...staffIn('lab', 'nurse', 3)];

/** What the CLI reads, as `npm run pulse -- cards` gives it. */
const cliDeps = (s: Awaited<ReturnType<typeof testPlatform>>) => ({
  org: s.org,
  orgFile: 'orgs/test-clinic.json',
  waves: s.stores.waves,
  secrets: s.secrets,
  clock: s.clock,
  baseUrl: BASE_URL,
});

describe('printed cards', () => {
  it('count in the plan as people who can answer: a department of cards alone stands as a unit, and is not held for want of a roster', async () => {
    const s = track(await openTestWave({ org: clinicWithCards(), staff: roster() }));
    expect(s.wave.cards).toEqual({ evs: 6 });
    expect(s.wave.issued).toBe(14 + 6);
    expect(s.wave.units[`evs/${CARD_ROLE}`]).toBe(`evs/${ALL_ROLES}`);
    expect(s.wave.staffPerUnit[`evs/${ALL_ROLES}`]).toBe(6);
    const sent = (await s.stores.waves.getWave(s.wave.id))!;
    expect(sent.dispatchedInvite).toContain('evs');
    expect(sent.dispatchedInvite).toContain('ed');
  });

  it('answer like a link, worked out as the CLI prints them, and count once', async () => {
    const s = track(await openTestWave({ org: clinicWithCards(), staff: roster() }));
    const links = cardLinks((await s.secrets.get(s.wave.id))!, 'evs', 6, BASE_URL);
    expect(new Set(links).size).toBe(6);
    const token = linkToken(links[2]!)!;
    const page = await hiddenFields(s.app, token);
    expect(page.unit).toBe(`evs/${ALL_ROLES}`);
    const deps = { ...s.stores, org: s.org, clock: s.clock, random: Math.random };
    // Nobody in the unit was sent a message: its cards alone are its reach.
    expect(await submitPulse(deps, token, { ...page, ...completeForm(s.wave.items, { burnout: 4 }) })).toEqual({ status: 'counted', crisis: false });
    await expect(submitPulse(deps, token, { ...page, ...completeForm(s.wave.items) })).rejects.toThrow(AlreadyAnsweredError);
    const counted = mergeCounts((await s.readAggregates(s.wave.id, 'evs')).map((r) => r.counts));
    expect(counted.n).toBe(1);
    expect(counted.counts.c_burnout_4).toBe(1);
    expect((await s.app.request(`/p/${token}`)).status).toBe(409);
  });

  it('start every shard of their unit reached by its cards', async () => {
    const s = track(await openTestWave({ org: clinicWithCards(), staff: roster() }));
    const shards = await s.table.partition(keys.aggregatePartition(s.wave.id, 'evs'), { consistent: true });
    expect(shards).toHaveLength(8);
    for (const shard of shards) expect(shard.reached).toBe(6);
  });

  it('open a wave for an organization whose only answerers hold cards, and not for fewer than k of them', async () => {
    const onlyCards = (cards: number) => testOrg({ departments: [{ id: 'evs', name: 'Environmental services', cards }], supportResources: [] });
    const enough = track(await testPlatform({ org: onlyCards(5), staff: [] }));
    const { wave } = await openWave(enough.waveDeps);
    expect(wave.issued).toBe(5);
    expect(wave.staffPerUnit).toEqual({ [`evs/${ALL_ROLES}`]: 5 });
    const tooFew = track(await testPlatform({ org: onlyCards(4), staff: [] }));
    await expect(openWave(tooFew.waveDeps)).rejects.toThrow(TooFewStaffError);
    expect(await tooFew.stores.waves.listWaves()).toEqual([]);
  });

  it('print on a sheet of every card with its QR code and link, each one the wave issued', async () => {
    const s = track(await openTestWave({ org: clinicWithCards(), staff: roster() }));
    const cwd = await mkdtemp(join(tmpdir(), 'cards-'));
    const sheet = await writeCardSheet(cliDeps(s), 'evs', { cwd });
    expect(sheet.file).toBe(join(cwd, `cards-evs-${s.wave.id}.html`));
    const html = await readFile(sheet.file, 'utf8');
    expect(html.match(/<svg class="qr" role="img" aria-label="[^"]+"/g)).toHaveLength(6);
    const tokens = [...html.matchAll(/<span class="token">([A-Za-z0-9_-]{22})<\/span>/g)].map((m) => m[1]!);
    expect(tokens).toHaveLength(6);
    const issued = await s.stores.answers.getTokens(tokens.map(hashToken));
    expect([...issued.values()].map((t) => `${t.department}/${t.roleGroup}/${t.state}`)).toEqual(Array(6).fill(`evs/${ALL_ROLES}/issued`));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Test Clinic');
    expect(html).toContain('<span lang="es">Encuesta anónima</span>');
  });

  it('are refused with what to do, writing nothing: an unknown department, one without cards, no open wave, a closed wave', async () => {
    const s = track(await testPlatform({ org: clinicWithCards(), staff: roster() }));
    const cwd = await mkdtemp(join(tmpdir(), 'cards-'));
    const print = (department: string | undefined) => writeCardSheet(cliDeps(s), department, { cwd });
    await expect(print('radiology')).rejects.toThrow('Unknown department "radiology". Departments: clinic, ed, lab, evs.');
    await expect(print('ed')).rejects.toThrow(/Emergency \(ed\) gets no printed cards: set "cards" .* in orgs\/test-clinic\.json.*come with the next wave/);
    await expect(print(undefined)).rejects.toThrow('Departments with cards: evs (6).');
    await expect(print('evs')).rejects.toThrow(/^No wave is open\./);
    const { wave } = await openWave(s.waveDeps);
    await closeWave(s.waveDeps, wave.id);
    await expect(print('evs')).rejects.toThrow(/^No wave is open\./);
    expect(await s.secrets.get(wave.id)).toBeUndefined();
    expect(await readdir(cwd)).toEqual([]);
  });
});
