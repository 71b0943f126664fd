import { describe, expect, it } from 'vitest';
import { borrowedStrengthRule, HOTSPOT_BELIEF, RULE_SETTINGS, type AlertRule, type FigureEvidence } from '../../shared/domain/alert-rule.js';
import { evaluateWave } from '../../shared/domain/evaluate-hotspots.js';
import { figureStatistics } from '../../shared/domain/explain-figure.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { currentLevel, fitPopulation, FLAT_POPULATION, RATE_GRID, reading } from '../../shared/domain/population.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { closedWave, countsFor } from '../support/waves.js';

/** The weight a population puts on rates within `[low, high)`. */
const massBetween = (population: ReturnType<typeof fitPopulation>, low: number, high: number) =>
  population.weights.reduce((sum, weight, j) => (RATE_GRID[j]! >= low && RATE_GRID[j]! < high ? sum + weight : sum), 0);

describe('the organization’s spread of rates', () => {
  it('keeps a few hot departments apart from the rest instead of one bell between them', () => {
    // 80 departments at 20% and 20 at 70%, 40 people each.
    const observations = [
      ...Array.from({ length: 80 }, () => ({ adverse: 8, people: 40 })),
      ...Array.from({ length: 20 }, () => ({ adverse: 28, people: 40 })),
    ];
    const population = fitPopulation(observations);
    expect(massBetween(population, 0.1, 0.3)).toBeGreaterThan(0.7);
    expect(massBetween(population, 0.6, 0.8)).toBeGreaterThan(0.15);
    // Hardly anything in the empty middle, where one bell would put its peak.
    expect(massBetween(population, 0.4, 0.5)).toBeLessThan(0.05);
  });
});

describe('a department’s current level', () => {
  it('pools every pulse of a level that held, and starts again after a clear change', () => {
    const held = currentLevel(
      FLAT_POPULATION,
      Array.from({ length: 5 }, () => reading({ adverse: 6, people: 10 })),
      0.3,
      0.4,
    );
    expect(held.pulses).toBe(5);
    const changed = currentLevel(
      FLAT_POPULATION,
      [...Array.from({ length: 4 }, () => ({ adverse: 9, people: 10 })), { adverse: 1, people: 10 }].map(reading),
      0.3,
      0.4,
    );
    expect(changed.pulses).toBe(1);
    expect(changed.above).toBeLessThan(0.1);
  });
});

describe('a small department read against its organization', () => {
  // Twelve departments without children: eleven of 20 people each and one of 6, the one read.
  const departments = Array.from({ length: 12 }, (_, i) => ({ id: `d${i}`, name: `Department ${i}` }));
  const org = orgConfigSchema.parse({
    id: 'spread',
    name: 'Spread Health',
    timeZone: 'America/Chicago',
    departments,
    roleGroups: [{ id: 'nurse', name: 'Nurses' }],
    channels: { email: { from: 'pulse@spread.example' } },
    deploy: { alarmEmail: 'it@spread.example' },
  });
  const staff = Object.fromEntries(departments.map((d) => [`${d.id}/${ALL_ROLES}`, d.id === 'd0' ? 6 : 20]));
  /** `hotOthers` of the other departments at 70% workload, the rest at 20%; d0 at 4 of 6. */
  const small = (hotOthers: number, rule?: AlertRule, answered = 6) => {
    const units = departments.map((d, i) => ({
      department: d.id,
      roleGroup: ALL_ROLES,
      counts: d.id === 'd0' ? countsFor(answered, { workload: 4 / 6 }) : countsFor(20, { workload: i <= hotOthers ? 0.7 : 0.2 }),
    }));
    const evaluation = evaluateWave(org, closedWave(0, units, { ...staff, [`d0/${ALL_ROLES}`]: answered }), [], rule);
    return evaluation.groups.find((g) => g.id === 'department:d0')!.figures.find((f) => f.domain === 'workload')!;
  };

  it('is a hotspot at 4 of 6 where hot departments are common, and watched where they are rare', () => {
    const common = small(4);
    expect(common.estimate!.borrowed).toBe(true);
    expect(common.status).toBe('hotspot');
    const rare = small(0);
    expect(rare.status).toBe('watch');
    expect(rare.estimate!.above).toBeLessThan(common.estimate!.above);
  });

  it('flags a hot department where few answered at a lower bar than a large group needs, and says why the bar is low', () => {
    const figure = small(2);
    expect(figure.status).toBe('hotspot');
    expect(figure.estimate!.barLoweredFor).toBe(6);
    // Held to a large group’s bar, the same pulse is only watched.
    const largeGroupsBar = small(2, (evidence) =>
      borrowedStrengthRule(evidence, { ...RULE_SETTINGS, belief: { few: HOTSPOT_BELIEF.many, many: HOTSPOT_BELIEF.many } }),
    );
    expect(largeGroupsBar.status).toBe('watch');
    expect(largeGroupsBar.estimate!.bar).toBeGreaterThan(figure.estimate!.bar);
    expect(figureStatistics(figure, 'en')).toContain(`(a hotspot at ${Math.round(figure.estimate!.bar * 100)}%, lower because only 6 answered this pulse)`);
    expect(figureStatistics(figure, 'es')).toContain('menos exigente porque en esta encuesta solo respondieron 6)');
    // Where 20 answered the bar is a large group’s, and the text does not mention it.
    const larger = small(2, undefined, 20);
    expect(larger.estimate!.barLoweredFor).toBeUndefined();
    expect(figureStatistics(larger, 'en')).not.toContain('lower because');
  });

  it('asks 97% where no other department vouches for the rate, and less where many do', () => {
    expect(small(4).estimate!.bar).toBeLessThan(0.9);
    const alone = orgConfigSchema.parse({ ...org, departments: departments.slice(0, 1) });
    const figure = evaluateWave(alone, closedWave(0, [{ department: 'd0', roleGroup: ALL_ROLES, counts: countsFor(20, { workload: 0.6 }) }], staff))
      .groups.find((g) => g.id === 'department:d0')!
      .figures.find((f) => f.domain === 'workload')!;
    expect(figure.estimate).toMatchObject({ borrowed: false, bar: 0.97 });
  });

  it('reads a department against the others only, so it does not vouch for itself', () => {
    // Eight departments: seven ordinary at 20%, and d0 at 4 of 5.
    const eight = orgConfigSchema.parse({ ...org, departments: departments.slice(0, 8) });
    const units = eight.departments.map((d) => ({
      department: d.id,
      roleGroup: ALL_ROLES,
      counts: d.id === 'd0' ? countsFor(5, { workload: 0.8 }) : countsFor(20, {}),
    }));
    const figure = evaluateWave(eight, closedWave(0, units, staff))
      .groups.find((g) => g.id === 'department:d0')!
      .figures.find((f) => f.domain === 'workload')!;
    // Seven departments at 20% do not vouch for 80%: the figure is read mostly against an even
    // spread, and needs nearly what it would need alone.
    expect(figure.status).toBe('watch');
    expect(figure.estimate!.borrowed).toBe(false);
    expect(figure.estimate!.bar).toBeGreaterThanOrEqual(0.95);
  });

  it('publishes the same statuses and chances for counts their whole percents cannot tell apart', () => {
    // d3's 100 and 101 adverse of 279 both read 36%: every other department reads the
    // organization's spread through that percent alone. (The organization's own figure is one
    // percent apart, as published.)
    const big = { ...staff, [`d3/${ALL_ROLES}`]: 300 };
    const evaluationWith = (adverse: number) =>
      evaluateWave(
        org,
        closedWave(
          0,
          departments.map((d, i) => ({
            department: d.id,
            roleGroup: ALL_ROLES,
            counts: d.id === 'd3' ? countsFor(279, { workload: adverse / 279 }) : countsFor(d.id === 'd0' ? 6 : 20, { workload: i % 3 === 0 ? 0.7 : 0.25 }),
          })),
          big,
        ),
      );
    const departmentsOf = (evaluation: ReturnType<typeof evaluationWith>) => evaluation.groups.filter((g) => g.id !== 'org');
    expect(departmentsOf(evaluationWith(101))).toEqual(departmentsOf(evaluationWith(100)));
    expect(evaluationWith(101).groups.some((g) => g.figures.some((f) => f.estimate?.borrowed))).toBe(true);
  });
});

describe('the hotspot bar by how many answered', () => {
  // Two hundred departments of 20 at 60%: they vouch for a figure at 60%, so its bar is the one
  // set for its size, not pulled toward the 97% of a figure nothing vouches for.
  const borrowed = { population: fitPopulation(Array.from({ length: 200 }, () => ({ adverse: 12, people: 20 }))), departments: 200 };
  const evidenceFor = (n: number, vouching = true): FigureEvidence => ({
    domain: 'workload',
    waveId: 'w20261102-01',
    items: ['workload'],
    share: 0.6,
    n,
    effect: 1,
    threshold: 0.4,
    comparable: [],
    askedBefore: [],
    borrowed: vouching ? borrowed : undefined,
  });

  it('falls evenly from a large group’s 85% to 60% where 5 answered, and is named as lowered only below 20', () => {
    const bars = [5, 8, 12, 16, 19, 20, 40].map((n) => borrowedStrengthRule(evidenceFor(n)).estimate!);
    const [five, eight, twelve, sixteen, nineteen, twenty, forty] = bars.map((estimate) => estimate.bar) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // The departments vouch almost wholly (an even spread keeps a little weight), so each bar
    // sits at or a point above its own.
    expect(five).toBeGreaterThanOrEqual(0.6);
    expect(five).toBeLessThanOrEqual(0.61);
    expect(twenty).toBeGreaterThanOrEqual(0.85);
    expect(twenty).toBeLessThanOrEqual(0.86);
    expect(forty).toBe(twenty);
    expect([five, eight, twelve, sixteen, nineteen, twenty]).toEqual([five, eight, twelve, sixteen, nineteen, twenty].sort());
    // Even: four more answering moves it the same few points wherever they are.
    expect(Math.round(100 * Math.abs(twelve - eight - (sixteen - twelve)))).toBeLessThanOrEqual(1);
    expect(bars.map((estimate) => estimate.barLoweredFor)).toEqual([5, 8, 12, 16, 19, undefined, undefined]);
  });

  it('asks 97% of a small group where nothing vouches, and does not call that bar lowered', () => {
    const alone = borrowedStrengthRule(evidenceFor(6, false)).estimate!;
    expect(alone.bar).toBe(0.97);
    expect(alone.barLoweredFor).toBeUndefined();
  });
});
