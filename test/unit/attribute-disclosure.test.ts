import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateWave, type WaveCounts } from '../../shared/domain/evaluate-hotspots.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { suppressGroups } from '../../shared/domain/suppression.js';
import { findAttributeLeaks } from '../support/attribute-auditor.js';
import { answersOf, attributeLeaksOf, organizations, orgWith, plannedWave, recorded, subtractionOrganization, twoPulses } from '../support/audit-orgs.js';
import { adverseRange, type PublishedSum } from '../support/disclosure-auditor.js';

/**
 * Invariant 2 against the attacker who wants what a person answered, not who they are: with
 * every figure published to anyone, bound each hidden group's answers over the integers and
 * look for a group whose answer comes out whole (none or all adverse).
 */

describe('a unanimous difference', () => {
  // Cardiology: 4 people of its own, the Cath lab (5 staff, 2 answered: hidden) and the
  // Cardiac ICU (7 answered). Cardiology's own 4 and the Cath lab's 2 all report an
  // unmanageable workload and no burnout; 3 of the ICU's 7 the workload, 4 of 7 burnout.
  const org = orgWith([{ id: 'cardiology' }, { id: 'cardiac-icu', parent: 'cardiology' }, { id: 'cath-lab', parent: 'cardiology' }, { id: 'oncology' }]);
  const staff = [
    { department: 'cardiology', roleGroup: 'staff', count: 5 },
    { department: 'cath-lab', roleGroup: 'staff', count: 5 },
    { department: 'cardiac-icu', roleGroup: 'staff', count: 9 },
    { department: 'oncology', roleGroup: 'staff', count: 12 },
  ];
  const wave = plannedWave(org, staff, 0);
  const workloadAndNoBurnout = (_: number, domain: string) => domain === 'workload';
  const counts: WaveCounts = {
    wave,
    units: [
      { department: 'cardiology', roleGroup: ALL_ROLES, counts: answersOf(wave, 4, workloadAndNoBurnout) },
      { department: 'cath-lab', roleGroup: ALL_ROLES, counts: answersOf(wave, 2, workloadAndNoBurnout) },
      { department: 'cardiac-icu', roleGroup: ALL_ROLES, counts: answersOf(wave, 7, (person, domain) => (domain === 'workload' ? person < 3 : person < 4)) },
      { department: 'oncology', roleGroup: ALL_ROLES, counts: answersOf(wave, 9, (person) => person % 3 === 0) },
    ],
  };
  const unitsOf = (...departments: string[]) => departments.map((d) => `${wave.id}|${d}/${ALL_ROLES}`);
  const itemsOf = (domain: string) => wave.items.filter((item) => item.domain === domain).length;
  const shown = (label: string, departments: string[], n: number, adverse: Record<string, number>): PublishedSum => ({
    label,
    units: unitsOf(...departments),
    n,
    adverse: Object.fromEntries(Object.entries(adverse).map(([domain, share]) => [domain, adverseRange(share, n, itemsOf(domain))])),
  });

  it('tells the attacker what both Cath lab people answered, from Cardiology’s 69% of 13 and the ICU’s 43% of 7 (the control)', () => {
    // What was published before: Cardiology and the Cardiac ICU side by side, in whole percents.
    const before = [
      shown('cardiology', ['cardiology', 'cath-lab', 'cardiac-icu'], 13, { workload: 69, burnout: 31 }),
      shown('cardiac-icu', ['cardiac-icu'], 7, { workload: 43, burnout: 57 }),
      shown('oncology', ['oncology'], 9, { workload: 33, burnout: 33 }),
      shown('org', ['cardiology', 'cath-lab', 'cardiac-icu', 'oncology'], 22, { workload: 55, burnout: 32 }),
    ];
    const leaks = findAttributeLeaks(
      { published: before, staff: new Map(staff.map((s) => [`${wave.id}|${s.department}/${ALL_ROLES}`, s.count])), items: (_, domain) => itemsOf(domain) },
      [{ label: 'cath-lab', units: unitsOf('cath-lab') }],
    );
    expect(leaks).toEqual(
      expect.arrayContaining([
        { group: 'cath-lab', domain: 'workload', answered: 'all adverse' },
        { group: 'cath-lab', domain: 'burnout', answered: 'none adverse' },
      ]),
    );
  });

  it('is never published: nobody learns how the Cath lab answered, and the figures given up are the fewest people’s', () => {
    const evaluation = evaluateWave(org, counts);
    const shownIds = evaluation.groups.map((g) => g.id);
    expect(shownIds).not.toContain('department:cath-lab');
    // The ICU's 7 are fewer than Cardiology's 13: its figure goes, Cardiology's stays.
    expect(shownIds).toContain('department:cardiology');
    expect(shownIds).not.toContain('department:cardiac-icu');
    expect(attributeLeaksOf(org, [counts], [evaluation])).toEqual([]);
  });
});

describe('suppressGroups on answers', () => {
  const tallies = (adverse: number, n: number) => [{ adverse, answers: n }];

  it('hides the smaller side of a unanimous difference and keeps the organization', () => {
    const hidden = suppressGroups(
      [
        { id: 'org', units: ['a', 'b', 'c'], n: 30, level: 0, keep: true, tallies: tallies(12, 30) },
        { id: 'a', units: ['a', 'b'], n: 20, level: 1, tallies: tallies(12, 20) },
        { id: 'b', units: ['b'], n: 8, level: 2, tallies: tallies(0, 8) },
        { id: 'c', units: ['c'], n: 10, level: 1, tallies: tallies(0, 10) },
      ],
      5,
    );
    // a minus b is 12 of 12 adverse; b (8 people) is cheaper to hide than a (20). The
    // organization minus a and c holds nobody.
    expect(hidden).toEqual(new Set(['b']));
  });

  it('leaves a group that is itself unanimous alone: its own figure says so, to its own readers', () => {
    const hidden = suppressGroups(
      [
        { id: 'org', units: ['a', 'b'], n: 20, level: 0, keep: true, tallies: tallies(6, 20) },
        { id: 'a', units: ['a'], n: 6, level: 1, tallies: tallies(6, 6) },
        { id: 'b', units: ['b'], n: 14, level: 1, tallies: tallies(0, 14) },
      ],
      5,
    );
    expect(hidden).toEqual(new Set());
  });

  it('gives up a child of the organization, not the organization, when the organization’s own part is unanimous', () => {
    const hidden = suppressGroups(
      [
        { id: 'org', units: ['a', 'b', 'x'], n: 26, level: 0, keep: true, tallies: tallies(10, 26) },
        { id: 'a', units: ['a'], n: 9, level: 1, tallies: tallies(4, 9) },
        { id: 'b', units: ['b'], n: 11, level: 1, tallies: tallies(6, 11) },
      ],
      5,
    );
    // x: 6 people, none adverse. Hiding a (9) makes the part 15 people with 4 adverse.
    expect(hidden).toEqual(new Set(['a']));
  });
});

describe('what a person answered, over organizations', () => {
  it('stays unknown in the organization the subtraction attack was found on', () => {
    const { org, wave } = subtractionOrganization();
    const counts = recorded(
      wave,
      { 'ward/staff': 6, 'clinic/staff': 2, 'clinic-lab/staff': 5, 'imaging/staff': 6 },
      (person, domain) => (person + domain.length) % 3 === 0,
    );
    counts.units.find((u) => u.department === 'clinic')!.counts = answersOf(wave, 2, () => true);
    expect(attributeLeaksOf(org, [counts], [evaluateWave(org, counts)])).toEqual([]);
  });

  it('stays unknown in a four-level organization with folded units, a role alone, and a department under k, over two pulses', () => {
    const org = orgWith(
      [
        { id: 'system' },
        { id: 'hospital', parent: 'system' },
        { id: 'medicine', parent: 'hospital' },
        { id: 'ward-4a', parent: 'medicine' },
        { id: 'ward-4b', parent: 'medicine' },
        { id: 'step-down', parent: 'medicine' },
        { id: 'surgery', parent: 'hospital' },
        { id: 'or', parent: 'surgery' },
        { id: 'pacu', parent: 'surgery' },
        { id: 'clinics', parent: 'system' },
        { id: 'family', parent: 'clinics' },
        { id: 'pediatrics', parent: 'clinics' },
      ],
      5,
      [
        { id: 'nurse', name: 'Nurses' },
        { id: 'physician', name: 'Physicians' },
        { id: 'support', name: 'Support' },
      ],
    );
    const staff = [
      { department: 'system', roleGroup: 'support', count: 2 },
      { department: 'hospital', roleGroup: 'physician', count: 3 },
      { department: 'ward-4a', roleGroup: 'nurse', count: 14 },
      { department: 'ward-4a', roleGroup: 'physician', count: 1 },
      { department: 'ward-4b', roleGroup: 'nurse', count: 9 },
      { department: 'ward-4b', roleGroup: 'support', count: 6 },
      { department: 'step-down', roleGroup: 'nurse', count: 4 },
      { department: 'or', roleGroup: 'nurse', count: 11 },
      { department: 'or', roleGroup: 'physician', count: 7 },
      { department: 'pacu', roleGroup: 'nurse', count: 3 },
      { department: 'family', roleGroup: 'physician', count: 6 },
      { department: 'family', roleGroup: 'support', count: 8 },
      { department: 'pediatrics', roleGroup: 'nurse', count: 5 },
    ];
    const answered = {
      'system/support': 2,
      'hospital/physician': 2,
      'ward-4a/nurse': 10,
      'ward-4a/physician': 1,
      'ward-4b/nurse': 6,
      'ward-4b/support': 5,
      'step-down/nurse': 3,
      'or/nurse': 8,
      'or/physician': 5,
      'pacu/nurse': 2,
      'family/physician': 4,
      'family/support': 6,
      'pediatrics/nurse': 3,
    };
    const first = recorded(plannedWave(org, staff, 0), answered, (person, domain) => (person * 3 + domain.length) % 5 < 2);
    const second = recorded(
      plannedWave(org, staff, 1),
      { ...answered, 'ward-4b/nurse': 4, 'pediatrics/nurse': 5 },
      (person, domain) => (person + domain.length) % 4 === 0,
    );
    const published = evaluateWave(org, first);
    const next = evaluateWave(org, second, [published]);
    expect(attributeLeaksOf(org, [first, second], [published, next])).toEqual([]);
  });

  it('stays unknown over random organizations and their next pulse', () => {
    fc.assert(
      fc.property(organizations, (numbers) => {
        const pulses = twoPulses(numbers);
        if (!pulses) return;
        expect(attributeLeaksOf(pulses.org, [pulses.first, pulses.second], pulses.evaluations)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, 600_000);
});
