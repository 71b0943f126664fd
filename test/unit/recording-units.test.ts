import { describe, expect, it } from 'vitest';
import { ALL_ROLES, CARD_ROLE, ORG_UNIT, OTHER_ROLES, planRecordingUnits } from '../../shared/domain/recording-units.js';

const departments = [
  { id: 'amb', name: { en: 'Ambulatory', es: 'Ambulatorio' } },
  { id: 'primary', name: { en: 'Primary', es: 'Primaria' }, parent: 'amb' },
  { id: 'peds', name: { en: 'Peds', es: 'Pediatría' }, parent: 'amb' },
  { id: 'tiny', name: { en: 'Tiny', es: 'Pequeño' } },
];
const org = { departments, k: 5 };

describe('planRecordingUnits', () => {
  it('keeps role groups apart when each has at least k staff', () => {
    const plan = planRecordingUnits(org, [
      { department: 'primary', roleGroup: 'nurse', count: 6 },
      { department: 'primary', roleGroup: 'physician', count: 5 },
    ]);
    expect(plan.unitFor('primary', 'nurse')).toEqual({ department: 'primary', roleGroup: 'nurse' });
    expect(plan.unitFor('primary', 'physician')).toEqual({ department: 'primary', roleGroup: 'physician' });
  });

  it('pools small roles into "other" when the pool reaches k', () => {
    const plan = planRecordingUnits(org, [
      { department: 'primary', roleGroup: 'nurse', count: 8 },
      { department: 'primary', roleGroup: 'ma', count: 3 },
      { department: 'primary', roleGroup: 'scheduler', count: 2 },
    ]);
    expect(plan.unitFor('primary', 'nurse').roleGroup).toBe('nurse');
    expect(plan.unitFor('primary', 'ma').roleGroup).toBe(OTHER_ROLES);
    expect(plan.unitFor('primary', 'scheduler').roleGroup).toBe(OTHER_ROLES);
  });

  it('records the whole department as one group when someone would be alone in their role', () => {
    const plan = planRecordingUnits(org, [
      { department: 'primary', roleGroup: 'nurse', count: 9 },
      { department: 'primary', roleGroup: 'physician', count: 1 },
    ]);
    expect(plan.unitFor('primary', 'nurse').roleGroup).toBe(ALL_ROLES);
    expect(plan.unitFor('primary', 'physician').roleGroup).toBe(ALL_ROLES);
    expect(plan.staffPerUnit.get(`primary/${ALL_ROLES}`)).toBe(10);
  });

  it('records a unit with fewer than k staff into its parent', () => {
    const plan = planRecordingUnits(org, [
      { department: 'primary', roleGroup: 'nurse', count: 10 },
      { department: 'amb', roleGroup: 'manager', count: 5 },
      { department: 'peds', roleGroup: 'physician', count: 2 },
      { department: 'peds', roleGroup: 'ma', count: 2 },
    ]);
    expect(plan.unitFor('peds', 'physician')).toEqual({ department: 'amb', roleGroup: ALL_ROLES });
    expect(plan.unitFor('peds', 'ma')).toEqual({ department: 'amb', roleGroup: ALL_ROLES });
    expect(plan.unitFor('amb', 'manager')).toEqual({ department: 'amb', roleGroup: ALL_ROLES });
    expect(plan.staffPerUnit.get(`amb/${ALL_ROLES}`)).toBe(9);
    expect(plan.unitFor('primary', 'nurse')).toEqual({ department: 'primary', roleGroup: ALL_ROLES });
  });

  it('joins a small unit to its smallest standalone sibling when the parent has too few people of its own', () => {
    const plan = planRecordingUnits(org, [
      { department: 'primary', roleGroup: 'nurse', count: 10 },
      { department: 'peds', roleGroup: 'ma', count: 4 },
    ]);
    expect(plan.unitFor('peds', 'ma').department).toBe('primary');
    expect(plan.staffPerUnit.get(`primary/${ALL_ROLES}`)).toBe(14);
  });

  it('never leaves a stored group with between 1 and k-1 staff', () => {
    const plan = planRecordingUnits(org, [
      { department: 'primary', roleGroup: 'nurse', count: 7 },
      { department: 'primary', roleGroup: 'ma', count: 4 },
      { department: 'peds', roleGroup: 'ma', count: 3 },
      { department: 'tiny', roleGroup: 'billing', count: 2 },
      { department: 'amb', roleGroup: 'nurse', count: 2 },
    ]);
    for (const [unit, staff] of plan.staffPerUnit) expect(staff, unit).toBeGreaterThanOrEqual(5);
    expect(plan.unitFor('tiny', 'billing').department).not.toBe('tiny');
  });

  it('keeps an organization smaller than k in one organization-wide group', () => {
    const plan = planRecordingUnits(org, [{ department: 'tiny', roleGroup: 'billing', count: 3 }]);
    expect(plan.unitFor('tiny', 'billing')).toEqual({ department: ORG_UNIT, roleGroup: ALL_ROLES });
  });
});

describe('planRecordingUnits with printed cards', () => {
  /** The same tree, with cards where the config gives them. */
  const withCards = (cards: Record<string, number>) => ({
    k: 5,
    departments: [...departments, { id: 'evs', name: { en: 'Environmental services', es: 'Servicios ambientales' }, parent: 'amb' }].map((d) =>
      cards[d.id] === undefined ? d : { ...d, cards: cards[d.id] },
    ),
  });

  it('lets a department of deskless staff with k cards and no roster stand alone', () => {
    const plan = planRecordingUnits(withCards({ evs: 6 }), [{ department: 'primary', roleGroup: 'nurse', count: 10 }]);
    expect(plan.unitFor('evs', CARD_ROLE)).toEqual({ department: 'evs', roleGroup: ALL_ROLES });
    expect(plan.staffPerUnit.get(`evs/${ALL_ROLES}`)).toBe(6);
  });

  it('records fewer than k cards and no roster into the parent, as a small department', () => {
    const plan = planRecordingUnits(withCards({ evs: 3 }), [
      { department: 'primary', roleGroup: 'nurse', count: 10 },
      { department: 'amb', roleGroup: 'manager', count: 5 },
    ]);
    expect(plan.unitFor('evs', CARD_ROLE)).toEqual({ department: 'amb', roleGroup: ALL_ROLES });
    expect(plan.staffPerUnit.get(`amb/${ALL_ROLES}`)).toBe(8);
  });

  it('keeps card holders apart as a role of their own when the department’s roles are kept apart', () => {
    const plan = planRecordingUnits(withCards({ primary: 5 }), [
      { department: 'primary', roleGroup: 'nurse', count: 6 },
      { department: 'primary', roleGroup: 'physician', count: 5 },
    ]);
    expect(plan.unitFor('primary', CARD_ROLE)).toEqual({ department: 'primary', roleGroup: CARD_ROLE });
    expect(plan.unitFor('primary', 'nurse').roleGroup).toBe('nurse');
    expect(plan.staffPerUnit.get(`primary/${CARD_ROLE}`)).toBe(5);
  });

  it('pools a few cards with the small roles, and lets them make the pool reach k', () => {
    const plan = planRecordingUnits(withCards({ primary: 2 }), [
      { department: 'primary', roleGroup: 'nurse', count: 8 },
      { department: 'primary', roleGroup: 'ma', count: 3 },
    ]);
    expect(plan.unitFor('primary', CARD_ROLE).roleGroup).toBe(OTHER_ROLES);
    expect(plan.unitFor('primary', 'ma').roleGroup).toBe(OTHER_ROLES);
    expect(plan.staffPerUnit.get(`primary/${OTHER_ROLES}`)).toBe(5);
  });

  it('never leaves a stored group with between 1 and k-1 people who can answer, cards included', () => {
    const plan = planRecordingUnits(withCards({ evs: 2, peds: 1, primary: 4 }), [
      { department: 'primary', roleGroup: 'nurse', count: 7 },
      { department: 'peds', roleGroup: 'ma', count: 3 },
      { department: 'tiny', roleGroup: 'billing', count: 2 },
    ]);
    for (const [unit, people] of plan.staffPerUnit) expect(people, unit).toBeGreaterThanOrEqual(5);
    expect([...plan.staffPerUnit.values()].reduce((a, b) => a + b, 0)).toBe(7 + 3 + 2 + 2 + 1 + 4);
  });
});
