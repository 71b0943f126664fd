import { describe, expect, it } from 'vitest';
import { actionTitleSchema, foldedInto, measureAction, newsFor, newsForWave, type Action, type WaveDates } from '../../shared/domain/actions.js';
import { describeBeforeAfter } from '../../shared/domain/dashboard.js';
import { DepartmentTree } from '../../shared/domain/department-tree.js';
import type { Evaluation, PublishedGroup } from '../../shared/domain/evaluate-hotspots.js';
import { differenceInterval } from '../../shared/domain/statistics.js';

const action = (overrides: Partial<Action> = {}): Action => ({
  id: 'a20260301-abc123',
  department: 'pc',
  kind: 'admin_burden',
  title: 'EHR upgrade',
  translations: {},
  status: 'done',
  doneOn: '2026-03-10',
  createdBy: 'director',
  createdAt: '2026-02-01T12:00:00.000Z',
  updatedAt: '2026-03-10T12:00:00.000Z',
  ...overrides,
});

/** Fortnightly pulses opening on the given days of 2026, each open five days. */
const waves = (...openDays: string[]): WaveDates[] =>
  openDays.map((day) => ({
    id: `w${day.replaceAll('-', '')}-01`,
    openedAt: `${day}T15:00:00.000Z`,
    closesAt: new Date(Date.parse(`${day}T15:00:00.000Z`) + 5 * 86_400_000).toISOString(),
  }));

/** A published evaluation in which department `pc` had `n` people and the given admin-burden share. */
const published = (wave: WaveDates, n: number, share: number): Evaluation => ({
  waveId: wave.id,
  hiddenGroups: [],
  groups: [
    {
      id: 'department:pc',
      kind: 'department',
      department: 'pc',
      covers: ['pc'],
      n,
      staff: 30,
      figures: [{ domain: 'admin_burden', items: ['a'], share, low: 0, high: 1, threshold: 0.4, status: 'ok', hotspotStreak: 0 }],
    } satisfies PublishedGroup,
  ],
});

describe('measureAction', () => {
  const [jan, feb1, feb2, mar1, mar2, apr] = waves('2026-01-20', '2026-02-03', '2026-02-17', '2026-03-08', '2026-03-17', '2026-03-31');

  it('pools the last two pulses closed by the done day and the first two opened after it, with Newcombe’s interval', () => {
    // The pulse of 8 March was open on 10 March, the done day: it is on neither side.
    const figures = new Map([
      [jan!.id, published(jan!, 20, 0.9)],
      [feb1!.id, published(feb1!, 24, 0.625)],
      [feb2!.id, published(feb2!, 24, 0.625)],
      [mar1!.id, published(mar1!, 20, 0.5)],
      [mar2!.id, published(mar2!, 25, 0.32)],
      [apr!.id, published(apr!, 26, 0.3)],
    ]);
    const change = measureAction(action(), [jan!, feb1!, feb2!, mar1!, mar2!, apr!], figures, 'America/Chicago')!;
    expect(change.before).toEqual({ share: 0.625, n: 48, waveIds: [feb1!.id, feb2!.id] });
    // 8 + 7.8 = 15.8 of 51.
    expect(change.after.n).toBe(51);
    expect(change.after.share).toBeCloseTo(15.8 / 51, 10);
    const expected = differenceInterval(15.8, 51, 30, 48);
    expect(change.difference).toBeCloseTo(expected.difference, 12);
    expect(change.low).toBeCloseTo(expected.low, 12);
    expect(change.high).toBeCloseTo(expected.high, 12);
  });

  it('counts only pulses that published the department, reaching past one that did not', () => {
    const figures = new Map([
      [jan!.id, published(jan!, 20, 0.6)],
      // 17 February: hidden (too few answers), so January is the second pulse before.
      [feb1!.id, published(feb1!, 24, 0.5)],
      [mar2!.id, published(mar2!, 25, 0.32)],
    ]);
    const change = measureAction(action(), [jan!, feb1!, feb2!, mar1!, mar2!, apr!], figures, 'America/Chicago')!;
    expect(change.before.waveIds).toEqual([jan!.id, feb1!.id]);
    expect(change.after.waveIds).toEqual([mar2!.id]);
  });

  it('compares like with like: only pulses that asked what the last one before the change asked', () => {
    const asked = (wave: WaveDates, n: number, share: number, item: string) => {
      const e = published(wave, n, share);
      e.groups[0]!.figures[0]!.items = [item];
      return e;
    };
    // Connection alternates two questions; the first pulse after asked the other one.
    const figures = new Map([
      [feb1!.id, asked(feb1!, 20, 0.1, 'team_connection')],
      [feb2!.id, asked(feb2!, 20, 0.6, 'leaders_understand')],
      [mar2!.id, asked(mar2!, 20, 0.1, 'team_connection')],
      [apr!.id, asked(apr!, 20, 0.6, 'leaders_understand')],
    ]);
    const change = measureAction(action(), [feb1!, feb2!, mar2!, apr!], figures, 'America/Chicago')!;
    expect(change.before.waveIds).toEqual([feb2!.id]);
    expect(change.after.waveIds).toEqual([apr!.id]);
    expect(change.difference).toBeCloseTo(0, 10);
  });

  it('measures nothing for an action not done, or with no published pulse on one side', () => {
    const figures = new Map([[feb1!.id, published(feb1!, 24, 0.5)]]);
    expect(measureAction(action(), [feb1!, mar2!], figures, 'America/Chicago')).toBeUndefined();
    expect(
      measureAction(
        action({ status: 'in-progress', doneOn: undefined }),
        [feb1!, mar2!],
        new Map([...figures, [mar2!.id, published(mar2!, 25, 0.3)]]),
        'America/Chicago',
      ),
    ).toBeUndefined();
  });
});

describe('describeBeforeAfter', () => {
  it('says the change in points with its interval and both sides’ people, as a leader reads it', () => {
    const interval = differenceInterval(0.31 * 51, 51, 0.62 * 48, 48);
    const sentence = describeBeforeAfter('EHR upgrade', {
      kind: 'admin_burden',
      before: { share: 0.62, n: 48, waveIds: [] },
      after: { share: 0.31, n: 51, waveIds: [] },
      ...interval,
    });
    expect(sentence).toBe(
      `Admin burden 62% before 'EHR upgrade', 31% after: down 31 points (95% interval ${Math.round(-interval.high * 100)} to ${Math.round(-interval.low * 100)} points), 48 and 51 people.`,
    );
    expect(interval.high).toBeLessThan(0);
  });

  it('says "no clear change" when the interval spans zero', () => {
    const interval = differenceInterval(4, 10, 3, 10);
    const sentence = describeBeforeAfter('Huddles', {
      kind: 'connection',
      before: { share: 0.3, n: 10, waveIds: [] },
      after: { share: 0.4, n: 10, waveIds: [] },
      ...interval,
    });
    expect(sentence).toMatch(/^Connection 30% before 'Huddles', 40% after: no clear change \(95% interval −\d+ to \+\d+ points\), 10 and 10 people\.$/);
  });
});

describe('news for staff ("you said, we did")', () => {
  const tree = new DepartmentTree([{ id: 'hospital' }, { id: 'ed', parent: 'hospital' }, { id: 'lab', parent: 'hospital' }, { id: 'office' }]);
  const previousOpened = '2026-03-03T15:00:00.000Z';

  it('carries the actions logged or changed since the previous pulse opened, and nothing for a first pulse', () => {
    const old = action({ id: 'a20260201-old000', department: 'ed', updatedAt: '2026-03-01T00:00:00.000Z' });
    const fresh = action({ id: 'a20260305-new000', department: 'ed', title: 'Scribes', status: 'in-progress', updatedAt: '2026-03-05T00:00:00.000Z' });
    expect(newsForWave([old, fresh], previousOpened)).toEqual({
      ed: [{ department: 'ed', kind: 'admin_burden', title: 'Scribes', translations: {}, status: 'in-progress' }],
    });
    expect(newsForWave([old, fresh], undefined)).toEqual({});
  });

  it('tells a unit its own news, that of units folded into it, then its parents’, and at most four', () => {
    const news = newsForWave(
      [
        action({ id: 'a20260305-hosp00', department: 'hospital', title: 'Hospital-wide', updatedAt: '2026-03-04T00:00:00.000Z' }),
        action({ id: 'a20260305-ed0000', department: 'ed', title: 'ED', updatedAt: '2026-03-05T00:00:00.000Z' }),
        action({ id: 'a20260305-lab000', department: 'lab', title: 'Lab', updatedAt: '2026-03-06T00:00:00.000Z' }),
        action({ id: 'a20260305-off000', department: 'office', title: 'Office', updatedAt: '2026-03-07T00:00:00.000Z' }),
      ],
      previousOpened,
    );
    const plan = { units: { 'ed/nurse': 'ed/nurse', 'lab/nurse': 'ed/nurse', 'office/nurse': 'office/nurse' }, news };
    expect(foldedInto(plan, 'ed', ['nurse', 'physician'])).toEqual(['lab']);
    expect(foldedInto(plan, 'office', ['nurse', 'physician'])).toEqual([]);
    // A parent whose own staff answer in the unit is heard once.
    expect(newsFor(news, tree, 'ed', ['lab', 'hospital']).map((n) => n.title)).toEqual(['ED', 'Lab', 'Hospital-wide']);
    expect(newsFor(news, tree, 'ed', foldedInto(plan, 'ed', ['nurse'])).map((n) => n.title)).toEqual(['ED', 'Lab', 'Hospital-wide']);
    expect(newsFor(news, tree, 'office').map((n) => n.title)).toEqual(['Office']);
    const many = newsForWave(
      Array.from({ length: 6 }, (_, i) => action({ id: `a20260305-m0000${i}`, department: 'ed', updatedAt: `2026-03-0${4 + (i % 3)}T00:00:00.000Z` })),
      previousOpened,
    );
    expect(newsFor(many, tree, 'ed')).toHaveLength(4);
  });
});

describe('an action title', () => {
  it('is short and names no way to reach a person', () => {
    expect(actionTitleSchema.safeParse('EHR upgrade, go-live 2026-03-01').success).toBe(true);
    expect(actionTitleSchema.safeParse('Ask jane.doe@clinic.example about inbox rules').error?.issues[0]?.message).toMatch(/email address/);
    expect(actionTitleSchema.safeParse('Call Dr. Lee at (312) 555-0148 for schedules').error?.issues[0]?.message).toMatch(/phone number/);
    expect(actionTitleSchema.safeParse('Text +1 312 555 0148').error?.issues[0]?.message).toMatch(/phone number/);
    expect(actionTitleSchema.safeParse('Protected charting 7:00-19:00, 2 scribes, 3 shifts a week').success).toBe(true);
    expect(actionTitleSchema.safeParse('x'.repeat(121)).error?.issues[0]?.message).toMatch(/at most 120/);
    expect(actionTitleSchema.safeParse('Answer here instead: https://pulse.evil.example').error?.issues[0]?.message).toMatch(/web address/);
    expect(actionTitleSchema.safeParse('Huddles\nReply to this email').error?.issues[0]?.message).toMatch(/line break/);
    expect(actionTitleSchema.safeParse('Huddles \u202Eesrever').error?.issues[0]?.message).toMatch(/control character/);
  });
});
