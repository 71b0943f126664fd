import { describe, expect, it } from 'vitest';
import type { Action, WaveDates } from '../../shared/domain/actions.js';
import { composeDashboard } from '../../shared/domain/dashboard.js';
import { composeDigest } from '../../shared/domain/digest.js';
import type { Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import { dueFromLeader, followUpsFor, ownersOf } from '../../shared/domain/follow-ups.js';
import { orgConfigSchema, type OrgConfigInput } from '../../shared/domain/org-config.js';

const orgWith = (overrides: Partial<OrgConfigInput> = {}) =>
  orgConfigSchema.parse({
    id: 'loop',
    name: 'Loop Health',
    timeZone: 'America/Chicago',
    departments: [
      { id: 'hospital', name: 'Hospital' },
      { id: 'ed', name: 'Emergency', parent: 'hospital' },
      { id: 'icu', name: 'ICU', parent: 'hospital' },
      { id: 'office', name: 'Office' },
    ],
    roleGroups: [{ id: 'nurse', name: 'Nurses' }],
    channels: { email: { from: 'pulse@loop.example' } },
    deploy: { alarmEmail: 'it@loop.example' },
    leaders: [
      { id: 'ceo', name: 'Cy', email: 'ceo@loop.example', executive: true },
      { id: 'cno', name: 'Noor', email: 'cno@loop.example', departments: ['hospital'], reportsTo: 'ceo' },
      { id: 'ed-lead', name: 'Eli', email: 'ed@loop.example', departments: ['ed'], reportsTo: 'cno' },
      { id: 'office-lead', name: 'Ola', email: 'office@loop.example', departments: ['office'], reportsTo: 'ceo' },
    ],
    ...overrides,
  });
const org = orgWith();
const leader = (id: string) => org.leaders.find((l) => l.id === id)!;

const DAY = 86_400_000;
/** A pulse closing on day `closeDay` (days after 1 March 2026, 15:00 UTC), open five days before. */
const wave = (closeDay: number): WaveDates => {
  const closes = Date.parse('2026-03-01T15:00:00Z') + closeDay * DAY;
  return {
    id: `w${new Date(closes - 5 * DAY).toISOString().slice(0, 10).replaceAll('-', '')}-01`,
    openedAt: new Date(closes - 5 * DAY).toISOString(),
    closesAt: new Date(closes).toISOString(),
  };
};
const at = (day: number) => new Date(Date.parse('2026-03-01T15:00:00Z') + day * DAY).toISOString();

/** What a pulse published: the emergency department hot on workload. */
const hotEd = (w: WaveDates): Evaluation => ({
  waveId: w.id,
  hiddenGroups: [],
  groups: [
    {
      id: 'department:ed',
      kind: 'department',
      department: 'ed',
      covers: ['ed'],
      n: 20,
      staff: 30,
      figures: [{ domain: 'workload', items: ['w'], share: 0.7, low: 0.48, high: 0.85, threshold: 0.4, status: 'hotspot', hotspotStreak: 1 }],
    },
    {
      id: 'role:ed/nurse',
      kind: 'role',
      department: 'ed',
      roleGroup: 'nurse',
      covers: ['ed'],
      n: 12,
      staff: 15,
      figures: [{ domain: 'workload', items: ['w'], share: 0.8, low: 0.5, high: 0.95, threshold: 0.4, status: 'hotspot', hotspotStreak: 1 }],
    },
  ],
});

const action = (overrides: Partial<Action>): Action => ({
  id: 'a20260301-aaaaaa',
  department: 'ed',
  kind: 'workload',
  title: 'Staffing review',
  translations: {},
  status: 'planned',
  createdBy: 'ed-lead',
  createdAt: at(0),
  updatedAt: at(0),
  ...overrides,
});

describe('an action due from the hotspot’s owner', () => {
  const first = wave(0);
  const [weekOne, weekTwo] = [wave(7), wave(14)];

  it('is told to the owner in the digest of the pulse that found it, once per department and kind, with the day their leader will hear of it', () => {
    const due = dueFromLeader(org, leader('ed-lead'), { current: first, previous: undefined, history: [], actions: [], evaluation: hotEd(first) });
    // The nurses' hotspot is the department's kind too: named once.
    expect(due).toEqual([{ department: 'ed', domain: 'workload', waveId: first.id, dueOn: '2026-03-15' }]);
    // Not to anyone else: the owner's leader hears only once the day has passed.
    for (const other of ['cno', 'ceo', 'office-lead'])
      expect(dueFromLeader(org, leader(other), { current: first, previous: undefined, history: [], actions: [], evaluation: hotEd(first) })).toEqual([]);
  });

  it('is repeated while the day is still to come, and no longer once it has passed or an action answers it', () => {
    const history = [{ wave: first, evaluation: hotEd(first) }];
    const quiet = (w: WaveDates): Evaluation => ({ ...hotEd(w), groups: [] });
    expect(dueFromLeader(org, leader('ed-lead'), { current: weekOne, previous: first, history, actions: [], evaluation: quiet(weekOne) })).toEqual([
      { department: 'ed', domain: 'workload', waveId: first.id, dueOn: '2026-03-15' },
    ]);
    // On the due day its digest says nothing more to the owner: their leader's does.
    const onTheDay = { current: weekTwo, previous: weekOne, history: [{ wave: weekOne, evaluation: quiet(weekOne) }, ...history], actions: [] };
    expect(dueFromLeader(org, leader('ed-lead'), { ...onTheDay, evaluation: quiet(weekTwo) })).toEqual([]);
    expect(followUpsFor(org, leader('cno'), onTheDay)).toHaveLength(1);
    // An action for its kind in the department answers it.
    expect(
      dueFromLeader(org, leader('ed-lead'), {
        current: weekOne,
        previous: first,
        history,
        actions: [action({ createdAt: at(2) })],
        evaluation: quiet(weekOne),
      }),
    ).toEqual([]);
  });

  it('stays on the owner’s dashboard until an action answers it, and reads past due only once the day has passed', () => {
    const dashboardOf = (id: string, options: { today: string; now: Date; actions?: Action[] }) =>
      composeDashboard(org, leader(id), [hotEd(first)], { actions: options.actions ?? [], measurements: new Map(), waves: [first], ...options })!.dueFromYou;
    const dayAfter = { today: '2026-03-02', now: new Date(at(1)) };
    expect(dashboardOf('ed-lead', dayAfter)).toEqual([
      {
        sentence: expect.stringMatching(/^By Mar 15, 2026: an action for Emergency’s workload hotspot/),
        department: 'ed',
        dueOn: '2026-03-15',
        pastDue: false,
      },
    ]);
    expect(dashboardOf('ed-lead', { today: '2026-03-15', now: new Date(at(14)) })[0]!.pastDue).toBe(false);
    expect(dashboardOf('ed-lead', { today: '2026-03-16', now: new Date(at(15)) })[0]!.pastDue).toBe(true);
    // Logged after the digest went out, and the page stops asking.
    expect(dashboardOf('ed-lead', { ...dayAfter, actions: [action({ createdAt: at(1) })] })).toEqual([]);
    for (const other of ['cno', 'ceo', 'office-lead']) expect(dashboardOf(other, dayAfter)).toEqual([]);
  });

  it('comes first in the owner’s digest, in their language', () => {
    const dueFromYou = dueFromLeader(org, leader('ed-lead'), { current: first, previous: undefined, history: [], actions: [], evaluation: hotEd(first) });
    const english = composeDigest(org, hotEd(first), leader('ed-lead'), { dueFromYou, wave: first });
    expect(english.text).toContain('DUE FROM YOU (Log an action on your dashboard for each hotspot in your departments within 14 days of its digest');
    expect(english.text).toContain('  - By Mar 15, 2026: an action for Emergency’s workload hotspot (pulse of');
    expect(english.text.indexOf('DUE FROM YOU')).toBeLessThan(english.text.indexOf('HOTSPOT, '));
    expect(english.html.indexOf('>Due from you</h2>')).toBeLessThan(english.html.indexOf('>Hotspot</strong>'));
    const spanish = composeDigest(org, hotEd(first), { ...leader('ed-lead'), locale: 'es' }, { dueFromYou, wave: first });
    expect(spanish.text).toContain('  - Antes del 15 mar 2026: una acción para el punto crítico de carga de trabajo de Emergency (encuesta del');
  });
});

describe('a hotspot left without action', () => {
  // Fortnightly pulses closing on days 0, 14 and 28; actions are due 14 days after a digest.
  const [first, second, third] = [wave(0), wave(14), wave(28)];
  const history = [{ wave: first, evaluation: hotEd(first) }];

  it('goes to the owner’s own leader in the first digest after it fell due, once, naming the pulse, the day and the owner', () => {
    const due = followUpsFor(org, leader('cno'), { current: second, previous: first, history, actions: [] });
    expect(due).toEqual([{ reason: 'no-action', department: 'ed', domain: 'workload', ownerId: 'ed-lead', waveId: first.id, dueOn: '2026-03-15' }]);
    // The next digest does not repeat it.
    expect(
      followUpsFor(org, leader('cno'), {
        current: third,
        previous: second,
        history: [{ wave: second, evaluation: { ...hotEd(second), groups: [] } }, ...history],
        actions: [],
      }),
    ).toEqual([]);
    // Nobody else hears of it: not the owner, not the leader above their leader.
    expect(followUpsFor(org, leader('ed-lead'), { current: second, previous: first, history, actions: [] })).toEqual([]);
    expect(followUpsFor(org, leader('ceo'), { current: second, previous: first, history, actions: [] })).toEqual([]);
  });

  it('waits until it is due: a weekly digest a week later says nothing yet, the one after does', () => {
    const [weekOne, weekTwo] = [wave(7), wave(14)];
    expect(followUpsFor(org, leader('cno'), { current: weekOne, previous: first, history, actions: [] })).toEqual([]);
    expect(
      followUpsFor(org, leader('cno'), {
        current: weekTwo,
        previous: weekOne,
        history: [{ wave: weekOne, evaluation: { ...hotEd(weekOne), groups: [] } }, ...history],
        actions: [],
      }),
    ).toHaveLength(1);
  });

  it('counts from the day a digest went out when an admin closed its pulse early, so no digest says "by" a day still to come', () => {
    // The first pulse closed on day -4 instead of day 0: its digest went out then, and the
    // action was due 14 days later, on day 10.
    const closedEarly = { ...first, closedAt: at(-4) };
    const early = [{ wave: closedEarly, evaluation: hotEd(closedEarly) }];
    expect(followUpsFor(org, leader('cno'), { current: second, previous: closedEarly, history: early, actions: [] })).toEqual([
      expect.objectContaining({ reason: 'no-action', dueOn: '2026-03-11' }),
    ]);
    // The second pulse closed early on day 9: its digest, a day before that due date, says nothing
    // yet, and the third names it.
    const secondEarly = { ...second, closedAt: at(9) };
    expect(followUpsFor(org, leader('cno'), { current: secondEarly, previous: first, history, actions: [] })).toEqual([]);
    expect(
      followUpsFor(org, leader('cno'), {
        current: third,
        previous: secondEarly,
        history: [{ wave: secondEarly, evaluation: { ...hotEd(secondEarly), groups: [] } }, ...history],
        actions: [],
      }),
    ).toEqual([expect.objectContaining({ reason: 'no-action', dueOn: '2026-03-15' })]);
    // Closed on schedule (the hourly job closes a little after), nothing moves.
    expect(followUpsFor(org, leader('cno'), { current: { ...second, closedAt: at(14.02) }, previous: first, history, actions: [] })).toHaveLength(1);
  });

  it('is settled by an action for its kind logged within the days allowed, on the department or one below it', () => {
    expect(followUpsFor(org, leader('cno'), { current: second, previous: first, history, actions: [action({ createdAt: at(13) })] })).toEqual([]);
    // A hospital-wide plan does not answer for the ED's own hotspot (one old plan would
    // silence every unit under it for good) ...
    expect(
      followUpsFor(org, leader('cno'), { current: second, previous: first, history, actions: [action({ department: 'hospital', createdAt: at(13) })] }),
    ).toHaveLength(1);
    // ... while the ED's action answers for the hospital rollup that is hot because of it.
    const hotHospital: Evaluation = {
      waveId: first.id,
      hiddenGroups: [],
      groups: [{ ...hotEd(first).groups[0]!, id: 'department:hospital', department: 'hospital' }],
    };
    const ceoAsks = (actions: Action[]) =>
      followUpsFor(org, leader('ceo'), { current: second, previous: first, history: [{ wave: first, evaluation: hotHospital }], actions });
    expect(ceoAsks([])).toHaveLength(1);
    expect(ceoAsks([action({ createdAt: at(13) })])).toEqual([]);
    // Logged a day late, for another kind, or done before the hotspot's pulse opened: still owed.
    for (const late of [action({ createdAt: at(15) }), action({ kind: 'burnout' }), action({ status: 'done', doneOn: '2026-02-20', createdAt: at(-20) })]) {
      expect(followUpsFor(org, leader('cno'), { current: second, previous: first, history, actions: [late] })).toHaveLength(1);
    }
  });

  it('follows the org’s actionDueDays', () => {
    const patient = orgWith({ actionDueDays: 21 });
    expect(followUpsFor(patient, patient.leaders.find((l) => l.id === 'cno')!, { current: second, previous: first, history, actions: [] })).toEqual([]);
    expect(
      followUpsFor(patient, patient.leaders.find((l) => l.id === 'cno')!, {
        current: third,
        previous: second,
        history: [{ wave: second, evaluation: { ...hotEd(second), groups: [] } }, ...history],
        actions: [],
      }),
    ).toHaveLength(1);
  });
});

describe('an action past its target date', () => {
  it('goes to the owner’s leader in every digest while it is not done', () => {
    const overdue = action({ targetOn: '2026-03-10', status: 'in-progress' });
    const found = followUpsFor(org, leader('cno'), { current: wave(14), previous: wave(0), history: [], actions: [overdue] });
    expect(found).toEqual([{ reason: 'overdue', department: 'ed', domain: 'workload', ownerId: 'ed-lead', dueOn: '2026-03-10', action: overdue }]);
    expect(followUpsFor(org, leader('cno'), { current: wave(28), previous: wave(14), history: [], actions: [overdue] })).toHaveLength(1);
    expect(
      followUpsFor(org, leader('cno'), { current: wave(28), previous: wave(14), history: [], actions: [{ ...overdue, status: 'done', doneOn: '2026-03-20' }] }),
    ).toEqual([]);
    expect(followUpsFor(org, leader('cno'), { current: wave(7), previous: wave(0), history: [], actions: [overdue] })).toEqual([]);
  });

  it('is written into the leader’s digest in plain words', () => {
    const overdue = action({ targetOn: '2026-03-10', status: 'in-progress' });
    const followUps = followUpsFor(org, leader('cno'), { current: wave(14), previous: wave(0), history: [], actions: [overdue] });
    const digest = composeDigest(org, { waveId: wave(14).id, groups: [], hiddenGroups: [] }, leader('cno'), { followUps });
    expect(digest.subject).toMatch(/; 1 waiting for action$/);
    expect(digest.text).toContain('  - Emergency: "Staffing review" (workload) was due Mar 10, 2026 and is still in progress (Eli).');
  });
});

describe('ownersOf', () => {
  it('is the leader who names the department, else the one who names the nearest department above it', () => {
    expect(ownersOf(org, 'ed').map((l) => l.id)).toEqual(['ed-lead']);
    expect(ownersOf(org, 'icu').map((l) => l.id)).toEqual(['cno']);
    expect(ownersOf(orgWith({ leaders: [] }), 'icu')).toEqual([]);
  });
});
