import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentGroups, commentSections, type UnitComments } from '../../shared/domain/comments.js';
import { evaluateWave, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import { orgConfigSchema, type OrgConfig } from '../../shared/domain/org-config.js';
import { build, organizations, orgWith, plannedWave, recorded, truth } from '../support/audit-orgs.js';
import { findLeaks, publishedSums } from '../support/disclosure-auditor.js';

/**
 * Comments are sets of texts a reader can intersect and subtract, not sums: the attacker here
 * takes every group whose comments are shown, to anyone, and splits the comments into the
 * finest pieces those sets allow (the atoms of the sets' algebra) and, as for figures, solves
 * every linear combination. Each piece must come from no respondents or at least
 * `comments.minRespondents`.
 */
function withComments(org: OrgConfig, minRespondents: number): OrgConfig {
  return orgConfigSchema.parse({ ...org, comments: { minRespondents } });
}

/** The comment sets anyone is shown, as the recording units (`wave|unit`) whose comments each holds. */
function shownCommentSets(org: OrgConfig, wave: Parameters<typeof commentGroups>[1], evaluation: Evaluation) {
  const shown = commentGroups(org, wave, evaluation);
  const groups = evaluation.groups.filter((group) => shown.has(group.id)).map((group) => ({ ...group, figures: [] }));
  return publishedSums(org, new Map([[wave.id, wave]]), { ...evaluation, groups });
}

/** The atoms: units grouped by which shown sets hold them. */
function atoms(sets: readonly { units: readonly string[] }[]): string[][] {
  const signature = new Map<string, string>();
  sets.forEach((set, index) => {
    for (const unit of set.units) signature.set(unit, `${signature.get(unit) ?? ''}${index},`);
  });
  const bySignature = new Map<string, string[]>();
  for (const [unit, key] of signature) bySignature.set(key, [...(bySignature.get(key) ?? []), unit]);
  return [...bySignature.values()];
}

describe('comments shown to leaders', () => {
  it('hide a parent or a child when the parent less the child would be fewer than ten', () => {
    const org = withComments(orgWith([{ id: 'clinic' }, { id: 'ed', parent: 'clinic' }, { id: 'lab', parent: 'clinic' }]), 10);
    const staff = [
      { department: 'ed', roleGroup: 'staff', count: 14 },
      { department: 'lab', roleGroup: 'staff', count: 7 },
    ];
    const wave = plannedWave(org, staff, 0);
    const counts = recorded(wave, { 'ed/staff': 12, 'lab/staff': 6 }, () => false);
    const evaluation = evaluateWave(org, counts);
    expect(evaluation.groups.map((g) => g.id).sort()).toEqual(['department:clinic', 'department:ed', 'department:lab', 'org']);
    const shown = [...commentGroups(org, wave, evaluation).keys()];
    expect(shown).not.toContain('department:lab');
    expect(shown.includes('department:clinic') && shown.includes('department:ed')).toBe(false);
    for (const atom of atoms(shownCommentSets(org, wave, evaluation))) {
      const known: ReadonlyMap<string, number> = truth(counts);
      const respondents = atom.reduce((sum, unit) => sum + (known.get(unit) ?? 0), 0);
      expect(respondents === 0 || respondents >= 10).toBe(true);
    }
  });

  it('never go below k, whatever the config says', () => {
    const org = orgWith([{ id: 'ed' }], 5);
    const loose = { ...org, comments: { ...org.comments, minRespondents: 3 } };
    const wave = plannedWave(loose, [{ department: 'ed', roleGroup: 'staff', count: 8 }], 0);
    const evaluation = evaluateWave(
      loose,
      recorded(wave, { 'ed/staff': 4 }, () => false),
    );
    expect(commentGroups(loose, wave, evaluation).size).toBe(0);
  });

  it('put each comment under the smallest shown group holding it, so no reader sees a text twice', () => {
    const org = withComments(orgWith([{ id: 'clinic' }, { id: 'ed', parent: 'clinic' }, { id: 'lab', parent: 'clinic' }]), 10);
    const staff = [
      { department: 'ed', roleGroup: 'staff', count: 14 },
      { department: 'lab', roleGroup: 'staff', count: 14 },
    ];
    const wave = plannedWave(org, staff, 0);
    const evaluation = evaluateWave(
      org,
      recorded(wave, { 'ed/staff': 12, 'lab/staff': 11 }, () => false),
    );
    const shown = commentGroups(org, wave, evaluation);
    const comments: UnitComments[] = [
      { unit: 'ed/_all', texts: ['ed one', 'ed two'] },
      { unit: 'lab/_all', texts: ['lab one'] },
    ];
    const sections = commentSections(
      shown,
      evaluation,
      () => true,
      comments,
      () => 0.5,
    );
    expect(sections.map((s) => [s.group.id, s.quotes.map((q) => q.text).sort()])).toEqual([
      ['department:ed', ['ed one', 'ed two']],
      ['department:lab', ['lab one']],
    ]);
    const edOnly = commentSections(
      shown,
      evaluation,
      (group) => group.department === 'ed',
      comments,
      () => 0.5,
    );
    expect(edOnly.map((s) => s.group.id)).toEqual(['department:ed']);
  });

  it('over random organizations, never let anyone isolate fewer than minRespondents people’s comments', () => {
    fc.assert(
      fc.property(organizations, fc.integer({ min: 0, max: 8 }), (numbers, extra) => {
        const built = build(numbers);
        const org = withComments(built.org, built.org.k + extra);
        const staff = built.roster(0);
        if (staff.reduce((sum, s) => sum + s.count, 0) < org.k) return;
        const wave = plannedWave(org, staff, 0);
        const counts = recorded(wave, built.answered(staff), built.adverse);
        const evaluation = evaluateWave(org, counts);
        const sets = shownCommentSets(org, wave, evaluation);
        const respondents: ReadonlyMap<string, number> = truth(counts);
        expect(findLeaks(sets, respondents, org.comments.minRespondents)).toEqual([]);
        for (const atom of atoms(sets)) {
          const people = atom.reduce((sum, unit) => sum + (respondents.get(unit) ?? 0), 0);
          expect(people === 0 || people >= org.comments.minRespondents, `${atom.join(' + ')} holds ${people}`).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('comments after the organization changes', () => {
  const before = withComments(orgWith([{ id: 'p' }, { id: 'x', parent: 'p' }]), 10);
  const staff = [
    { department: 'p', roleGroup: 'staff', count: 6 },
    { department: 'x', roleGroup: 'staff', count: 14 },
  ];
  const wave = plannedWave(before, staff, 0);
  // P's one respondent of its own is why X is hidden: P less X would be one person.
  const evaluation = evaluateWave(
    before,
    recorded(wave, { 'p/staff': 1, 'x/staff': 13 }, () => false),
  );

  it('shows them as published while the department tree is the one they were published under', () => {
    expect(evaluation.groups.map((g) => g.id)).not.toContain('department:x');
    expect([...commentGroups(before, wave, evaluation).values()].flat()).toEqual(expect.arrayContaining(['p/_all', 'x/_all']));
  });

  it('hides them all once a department is removed or moved, rather than read a group’s n over fewer units', () => {
    const removed = withComments(orgWith([{ id: 'p' }]), 10);
    expect(commentGroups(removed, wave, evaluation).size).toBe(0);
    const moved = withComments(orgWith([{ id: 'p' }, { id: 'q' }, { id: 'x', parent: 'q' }]), 10);
    expect(commentGroups(moved, wave, evaluation).size).toBe(0);
  });

  it('keep to the threshold staff were told when the wave opened, though it is lowered later', () => {
    const lowered = withComments(before, 5);
    const small = evaluateWave(
      lowered,
      recorded(wave, { 'p/staff': 2, 'x/staff': 6 }, () => false),
    );
    expect(small.groups.length).toBeGreaterThan(0);
    expect(commentGroups(lowered, { ...wave, commentMinRespondents: 10 }, small).size).toBe(0);
    expect(commentGroups(lowered, wave, small).size).toBeGreaterThan(0);
  });
});
