import { describe, expect, it } from 'vitest';
import { describeShortUnit, planRoutes, reachableByUnit, shortUnits } from '../../shared/domain/reach.js';
import { staffIn } from '../support/fixtures.js';

/** ed keeps nurses and physicians apart; lab and xray are too small alone and record into clinic/_all. */
const wave = {
  units: { 'ed/nurse': 'ed/nurse', 'ed/physician': 'ed/physician', 'lab/nurse': 'clinic/_all', 'xray/physician': 'clinic/_all' },
  staffPerUnit: { 'ed/nurse': 5, 'ed/physician': 5, 'clinic/_all': 5 },
};
const channels = { email: { enabled: true } };

describe('who a recording unit can reach', () => {
  it('counts a unit over every department that records into it, and only people the plan counted who can be sent a link', () => {
    const people = [
      ...staffIn('lab', 'nurse', 2),
      ...staffIn('xray', 'physician', 2),
      ...staffIn('xray', 'physician', 1, { id: 'left', active: false }),
      ...staffIn('xray', 'physician', 1, { id: 'unsubscribed', emailOptOut: true }),
      // A role the plan never counted in lab: no link, not counted.
      ...staffIn('lab', 'porter', 3),
    ];
    expect(reachableByUnit(wave, people, channels)).toEqual(new Map([['clinic/_all', 4]]));
  });

  it('holds every department due that feeds a unit under k, a department feeding a short unit and a full one included', () => {
    const reachable = new Map([
      ['ed/nurse', 5],
      ['ed/physician', 4],
      ['clinic/_all', 5],
    ]);
    expect(shortUnits(wave, ['ed', 'lab'], reachable, 5)).toEqual([{ unit: 'ed/physician', reachable: 4, planned: 5, k: 5, departments: ['ed'] }]);
    expect(shortUnits(wave, ['lab', 'xray'], new Map([['clinic/_all', 2]]), 5)).toEqual([
      { unit: 'clinic/_all', reachable: 2, planned: 5, k: 5, departments: ['lab', 'xray'] },
    ]);
    expect(shortUnits(wave, ['lab'], reachable, 5)).toEqual([]);
  });

  it('reads the plan both ways', () => {
    const routes = planRoutes(wave);
    expect(routes.unitsFedBy('ed')).toEqual(['ed/nurse', 'ed/physician']);
    expect(routes.departmentsFeeding('clinic/_all')).toEqual(['lab', 'xray']);
    expect(routes.unitsFedBy('pharmacy')).toEqual([]);
  });

  it('says in words what waits, why, and what lets it go', () => {
    const text = describeShortUnit(
      { unit: 'clinic/_all', reachable: 2, planned: 5, k: 5, departments: ['lab', 'xray'] },
      (id) => ({ lab: 'Lab', xray: 'Radiology' })[id] ?? id,
    );
    expect(text).toBe(
      'Recording unit clinic/_all: only 2 of its 5 people can be sent a link now (active, with a channel not opted out of), fewer than k = 5, so Lab, Radiology wait for their messages. They go out on the next hourly run (or `wave dispatch`) once 5 of its people can be reached again, e.g. after the full roster is imported.',
    );
  });
});
