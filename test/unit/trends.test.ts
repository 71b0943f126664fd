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
  // of a baseline hold 36 of 180. This organization has too few departments to borrow from,
  // so the baseline's level is read against every rate alike: Beta(37, 145), mean 0.2033,
  // variance 0.000885. A rise's z is the recent share over that mean, in the standard error
  // of the recent pulses at that rate with the baseline's own variance added.
  const LONG_CALM = (sequence: number, recent: Record<number, number>) => ({ burnout: recent[LATEST - sequence] ?? 0.2 });

  it('wants one-sided 0.1% from a single pulse', () => {
    // 13 of 30, shown as 43%: z = (0.43 - 0.2033) / sqrt(0.2033 x 0.7967 / 30 + 0.000885) = 2.86.
    const once = history((sequence) => LONG_CALM(sequence, { 0: 13 / 30 }));
    expect(figure(once.latest, 'burnout')!.trend!.z).toBeCloseTo(2.86, 1);
    expect(figure(once.latest, 'burnout')!.trend!.worsening).toBe(false);

    // 15 of 30: z = 0.2967 / 0.0793 = 3.74.
    const sharp = history((sequence) => LONG_CALM(sequence, { 0: 0.5 }));
    expect(figure(sharp.latest, 'burnout')!.trend!.z).toBeCloseTo(3.74, 1);
    expect(figure(sharp.latest, 'burnout')!.trend!.worsening).toBe(true);
  });

  it('finds a rise two pulses show together that neither shows alone', () => {
    // 10 of 30 twice, shown as 33%. The first alone: z = 0.1267 / 0.0793 = 1.6. Both against
    // the six pulses before them: 33% of 60 against the level 0.2033, z = 0.1267 /
    // sqrt(0.2033 x 0.7967 / 60 + 0.000885) = 2.12 >= 1.96, and the newest alone is 1.6 >= 1
    // standard error up.
    const twice = history((sequence) => LONG_CALM(sequence, { 0: 1 / 3, 1: 1 / 3 }));
    expect(figure(twice.published.at(-2)!, 'burnout')!.trend!.worsening).toBe(false);
    const latest = figure(twice.latest, 'burnout')!;
    expect(latest.trend!.worsening).toBe(true);
    // What the leader is shown is what found the rise: both pulses against the six before them.
    expect(latest.trend!.baselineShare).toBeCloseTo(0.2, 10);
    expect(latest.trend!.recentWaveIds).toEqual([twice.published.at(-2)!.waveId, twice.latest.waveId]);
    expect(latest.trend!.baselineWaveIds).not.toContain(twice.published.at(-2)!.waveId);
  });

  it('reports a rise once: a level that stays up is not rising again the pulse after', () => {
    // A third pulse at 10 of 30: the previous one was reported rising, and this one alone
    // against a baseline holding both raised pulses is about one standard error up.
    const thrice = history((sequence) => LONG_CALM(sequence, { 0: 1 / 3, 1: 1 / 3, 2: 1 / 3 }));
    expect(figure(thrice.published.at(-2)!, 'burnout')!.trend!.worsening).toBe(true);
    expect(figure(thrice.latest, 'burnout')!.trend!.worsening).toBe(false);
  });

  it('does not call a one-pulse blip that came back a rise', () => {
    // 13 of 30, then 7 of 30: together 33% of 60 (z = 2.12), but the newest alone is
    // (0.23 - 0.2033) / 0.0793 = 0.34 standard errors above the baseline.
    const blip = history((sequence) => LONG_CALM(sequence, { 0: 7 / 30, 1: 13 / 30 }));
    expect(figure(blip.latest, 'burnout')!.trend!.worsening).toBe(false);
  });

  it('pairs only a pulse with the one just before it: a pulse with too few answers breaks the pair', () => {
    // 10 of 30, then a pulse of 3 answers (under k, unpublished), then 10 of 30 again. Paired
    // over the gap, the two published pulses would make the rise of the test above (z = 2.12).
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

  it('reports a rise once, even over a pulse between that published nothing for the group', () => {
    // 21 of 30 (a rise), then a pulse of 3 answers (unpublished), then 21 of 30 again: still
    // well above the six pulses before, and already reported.
    const published: Evaluation[] = [];
    for (let sequence = 0; sequence <= LATEST; sequence++) {
      const n = sequence === LATEST - 1 ? 3 : 30;
      const burnout = sequence >= LATEST - 2 ? 0.7 : 0.2;
      const wave = closedWave(sequence, [{ department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(n, { burnout }, sequence) }], staff, LATEST - sequence);
      published.push(evaluateWave(org, wave, published));
    }
    expect(figure(published.at(-3)!, 'burnout')!.trend!.worsening).toBe(true);
    expect(figure(published.at(-1)!, 'burnout')!.trend!.z).toBeGreaterThan(3.09);
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
    closedWave(sequence, [{ department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(n, { workload }, sequence) }], staff, LATEST - sequence);
  const run = (pulses: readonly [n: number, workload: number][]) => {
    const published: Evaluation[] = [];
    pulses.forEach(([n, workload], sequence) => published.push(evaluateWave(org, wave(sequence, n, workload), [...published].reverse())));
    return figure(published.at(-1)!, 'workload')!;
  };

  it('reads this pulse with the earlier ones for as long as the level holds', () => {
    // 6 or 7 of 10, five pulses running: one pulse alone reaches below the 40% line (its 95%
    // interval starts at 31%), five together do not.
    const now = run([
      [10, 0.7],
      [10, 0.6],
      [10, 0.7],
      [10, 0.6],
      [10, 0.6],
    ]);
    expect(now.low).toBeLessThan(0.4);
    expect(now.status).toBe('hotspot');
    expect(now.estimate!.above).toBeGreaterThanOrEqual(now.estimate!.bar);
    expect(now.estimate!.bar).toBe(0.97);
    expect(now.estimate!.waveIds.length).toBeGreaterThanOrEqual(3);
    expect(now.estimate!.waveIds.at(-1)).toBe(wave(4, 10, 0.6).wave.id);
    expect(now.estimate!.borrowed).toBe(false);
  });

  it('wants more than one small pulse where there is nothing to borrow', () => {
    // 6 of 10 alone: 88% likely above the 40% line, under the 97% asked. With 7 of 10 before
    // it, 13 of 20 read as one level are: the pair the earlier rule pooled too.
    expect(run([[10, 0.6]]).status).toBe('watch');
    expect(
      run([
        [10, 0.7],
        [10, 0.6],
      ]).status,
    ).toBe('hotspot');
  });

  it('reads a pulse clearly below a hot history alone, so a department that recovered is not flagged', () => {
    const now = run([
      [10, 0.9],
      [10, 0.9],
      [10, 0.9],
      [10, 0.2],
    ]);
    expect(now.status).toBe('ok');
    expect(now.estimate!.waveIds).toEqual([wave(3, 10, 0.2).wave.id]);
    // What 2 of 10 alone says of a rate above 40%: about one chance in eight.
    expect(now.estimate!.above).toBeLessThan(0.15);
  });

  it('never calls a figure below the line a hotspot, whatever came before', () => {
    const now = run([
      [30, 0.9],
      [30, 0.9],
      [30, 0.9],
      [30, 0.37],
    ]);
    expect(now.status).toBe('ok');
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
