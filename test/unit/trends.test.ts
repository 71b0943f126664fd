import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../shared/domain/digest.js';
import { designEffects, evaluateWave, HISTORY_WAVES, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import type { Domain } from '../../shared/domain/instrument.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { closedWave, countsFor } from '../support/waves.js';

/**
 * Trends and streaks over rotating items. The default instrument asks one rotating item a
 * wave, in turn: team connection (sequence 0, 4, 8 ...), intent to leave, the retention item
 * (1, 5, 9 ...), leaders understand (2, 6, 10 ...), the other connection item, and verbal
 * abuse, the safety item (3, 7, 11 ...).
 */
const org = orgConfigSchema.parse({
  id: 'trend',
  name: 'Trend Health',
  timeZone: 'America/Chicago',
  departments: [
    { id: 'hospital', name: 'Hospital' },
    { id: 'ed', name: 'Emergency', parent: 'hospital' },
    { id: 'office', name: 'Office' },
  ],
  roleGroups: [{ id: 'nurse', name: 'Nurses' }],
  channels: { email: { from: 'pulse@trend.example' } },
  deploy: { alarmEmail: 'it@trend.example' },
  leaders: [
    { id: 'director', name: 'Dee', email: 'director@trend.example', departments: ['office'] },
    { id: 'ed-lead', name: 'Eli', email: 'ed@trend.example', departments: ['ed'], reportsTo: 'director' },
  ],
});
const staff = { [`ed/${ALL_ROLES}`]: 40 };
const LATEST = 28;

/**
 * A history of published waves, oldest first, each with the adverse shares `shares(sequence)`
 * gives, and each evaluated with the earlier waves an alert run reads.
 */
function history(shares: (sequence: number) => Partial<Record<Domain, number>>, n = 30, upTo = LATEST): { published: Evaluation[]; latest: Evaluation } {
  const published: Evaluation[] = [];
  let latest: Evaluation | undefined;
  for (let sequence = 0; sequence <= upTo; sequence++) {
    const wave = closedWave(sequence, [{ department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(n, shares(sequence), sequence) }], staff, upTo - sequence);
    latest = evaluateWave(org, wave, published.slice(-HISTORY_WAVES));
    published.push(latest);
  }
  return { published, latest: latest! };
}
const figure = (evaluation: Evaluation, domain: Domain) => evaluation.groups.find((g) => g.id === 'department:ed')!.figures.find((f) => f.domain === domain);

describe('a trend', () => {
  it('compares a rotating domain only with earlier waves that asked the same item, six of them', () => {
    // Team connection is always 20% adverse, "leaders understand" always 80%: nothing changes.
    const { latest } = history((sequence) => ({ connection: sequence % 4 === 0 ? 0.2 : 0.8 }));
    const connection = figure(latest, 'connection')!;
    expect(connection.items).toEqual(['team_connection']);
    expect(connection.trend!.baselineShare).toBeCloseTo(0.2, 5);
    // Team connection was asked at 4, 8, ... 24 of the waves an alert run reads before 28: six.
    expect(connection.trend!.baselineWaveIds).toHaveLength(6);
    expect(connection.trend!.worsening).toBe(false);
  });

  it('gives intent to leave six pulses of baseline too, and finds its rise', () => {
    // Asked at 1, 5 ... 25: 20% adverse, then 60% of 30 in the newest pulse that asked it.
    const { latest } = history((sequence) => ({ retention: sequence === 25 ? 0.6 : 0.2 }), 30, 25);
    const retention = figure(latest, 'retention')!;
    expect(retention.items).toEqual(['intent_to_leave']);
    expect(retention.trend!.baselineWaveIds).toHaveLength(6);
    expect(retention.trend!.baselineShare).toBeCloseTo(0.2, 5);
    expect(retention.trend!.worsening).toBe(true);
    expect(retention.status).toBe('hotspot');
  });

  // Burnout, one item, 30 people a pulse: 20% (6 of 30) for a long time, so the six pulses
  // of a baseline hold 36 of 180. The z values below are the pooled two-proportion score
  // worked by hand.
  const LONG_CALM = (sequence: number, recent: Record<number, number>) => ({ burnout: recent[LATEST - sequence] ?? 0.2 });

  it('wants one-sided 0.1% from a single pulse', () => {
    // 13 of 30, shown as 43%, against 36 of 180: z = 0.23 / 0.08335 = 2.76. The old 1% test flagged it.
    const once = history((sequence) => LONG_CALM(sequence, { 0: 13 / 30 }));
    expect(figure(once.latest, 'burnout')!.trend!.z).toBeCloseTo(2.76, 2);
    expect(figure(once.latest, 'burnout')!.trend!.worsening).toBe(false);

    // 15 of 30: z = 0.3 / 0.08455 = 3.55.
    const sharp = history((sequence) => LONG_CALM(sequence, { 0: 0.5 }));
    expect(figure(sharp.latest, 'burnout')!.trend!.z).toBeCloseTo(3.548, 2);
    expect(figure(sharp.latest, 'burnout')!.trend!.worsening).toBe(true);
  });

  it('finds a rise two pulses show together that neither shows alone', () => {
    // 10 of 30 twice. The first alone: z = 0.1333 / 0.08157 = 1.63. Both against the six
    // pulses before them: 20 of 60 against 36 of 180, z = 0.1333 / 0.06305 = 2.11 >= 1.88,
    // and the newest alone is 1.63 >= 1 standard error up.
    const twice = history((sequence) => LONG_CALM(sequence, { 0: 1 / 3, 1: 1 / 3 }));
    expect(figure(twice.published.at(-2)!, 'burnout')!.trend!.worsening).toBe(false);
    const latest = figure(twice.latest, 'burnout')!;
    expect(latest.trend!.worsening).toBe(true);
    // What the leader is shown: the newest pulse against the six before it (previous included),
    // from the percents those pulses showed (10 of 30 as 33%).
    expect(latest.trend!.baselineShare).toBeCloseTo((0.33 * 30 + 5 * 6) / 180, 10);
  });

  it('reports a rise once: a level that stays up is not rising again the pulse after', () => {
    // A third pulse at 10 of 30: the previous one was reported rising, and this one alone
    // against a baseline holding both raised pulses is z = 0.0889 / 0.08619 = 1.03.
    const thrice = history((sequence) => LONG_CALM(sequence, { 0: 1 / 3, 1: 1 / 3, 2: 1 / 3 }));
    expect(figure(thrice.published.at(-2)!, 'burnout')!.trend!.worsening).toBe(true);
    expect(figure(thrice.latest, 'burnout')!.trend!.worsening).toBe(false);
  });

  it('does not call a one-pulse blip that came back a rise', () => {
    // 13 of 30, then 7 of 30: together 20 of 60 (z = 2.11), but the newest alone is
    // 0.0333 / 0.07957 = 0.42 standard errors above the baseline.
    const blip = history((sequence) => LONG_CALM(sequence, { 0: 7 / 30, 1: 13 / 30 }));
    expect(figure(blip.latest, 'burnout')!.trend!.worsening).toBe(false);
  });

  it('pairs only a pulse with the one just before it: a pulse with too few answers breaks the pair', () => {
    // 10 of 30, then a pulse of 3 answers (under k, unpublished), then 10 of 30 again. Paired
    // over the gap, the two published pulses would make the rise of the test above (z = 2.11).
    const published: Evaluation[] = [];
    for (let sequence = 0; sequence <= LATEST; sequence++) {
      const n = sequence === LATEST - 1 ? 3 : 30;
      const wave = closedWave(
        sequence,
        [{ department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(n, { burnout: sequence >= LATEST - 2 ? 1 / 3 : 0.2 }, sequence) }],
        staff,
        LATEST - sequence,
      );
      published.push(evaluateWave(org, wave, published));
    }
    expect(published.at(-2)!.groups.some((g) => g.id === 'department:ed')).toBe(false);
    expect(figure(published.at(-3)!, 'burnout')!.trend!.worsening).toBe(false);
    expect(figure(published.at(-1)!, 'burnout')!.trend!.worsening).toBe(false);
  });
});

describe('a hotspot streak', () => {
  it('passes over waves that did not ask the domain, so a safety or retention hotspot can escalate', () => {
    // Each is asked every fourth wave, hot every time: retention at 1, 5, 9, safety at 3, 7, 11.
    for (const [domain, upTo] of [
      ['retention', 9],
      ['safety', 11],
    ] as const) {
      const { latest } = history(() => ({ [domain]: 0.9 }), 30, upTo);
      const hot = figure(latest, domain)!;
      expect(hot.status).toBe('hotspot');
      expect(hot.hotspotStreak).toBeGreaterThanOrEqual(org.escalateAfterWaves);
      // The ED lead's own leader hears of it: the hotspot has lasted escalateAfterWaves pulses that asked.
      const director = composeDigest(org, latest, org.leaders.find((l) => l.id === 'director')!);
      expect(director.hotspots.some((f) => f.escalated && f.figure.domain === domain)).toBe(true);
    }
  });

  it('passes over a pulse that published nothing for the group, as too few answered then', () => {
    const published: Evaluation[] = [];
    for (let sequence = 0; sequence <= 6; sequence++) {
      const n = sequence === 4 ? 3 : 30;
      const wave = closedWave(sequence, [{ department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(n, { workload: 0.9 }, sequence) }], staff, 6 - sequence);
      published.push(evaluateWave(org, wave, published));
    }
    expect(published[4]!.groups.find((g) => g.id === 'department:ed')).toBeUndefined();
    // Hot in each of the six pulses that published it.
    expect(figure(published[6]!, 'workload')!.hotspotStreak).toBe(6);
  });

  it('still ends at a wave that asked the domain and found no hotspot', () => {
    const { latest } = history((sequence) => ({ safety: sequence === 7 ? 0 : 0.9 }), 30, 11);
    expect(figure(latest, 'safety')!.hotspotStreak).toBe(1);
  });
});

describe('the hotspot test', () => {
  const wave = (sequence: number, n: number, workload: number) =>
    closedWave(sequence, [{ department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(n, { workload }, sequence) }], staff, 3 - sequence);

  it('pools this pulse with the previous one when this one alone is not sure', () => {
    // 6 of 10 adverse: 95% interval 31% to 83%, not above the 40% threshold alone.
    const earlier = evaluateWave(org, wave(2, 10, 0.7));
    const now = figure(evaluateWave(org, wave(3, 10, 0.6), [earlier]), 'workload')!;
    expect(now.low).toBeCloseTo(0.3127, 4);
    // 13 of 20 over both: Wilson 43.3% to 81.9% (worked by hand from the score formula).
    expect(now.status).toBe('hotspot');
    expect(now.pooled).toMatchObject({ n: 20, waveIds: [earlier.waveId, expect.any(String)] });
    expect(now.pooled!.share).toBeCloseTo(0.65, 10);
    expect(now.pooled!.low).toBeCloseTo(0.4329, 4);
    expect(now.pooled!.high).toBeCloseTo(0.8188, 4);
    const digest = composeDigest(org, evaluateWave(org, wave(3, 10, 0.6), [earlier]), org.leaders.find((l) => l.id === 'ed-lead')!);
    expect(digest.text).toContain(
      'In Emergency, 60% of 10 people say their workload was not manageable. Line 40%; with the pulse before, 65% of 20 answers (95% interval 43% to 82%)',
    );
  });

  it('never pools more than two pulses, so a department that recovered is not flagged', () => {
    const first = evaluateWave(org, wave(1, 10, 0.9));
    const second = evaluateWave(org, wave(2, 10, 0.9), [first]);
    const now = figure(evaluateWave(org, wave(3, 10, 0.2), [second, first]), 'workload')!;
    expect(now.status).toBe('ok');
    expect(now.pooled).toBeUndefined();
  });
});

describe('designEffects', () => {
  const withTallies = (tallies: Record<string, number>, n: number) => ({
    ...closedWave(0, [{ department: 'ed', roleGroup: ALL_ROLES, counts: { n, counts: tallies } }], staff),
  });

  it('is 1 when a person answers every admin item alike, and 1/3 when everyone has exactly one of three adverse', () => {
    expect(designEffects(withTallies({ a_admin_burden_0: 5, a_admin_burden_3: 5 }, 10)).get('admin_burden')).toBeCloseTo(1, 10);
    expect(designEffects(withTallies({ a_admin_burden_1: 6 }, 6)).get('admin_burden')).toBeCloseTo(1 / 3, 10);
  });

  it('weighs spread within a person against the binomial variance', () => {
    // 4 people with 0, 1, 2 and 3 adverse of 3: share 0.5, within-unit variance
    // (0.25 + 1/36 + 1/36 + 0.25) = 5/9 against 4 x 0.25 = 1: 5/9.
    expect(
      designEffects(withTallies({ a_admin_burden_0: 1, a_admin_burden_1: 1, a_admin_burden_2: 1, a_admin_burden_3: 1 }, 4)).get('admin_burden'),
    ).toBeCloseTo(5 / 9, 10);
    // A one-item domain has none to estimate.
    expect(designEffects(withTallies({ a_burnout_1: 3 }, 3)).has('burnout')).toBe(false);
  });
});
