import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../shared/domain/digest.js';
import { evaluateWave, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import type { Domain } from '../../shared/domain/instrument.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { closedWave, countsFor } from '../support/waves.js';

/**
 * Trends and streaks over rotating items. The default instrument asks one rotating item a
 * wave, in turn: team connection (sequence 0, 3, 6 ...), leaders understand (1, 4, 7 ...),
 * both of the connection domain, and verbal abuse, the safety item (2, 5, 8 ...).
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
  leaders: [
    { id: 'director', name: 'Dee', email: 'director@trend.example', departments: ['office'] },
    { id: 'ed-lead', name: 'Eli', email: 'ed@trend.example', departments: ['ed'], reportsTo: 'director' },
  ],
});
const staff = { [`ed/${ALL_ROLES}`]: 40 };
const LATEST = 12;

/** A history of published waves, oldest first, each with the adverse shares `shares(sequence)` gives. */
function history(shares: (sequence: number) => Partial<Record<Domain, number>>, n = 30, upTo = LATEST): { published: Evaluation[]; latest: Evaluation } {
  const published: Evaluation[] = [];
  let latest: Evaluation | undefined;
  for (let sequence = 0; sequence <= upTo; sequence++) {
    const wave = closedWave(sequence, [{ department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(n, shares(sequence), sequence) }], staff, upTo - sequence);
    latest = evaluateWave(org, wave, published);
    published.push(latest);
  }
  return { published, latest: latest! };
}
const figure = (evaluation: Evaluation, domain: Domain) => evaluation.groups.find((g) => g.id === 'department:ed')!.figures.find((f) => f.domain === domain);

describe('a trend', () => {
  it('compares a rotating domain only with earlier waves that asked the same item', () => {
    // Team connection is always 20% adverse, "leaders understand" always 80%: nothing changes.
    const { latest } = history((sequence) => ({ connection: sequence % 3 === 0 ? 0.2 : 0.8 }));
    const connection = figure(latest, 'connection')!;
    expect(connection.items).toEqual(['team_connection']);
    expect(connection.trend!.baselineShare).toBeCloseTo(0.2, 5);
    expect(connection.trend!.baselineWaveIds).toHaveLength(3);
    expect(connection.trend!.worsening).toBe(false);
  });

  it('needs a rise significant at 1% in one wave, or at 5% in two waves running', () => {
    // Burnout 20% for a long time, then about 38% of 30 people: z between 1.64 and 2.33.
    const once = history((sequence) => ({ burnout: sequence === LATEST ? 0.38 : 0.2 }));
    const z = figure(once.latest, 'burnout')!.trend!.z;
    expect(z).toBeGreaterThan(1.645);
    expect(z).toBeLessThan(2.326);
    expect(figure(once.latest, 'burnout')!.trend!.worsening).toBe(false);

    const twice = history((sequence) => ({ burnout: sequence >= LATEST - 1 ? 0.38 : 0.2 }));
    expect(figure(twice.published.at(-2)!, 'burnout')!.trend!.worsening).toBe(false);
    expect(figure(twice.latest, 'burnout')!.trend!.worsening).toBe(true);

    const sharp = history((sequence) => ({ burnout: sequence === LATEST ? 0.6 : 0.2 }));
    expect(figure(sharp.latest, 'burnout')!.trend!.worsening).toBe(true);
  });
});

describe('a hotspot streak', () => {
  it('passes over waves that did not ask the domain, so a safety hotspot can escalate', () => {
    // Safety is asked at 5, 8 and 11, hot every time.
    const { latest } = history(() => ({ safety: 0.9 }), 30, 11);
    const safety = figure(latest, 'safety')!;
    expect(safety.status).toBe('hotspot');
    expect(safety.hotspotStreak).toBeGreaterThanOrEqual(org.escalateAfterWaves);
    // The ED lead's own leader hears of it: the hotspot has lasted escalateAfterWaves pulses that asked.
    const director = composeDigest(org, latest, org.leaders.find((l) => l.id === 'director')!);
    expect(director.hotspots.some((f) => f.escalated && f.figure.domain === 'safety')).toBe(true);
  });

  it('still ends at a wave that asked the domain and found no hotspot', () => {
    const { latest } = history((sequence) => ({ safety: sequence === 8 ? 0 : 0.9 }), 30, 11);
    expect(figure(latest, 'safety')!.hotspotStreak).toBe(1);
  });
});
