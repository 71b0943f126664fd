import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calendarDate, measureAction, newsForWave, newsLines, type Action, type BeforeAfter } from '../../shared/domain/actions.js';
import { composeDashboard, describeBeforeAfter } from '../../shared/domain/dashboard.js';
import { Trend, trendScale, trendY } from '../../web/views/trend.js';
import { WORDS } from '../../shared/words/words.js';
import { dashboardCsv } from '../../shared/domain/dashboard-csv.js';
import { composeDigest } from '../../shared/domain/digest.js';
import { evaluateWave, type DomainFigure, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import { DOMAINS, type Domain } from '../../shared/domain/instrument.js';
import { invitationEmail, invitationSms } from '../../shared/domain/invitation.js';
import type { Locale } from '../../shared/domain/locale.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { seededRandom } from '../../scripts/lib/demo-answers.js';
import { DashboardPage } from '../../web/views/dashboard-page.js';
import { numbersIn, precisionProblems, type Artefact } from '../support/published-numbers.js';
import { closedWave, countsFor } from '../support/waves.js';

/**
 * Nothing published is more precise than its figure (docs/privacy.md, "a reader with every
 * artefact"). Shares are shown as whole percents; at 279 people a whole percent leaves two or
 * three counts open, and any coordinate, ordering or difference worked out from the exact
 * share would settle which. Every artefact a leader or a staff member receives is rendered
 * here from awkward counts (7, 13, 44 and 279 people; 28 of 44) and read back number by number
 * (test/support/published-numbers.ts states the rule), and then rendered again with every
 * share moved within its whole percent: not one byte may change.
 */

const SIZES = { ed: 279, icu: 44, clinic: 13, lab: 7 } as const;
type Unit = keyof typeof SIZES;
const UNITS = Object.keys(SIZES) as Unit[];
const PULSES = 7;
/** The pulse after which the emergency department's action was done. */
const DONE_AFTER = 3;

const org = orgConfigSchema.parse({
  id: 'precision',
  name: 'Precision Health',
  timeZone: 'America/Chicago',
  locales: ['en', 'es'],
  k: 5,
  departments: [
    { id: 'hospital', name: { en: 'Hospital', es: 'Hospital' } },
    { id: 'ed', name: { en: 'Emergency', es: 'Emergencias' }, parent: 'hospital' },
    { id: 'icu', name: { en: 'ICU', es: 'UCI' }, parent: 'hospital' },
    { id: 'ambulatory', name: { en: 'Ambulatory', es: 'Ambulatorio' } },
    { id: 'clinic', name: { en: 'Clinic', es: 'Clínica' }, parent: 'ambulatory' },
    { id: 'lab', name: { en: 'Lab', es: 'Laboratorio' }, parent: 'ambulatory' },
  ],
  roleGroups: [{ id: 'nurse', name: { en: 'Nurses', es: 'Enfermería' } }],
  channels: { email: { from: 'pulse@precision.example' }, sms: { enabled: true } },
  deploy: { alarmEmail: 'it@precision.example' },
  leaders: [
    { id: 'ceo', name: 'Dana', email: 'ceo@precision.example', executive: true },
    { id: 'cno', name: 'Marcus', email: 'cno@precision.example', departments: ['hospital'], reportsTo: 'ceo' },
    { id: 'ed-manager', name: 'Aisha', email: 'ed@precision.example', departments: ['ed'], reportsTo: 'cno' },
    { id: 'amb-director', name: 'Priya', email: 'amb@precision.example', departments: ['ambulatory'], reportsTo: 'ceo' },
  ],
});
const staffPerUnit = Object.fromEntries(UNITS.map((unit) => [`${unit}/${ALL_ROLES}`, SIZES[unit] + 6]));

/** Adverse answers per pulse, unit and domain, as counts of that unit's people. */
type Adverse = Record<Unit, Record<Domain, number>>[];

/** The published evaluations of `PULSES` pulses, newest first, and the waves' dates. */
function publish(adverse: Adverse) {
  const published: Evaluation[] = [];
  const waves = [];
  for (let sequence = 0; sequence < PULSES; sequence++) {
    const units = UNITS.map((unit) => ({
      department: unit,
      roleGroup: ALL_ROLES,
      counts: countsFor(SIZES[unit], Object.fromEntries(DOMAINS.map((d) => [d, adverse[sequence]![unit][d] / SIZES[unit]])), sequence),
    }));
    const { wave } = closedWave(sequence, units, staffPerUnit, PULSES - 1 - sequence);
    published.unshift(evaluateWave(org, { wave, units }, published));
    waves.push(wave);
  }
  return { published, waves };
}

/** The emergency department's admin-burden action, done between two pulses, and one still planned. */
function actionsAround(waves: ReturnType<typeof publish>['waves']): Action[] {
  const doneOn = calendarDate(new Date(Date.parse(waves[DONE_AFTER]!.closesAt) + 24 * 3600 * 1000), org.timeZone);
  const at = waves[DONE_AFTER]!.closesAt;
  return [
    {
      id: 'a20260101-scribe',
      department: 'ed',
      kind: 'admin_burden',
      title: 'Scribes for evening shifts',
      translations: { es: 'Escribas para la tarde' },
      status: 'done',
      doneOn,
      createdBy: 'ed-manager',
      createdAt: at,
      updatedAt: at,
    },
    {
      id: 'a20260101-huddle',
      department: 'clinic',
      kind: 'connection',
      title: 'Weekly huddles',
      translations: {},
      status: 'planned',
      targetOn: '2027-01-15',
      createdBy: 'amb-director',
      createdAt: at,
      updatedAt: waves.at(-1)!.openedAt,
    },
  ];
}

/** Every artefact a leader or a staff member is sent or shown, in both languages. */
async function artefacts(
  published: Evaluation[],
  waves: ReturnType<typeof publish>['waves'],
  measurements: ReadonlyMap<string, BeforeAfter>,
): Promise<Artefact[]> {
  const actions = actionsAround(waves);
  const out: Artefact[] = [];
  for (const locale of ['en', 'es'] as Locale[]) {
    for (const leader of org.leaders.map((l) => ({ ...l, locale }))) {
      const name = `${leader.id} (${locale})`;
      const digest = composeDigest(org, published[0]!, leader, { dashboardUrl: 'https://pulse.precision.example/d/signed', wave: waves.at(-1)! });
      out.push(
        { name: `digest subject ${name}`, kind: 'text', body: digest.subject },
        { name: `digest text ${name}`, kind: 'text', body: digest.text },
        { name: `digest html ${name}`, kind: 'html', body: digest.html },
      );
      const dashboard = composeDashboard(org, leader, published, { actions, measurements, today: '2026-11-30', waves })!;
      const page = (<DashboardPage dashboard={dashboard} expiresAt={new Date('2027-01-05T00:00:00Z')} link="signed" />).toString();
      out.push({ name: `dashboard ${name}`, kind: 'html', body: page }, { name: `csv ${name}`, kind: 'csv', body: dashboardCsv(dashboard) });
    }
    for (const change of measurements.values())
      out.push({ name: `before and after (${locale})`, kind: 'text', body: describeBeforeAfter('Scribes', change, locale) });
    // "You said, we did" in the next pulse's invitations.
    const news = newsLines(org, { units: {}, news: newsForWave(actions, waves[0]!.openedAt) }, 'ed', locale);
    const context = {
      orgName: org.name,
      shortName: 'Precision',
      departmentName: 'Emergency',
      link: 'https://pulse.precision.example/p/abcdefghijklmnopqrstuv',
      unsubscribeUrl: 'https://pulse.precision.example/u/x',
      closesOn: '2026-12-01',
      kind: 'invite' as const,
      news,
    };
    const email = invitationEmail('staff@precision.example', locale, context);
    if (email.channel !== 'email') throw new Error('an invitation email that is not an email');
    out.push(
      { name: `invitation text (${locale})`, kind: 'text', body: `${email.subject}\n${email.text}` },
      { name: `invitation html (${locale})`, kind: 'html', body: email.html },
      { name: `invitation sms (${locale})`, kind: 'text', body: invitationSms('+13125550100', locale, context).text },
    );
  }
  return out;
}

function measured(published: Evaluation[], waves: ReturnType<typeof publish>['waves']): Map<string, BeforeAfter> {
  const byId = new Map(published.map((e) => [e.waveId, e]));
  return new Map(
    actionsAround(waves).flatMap((action) => {
      const change = measureAction(action, waves, byId, org.timeZone);
      return change ? [[action.id, change] as const] : [];
    }),
  );
}

/** Another value the reader cannot tell from `x`: the same whole percent, the same side of zero. */
function sameShown(x: number, random: () => number): number {
  const p = Math.round(x * 100);
  let low = Math.max(x < 0 ? -1 : 0, (p - 0.5) / 100);
  let high = Math.min(1, (p + 0.5) / 100);
  if (x > 0) low = Math.max(low, 1e-9);
  if (x < 0) high = Math.min(high, -1e-9);
  if (x === 0) return 0;
  const y = low + random() * (high - low);
  const shownAlike = Math.round(y * 100) === p && Math.round(Math.abs(y) * 100) === Math.round(Math.abs(x) * 100) && Math.sign(y) === Math.sign(x);
  return shownAlike ? y : x;
}

function jiggleFigure(figure: DomainFigure, random: () => number): DomainFigure {
  return {
    ...figure,
    share: sameShown(figure.share, random),
    low: sameShown(figure.low, random),
    high: sameShown(figure.high, random),
    ...(figure.pooled
      ? {
          pooled: {
            ...figure.pooled,
            share: sameShown(figure.pooled.share, random),
            low: sameShown(figure.pooled.low, random),
            high: sameShown(figure.pooled.high, random),
          },
        }
      : {}),
    ...(figure.estimate
      ? { estimate: { ...figure.estimate, above: sameShown(figure.estimate.above, random), share: sameShown(figure.estimate.share, random) } }
      : {}),
    ...(figure.trend ? { trend: { ...figure.trend, baselineShare: sameShown(figure.trend.baselineShare, random) } } : {}),
  };
}

/** The same publication as its readers see it, every share moved somewhere within its whole percent; statuses as decided. */
function jiggle(published: Evaluation[], measurements: ReadonlyMap<string, BeforeAfter>, random: () => number) {
  const evaluations = published.map((evaluation) => ({
    ...evaluation,
    groups: evaluation.groups.map((group) => ({ ...group, figures: group.figures.map((f) => jiggleFigure(f, random)) })),
  }));
  const changes = new Map(
    [...measurements].map(([id, change]) => {
      const before = sameShown(change.before.share, random);
      const after = sameShown(change.after.share, random);
      return [
        id,
        {
          ...change,
          before: { ...change.before, share: before },
          after: { ...change.after, share: after },
          difference: after - before,
          low: sameShown(change.low, random),
          high: sameShown(change.high, random),
        },
      ];
    }),
  );
  return { evaluations, changes };
}

/** The words around the first place two renderings part, for a failure a person can read. */
function whereTheyDiffer(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let at = 0;
  while (a[at] === b[at]) at++;
  return `${a.slice(Math.max(0, at - 160), at + 60)}\n  where the exact shares give\n${b.slice(Math.max(0, at - 160), at + 60)}`;
}

const count = (n: number) => fc.integer({ min: 0, max: n });
const pulse = fc.record(
  Object.fromEntries(
    UNITS.map((unit) => [unit, fc.record(Object.fromEntries(DOMAINS.map((d) => [d, count(SIZES[unit])])) as Record<Domain, fc.Arbitrary<number>>)]),
  ) as Record<Unit, fc.Arbitrary<Record<Domain, number>>>,
);
/** Any counts at all, pulse by pulse. */
const history: fc.Arbitrary<Adverse> = fc.array(pulse, { minLength: PULSES, maxLength: PULSES });

/** The demo's story in miniature: 28 of 44 in the ICU, 100 of 279 in the emergency department. */
function awkward(): Adverse {
  const random = seededRandom(44);
  return Array.from(
    { length: PULSES },
    () =>
      Object.fromEntries(
        UNITS.map((unit) => [unit, Object.fromEntries(DOMAINS.map((d) => [d, Math.floor(random() * (SIZES[unit] + 1))])) as Record<Domain, number>]),
      ) as Record<Unit, Record<Domain, number>>,
  ).map((adverse, sequence) => ({
    ...adverse,
    icu: { ...adverse.icu, admin_burden: 28, workload: sequence === PULSES - 1 ? 28 : 15 },
    // 100 of 279 is 35.84%; admin burden halves after the scribes.
    ed: { ...adverse.ed, admin_burden: sequence <= DONE_AFTER ? 173 : 100, workload: 101 },
    clinic: { ...adverse.clinic, burnout: 7 },
    lab: { ...adverse.lab, safety: 3 },
  }));
}

describe('a reader with every artefact', () => {
  it('finds no number more precise than the figure it draws, for 28 of 44 and 100 of 279', async () => {
    const { published, waves } = publish(awkward());
    const measurements = measured(published, waves);
    expect([...measurements.values()].map((c) => c.difference < 0)).toEqual([true]);
    const all = await artefacts(published, waves, measurements);
    // The checker read every kind of artefact, and the ones that draw figures hold many numbers.
    expect(all.filter((a) => a.name.startsWith('dashboard')).every((a) => numbersIn(a) > 100 && a.body.includes('<polyline'))).toBe(true);
    expect(all.find((a) => a.name === 'dashboard ceo (en)')!.body).toContain('64%');
    expect(all.find((a) => a.name === 'before and after (es)')!.body).toMatch(/bajó \d+ puntos/);
    expect(all.flatMap(precisionProblems)).toEqual([]);
  });

  it('finds none in any publication of random counts, in either language', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (adverse) => {
        const { published, waves } = publish(adverse);
        const all = await artefacts(published, waves, measured(published, waves));
        expect(all.flatMap(precisionProblems)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('cannot tell two publications apart whose shares differ only within their whole percents', async () => {
    const cases = fc.tuple(fc.oneof(fc.constant(awkward()), history), fc.integer({ min: 1, max: 2 ** 31 - 1 }));
    await fc.assert(
      fc.asyncProperty(cases, async ([adverse, seed]) => {
        const { published, waves } = publish(adverse);
        const measurements = measured(published, waves);
        const { evaluations, changes } = jiggle(published, measurements, seededRandom(seed));
        const exact = await artefacts(published, waves, measurements);
        const moved = await artefacts(evaluations, waves, changes);
        for (const [index, artefact] of exact.entries()) expect(whereTheyDiffer(moved[index]!.body, artefact.body), artefact.name).toBeUndefined();
      }),
      { numRuns: 25 },
    );
  });
});

describe('a before-and-after', () => {
  it('gives the change as the difference of the percents it shows, in both languages', () => {
    // 62.4% before and 31.6% after are shown as 62% and 32%: the change read is 30 points, not 31.
    const change: BeforeAfter = {
      kind: 'admin_burden',
      before: { share: 0.624, n: 250, waveIds: [] },
      after: { share: 0.316, n: 250, waveIds: [] },
      difference: 0.316 - 0.624,
      low: -0.39,
      high: -0.22,
    };
    expect(describeBeforeAfter('EHR upgrade', change, 'en')).toBe(
      "Admin burden 62% before 'EHR upgrade', 32% after: down 30 points (95% interval 22 to 39 points), 250 and 250 people.",
    );
    expect(describeBeforeAfter('EHR upgrade', change, 'es')).toBe(
      "Carga administrativa: 62% antes de 'EHR upgrade', 32% después: bajó 30 puntos (intervalo del 95 %: 22 a 39 puntos), 250 y 250 personas.",
    );
  });
});

describe('the reader’s checks', () => {
  it('catch a share drawn more precisely than its percent, wherever it is written', () => {
    const svg = String(<Trend history={[0.5]} share={28 / 44} threshold={0.4} days={['Oct 1', 'Nov 1']} t={WORDS.en.leader} />);
    const cell = (chart: string) =>
      `<td>${chart}<details><span class="range">Line 40%; 95% interval 49% to 76%; first pulse with enough answers to compare.</span></details></td>`;
    expect(precisionProblems({ name: 'page', kind: 'html', body: cell(svg) })).toEqual([]);
    // The newest dot moved to where 28/44 exactly sits: caught at the dot and where the line ends.
    const at64 = String(trendY(64, trendScale([50, 64], 40)));
    const exact = String(trendY((28 / 44) * 100, trendScale([50, 64], 40)) + 0.004545454545);
    expect(
      precisionProblems({ name: 'page', kind: 'html', body: cell(svg.replaceAll(`,${at64}`, `,${exact}`).replace(`cy="${at64}"`, `cy="${exact}"`)) }).length,
    ).toBeGreaterThanOrEqual(2);
    expect(precisionProblems({ name: 'page', kind: 'html', body: '<div style="width:63.63%">64%</div>' })).toHaveLength(1);
    expect(precisionProblems({ name: 'page', kind: 'html', body: '<span data-share="0.6364">64%</span>' })).toHaveLength(1);
    expect(precisionProblems({ name: 'email', kind: 'text', body: 'Carga de trabajo: 63,6 % de respuestas adversas' })).toHaveLength(2);
    expect(precisionProblems({ name: 'email', kind: 'text', body: 'Workload: 28/44 adverse' })).toHaveLength(1);
    expect(precisionProblems({ name: 'csv', kind: 'csv', body: 'Group,Workload %\r\nICU,63.6\r\n' })).toHaveLength(2);
    expect(precisionProblems({ name: 'csv', kind: 'csv', body: 'Group,Workload %,Earlier\r\n"ICU, nights",64,50; -; 61\r\n' })).toEqual([]);
  });
});
