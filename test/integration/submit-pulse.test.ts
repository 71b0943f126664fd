import { describe, expect, it } from 'vitest';
import { mergeCounts } from '../../shared/domain/aggregates.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { completeForm, openTestWave, postForm } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';

const track = dropAfterEach();

async function scenario(...args: Parameters<typeof openTestWave>) {
  const s = await openTestWave(...args);
  track(s);
  return s;
}

async function countedIn(s: Awaited<ReturnType<typeof openTestWave>>, department: string) {
  return mergeCounts((await s.store.readAggregates(s.wave.id, department)).map((r) => r.counts));
}

describe('submitting a pulse', () => {
  it('counts an answer into its unit aggregate and consumes the link', async () => {
    const s = await scenario();
    const token = s.tokenFor.get('ed.nurse.0@staff.example')!;
    const response = await postForm(s.app, token, completeForm(s.wave.items, { burnout: 4 }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Thank you');
    const roles = await s.store.readAggregates(s.wave.id, 'ed');
    expect(roles).toEqual([{ roleGroup: 'nurse', counts: expect.objectContaining({ n: 1 }) }]);
    expect(roles[0]!.counts.counts.c_burnout_4).toBe(1);
    expect((await postForm(s.app, token, completeForm(s.wave.items))).status).toBe(409);
    expect((await countedIn(s, 'ed')).n).toBe(1);
  });

  it('records a unit with fewer than k staff into its parent', async () => {
    const s = await scenario();
    const token = s.tokenFor.get('lab.nurse.0@staff.example')!;
    expect((await postForm(s.app, token, completeForm(s.wave.items))).status).toBe(200);
    expect(await s.store.readAggregates(s.wave.id, 'lab')).toEqual([]);
    // Lab (3 staff) has no standalone child; its parent has none of its own, so it joins ED.
    expect((await countedIn(s, 'ed')).n).toBe(1);
  });

  it('counts 100 links submitted twice, all 200 at once, exactly 100 times', async () => {
    const org = testOrg();
    const s = await scenario({ org, staff: staffIn('ed', 'nurse', 100) });
    const forms = s.tokens.map((token) => ({ token, form: completeForm(s.wave.items, { burnout: 3 }) }));
    expect(forms).toHaveLength(100);
    const responses = await Promise.all([...forms, ...forms].map(({ token, form }) => postForm(s.app, token, form)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((st) => st === 200)).toHaveLength(100);
    expect(statuses.filter((st) => st === 409)).toHaveLength(100);
    const total = await countedIn(s, 'ed');
    expect(total.n).toBe(100);
    expect(total.counts.c_burnout_3).toBe(100);
    expect((await s.store.readAggregates(s.wave.id, 'ed')).map((r) => r.roleGroup)).toEqual([ALL_ROLES]);
  });

  it('answers 422, keeps the chosen answers and writes nothing when an answer is missing', async () => {
    const s = await scenario();
    const token = s.tokens[0]!;
    const form = completeForm(s.wave.items, { burnout: 2 });
    delete form.q_workload;
    const response = await postForm(s.app, token, form);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('href="#q_workload"');
    expect(html).toMatch(/value="2" required="" checked=""/);
    expect((await countedIn(s, 'ed')).n).toBe(0);
    // The link still works afterwards.
    expect((await postForm(s.app, token, completeForm(s.wave.items))).status).toBe(200);
  });

  it('answers 404 for an unknown link and 410 once the wave has closed', async () => {
    const s = await scenario();
    expect((await postForm(s.app, 'A'.repeat(22), completeForm(s.wave.items))).status).toBe(404);
    expect((await s.app.request('/p/nonsense')).status).toBe(404);
    await closeWave(s.waveDeps, s.wave.id);
    expect((await s.app.request(`/p/${s.tokens[0]}`)).status).toBe(410);
    expect((await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items))).status).toBe(410);
    expect((await countedIn(s, 'ed')).n).toBe(0);
  });

  it('answers 410 to a submit right after close, even while this process still has the wave cached', async () => {
    const s = await scenario();
    expect((await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items))).status).toBe(200);
    await closeWave(s.waveDeps, s.wave.id);
    expect((await postForm(s.app, s.tokens[1]!, completeForm(s.wave.items))).status).toBe(410);
    expect((await countedIn(s, 'ed')).n).toBe(1);
  });

  it('answers 410 after the closing time even before anyone closes the wave', async () => {
    const s = await scenario();
    s.clock.set(new Date(Date.parse(s.wave.closesAt) + 1000));
    expect((await postForm(s.app, s.tokens[0]!, completeForm(s.wave.items))).status).toBe(410);
    expect((await countedIn(s, 'ed')).n).toBe(0);
  });
});
