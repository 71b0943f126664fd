import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAttribute, type AggregateCounts } from '../../shared/domain/aggregates.js';
import { composeDashboard } from '../../shared/domain/dashboard.js';
import { composeDigest } from '../../shared/domain/digest.js';
import { evaluateWave, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { containmentForest, NotLaminarError, suppressGroups } from '../../shared/domain/suppression.js';
import { answersOf, build, organizations, orgWith, plannedWave, recorded, subtractionOrganization, truth, twoPulses } from '../support/audit-orgs.js';
import { adverseRange, findLeaks, publishedSums, solveFor, type PublishedSum } from '../support/disclosure-auditor.js';

/**
 * Invariant 2 against an attacker who holds every figure published for a wave (every
 * leader's digest and dashboard) and solves the equations they imply.
 */

describe('the auditor', () => {
  const { org, wave } = subtractionOrganization();
  // Clinic's own two answered adversely on everything; nobody else did.
  const counts = recorded(wave, { 'ward/staff': 6, 'clinic/staff': 2, 'clinic-lab/staff': 5, 'imaging/staff': 6 }, () => false);
  const clinicOwn = counts.units.find((u) => u.department === 'clinic')!;
  clinicOwn.counts = answersOf(wave, 2, () => true);
  const merged = (...departments: string[]) => {
    const parts = counts.units.filter((u) => departments.includes(u.department));
    const total: AggregateCounts = { n: 0, counts: {} };
    for (const part of parts) {
      total.n += part.counts.n;
      for (const [name, value] of Object.entries(part.counts.counts)) total.counts[name] = (total.counts[name] ?? 0) + value;
    }
    return total;
  };

  it('solves a hidden small group from what a relation-by-relation rule published', () => {
    // What the old rule published: the organization, ward, clinic-lab and imaging (clinic hidden).
    const shown = (id: string, departments: string[]): PublishedSum => {
      const total = merged(...departments);
      const adverse: Record<string, readonly [number, number]> = {};
      for (const domain of new Set(wave.items.map((i) => i.domain))) {
        const items = wave.items.filter((i) => i.domain === domain);
        const bad = items.reduce((sum, item) => sum + (total.counts[countAttribute(item.id, item.adverse[0]!)] ?? 0), 0);
        adverse[domain] = adverseRange(Math.round((100 * bad) / (total.n * items.length)), total.n, items.length);
      }
      return { label: id, units: departments.map((d) => `${wave.id}|${d}/${ALL_ROLES}`), n: total.n, adverse };
    };
    const oldRule = [
      shown('org', ['ward', 'clinic', 'clinic-lab', 'imaging']),
      shown('ward', ['ward']),
      shown('clinic-lab', ['clinic-lab']),
      shown('imaging', ['imaging']),
    ];

    const solved = solveFor(oldRule, [`${wave.id}|clinic/${ALL_ROLES}`]);
    expect(solved?.n).toBe(2);
    // From whole-percent shares alone, the two people's burnout answers come out exactly.
    expect(solved?.adverse.burnout).toEqual([2, 2]);
    expect(findLeaks(oldRule, truth(counts), 5)).toEqual([{ units: [`${wave.id}|clinic/${ALL_ROLES}`], respondents: 2 }]);
  });

  it('finds a difference of two small groups, not only a group solved outright', () => {
    const published: PublishedSum[] = [
      { label: 'a+c', units: ['a', 'c'], n: 12 },
      { label: 'b+c', units: ['b', 'c'], n: 12 },
    ];
    // a - b is determined and involves 2 + 2 people.
    expect(
      findLeaks(
        published,
        new Map([
          ['a', 2],
          ['b', 2],
          ['c', 10],
        ]),
        5,
      ),
    ).toEqual([{ units: ['a', 'b'], respondents: 4 }]);
    expect(
      findLeaks(
        published,
        new Map([
          ['a', 3],
          ['b', 3],
          ['c', 10],
        ]),
        5,
      ),
    ).toEqual([]);
  });

  it('leaves clinic’s own staff undetermined in everything published to every leader', () => {
    const evaluation = evaluateWave(org, counts);
    const sums = publishedSums(org, new Map([[wave.id, wave]]), evaluation);
    expect(findLeaks(sums, truth(counts), org.k)).toEqual([]);
    expect(solveFor(sums, [`${wave.id}|clinic/${ALL_ROLES}`])).toBeUndefined();
    // The organization's figure survives: a unit is hidden instead.
    expect(evaluation.groups.map((g) => g.id)).toContain('org');
    expect(everythingShown(org, evaluation).every((id) => evaluation.groups.some((g) => g.id === id))).toBe(true);
  });
});

describe('trends across a changed configuration', () => {
  // Wave 1: a, b, c with 10, 10 and 5 staff; 6, 6 and 3 answered, c's three all burned out.
  const before = orgWith([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  const staff = [
    { department: 'a', roleGroup: 'staff', count: 10 },
    { department: 'b', roleGroup: 'staff', count: 10 },
    { department: 'c', roleGroup: 'staff', count: 5 },
  ];
  const firstWave = plannedWave(before, staff, 0);
  const first = recorded(firstWave, { 'a/staff': 6, 'b/staff': 6, 'c/staff': 3 }, () => false);
  first.units.find((u) => u.department === 'c')!.counts = answersOf(firstWave, 3, () => true);
  const secondWave = plannedWave(before, staff.slice(0, 2), 1);
  const second = recorded(secondWave, { 'a/staff': 7, 'b/staff': 7 }, () => false);
  const waves = new Map([firstWave, secondWave].map((w) => [w.id, w]));

  it.each([
    ['a department removed', orgWith([{ id: 'a' }, { id: 'b' }])],
    ['k lowered from 7 to 5', before],
  ])('pools only what each wave published: %s', (_, after) => {
    const published = evaluateWave(_ === 'k lowered from 7 to 5' ? { ...before, k: 7 } : before, first);
    const now = evaluateWave(after, second, [published]);
    const all = [...publishedSums(before, waves, published), ...publishedSums(before, waves, now)];
    expect(findLeaks(all, truth(first, second), 5)).toEqual([]);
  });
});

/** Every group id any leader is shown, in a digest or on a dashboard. */
function everythingShown(org: OrgConfig, evaluation: Evaluation): string[] {
  return org.leaders.flatMap((leader) => {
    const digest = composeDigest(org, evaluation, leader);
    const dashboard = composeDashboard(org, leader, [evaluation]);
    return [...digest.hotspots, ...digest.worsening, ...digest.watch].map((f) => f.group.id).concat(dashboard?.rows.map((r) => r.groupId) ?? []);
  });
}

describe('suppressGroups', () => {
  it('hides a unit rather than the organization when the organization minus its units would reveal a few', () => {
    const hidden = suppressGroups(
      [
        { id: 'org', units: ['a', 'b', 'c', 'd'], n: 92, level: 0, keep: true },
        { id: 'a', units: ['a'], n: 39, level: 1 },
        { id: 'b', units: ['b'], n: 10, level: 1 },
        { id: 'c', units: ['c'], n: 4, level: 1 },
        { id: 'd', units: ['d'], n: 39, level: 1 },
      ],
      5,
    );
    expect(hidden).toEqual(new Set(['c', 'b']));
  });

  it('refuses groups that overlap without nesting, where its rule would not be complete', () => {
    expect(() =>
      containmentForest([
        { id: 'x', units: ['a', 'b'], n: 10, level: 1 },
        { id: 'y', units: ['b', 'c'], n: 10, level: 1 },
      ]),
    ).toThrow(NotLaminarError);
  });
});

describe('published figures, over random organizations', () => {
  it('never let anyone solve for fewer than k people, and stored groups hold at least k staff', () => {
    fc.assert(
      fc.property(organizations, (numbers) => {
        const { org, roster, answered, adverse } = build(numbers);
        const staff = roster(0);
        if (staff.reduce((sum, s) => sum + s.count, 0) < org.k) return; // such an organization opens no wave
        const wave = plannedWave(org, staff, 0);
        expect(Object.values(wave.staffPerUnit).every((count) => count >= org.k)).toBe(true);
        const counts = recorded(wave, answered(staff), adverse);
        const evaluation = evaluateWave(org, counts);
        expect(findLeaks(publishedSums(org, new Map([[wave.id, wave]]), evaluation), truth(counts), org.k)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('never let one wave’s figures be subtracted from another’s, across a roster change', () => {
    fc.assert(
      fc.property(organizations, (numbers) => {
        const pulses = twoPulses(numbers);
        if (!pulses) return;
        const waves = new Map([pulses.first.wave, pulses.second.wave].map((w) => [w.id, w]));
        const published = pulses.evaluations.flatMap((evaluation) => publishedSums(pulses.org, waves, evaluation));
        expect(findLeaks(published, truth(pulses.first, pulses.second), pulses.org.k)).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });
});
