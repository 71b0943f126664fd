import { describe, expect, it } from 'vitest';
import { loadOrgConfig, parseOrgConfig } from '../../shared/config.js';
import { InvalidInputError } from '../../shared/errors.js';
import { DEFAULT_INSTRUMENT, type Instrument, type Item } from '../../shared/domain/instrument.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { DEFAULT_THRESHOLDS } from '../../shared/domain/org-config.js';
import { measureOf, NATIONAL_REFERENCES, referenceLinesFor, type NationalReference, type ReferenceGroup } from '../../shared/domain/reference-rates.js';

const demo = await loadOrgConfig('orgs/demo.json');
const role = (roleGroup: string): ReferenceGroup => ({ kind: 'role', roleGroup });
const ids = (lines: { id: string }[]) => lines.map((line) => line.id);

const minimal = {
  id: 'clinic',
  name: 'Clinic',
  timeZone: 'America/Chicago',
  departments: [{ id: 'ed', name: 'Emergency' }],
  roleGroups: [
    { id: 'nurse', name: 'Nurses', reference: 'nurse' },
    { id: 'physician', name: 'Physicians', reference: 'physician' },
  ],
  channels: { email: { from: 'pulse@clinic.example' } },
  deploy: { alarmEmail: 'it@clinic.example' },
};

const ownSurvey = { id: 'survey-2024', label: { en: 'Our 2024 staff survey', es: 'Nuestra encuesta de 2024' }, share: 0.41, year: 2024, source: 'HR' };
const nursePeers = {
  ...ownSurvey,
  id: 'nurse-peers',
  label: 'Peer hospitals, nurses',
  share: 0.52,
  year: 2023,
  source: 'Magnet network',
  roleGroups: ['nurse'],
};

function withReferenceRates(referenceRates: unknown): OrgConfig {
  return parseOrgConfig(JSON.stringify({ ...minimal, referenceRates }), 'orgs/clinic.json');
}

function problemsOf(config: unknown): string[] {
  try {
    parseOrgConfig(JSON.stringify(config), 'orgs/clinic.json');
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

function withItemOf(domain: Item['domain'], change: (item: Item) => Item | Item[]): Instrument {
  return { ...DEFAULT_INSTRUMENT, items: DEFAULT_INSTRUMENT.items.flatMap((item) => (item.domain === domain ? change(item) : [item])) };
}
const withBurnoutItem = (change: (item: Item) => Item | Item[]) => withItemOf('burnout', change);
const withLeaveItem = (change: (item: Item) => Item | Item[]) => withItemOf('retention', change);

describe('national reference lines for the demo organization', () => {
  it('sets nurses beside the national nurse rate, with its source, year and what was measured', () => {
    const [line, ...rest] = referenceLinesFor(demo, role('nurse'), 'burnout', 'en');
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      id: 'rotenstein-2020-nurse',
      origin: 'national',
      share: 0.56,
      year: 2020,
      source: 'Rotenstein et al., J Gen Intern Med 2023',
      url: 'https://doi.org/10.1007/s11606-023-08153-z',
      label: 'Nurses nationally, 2020: 56% (Rotenstein et al., J Gen Intern Med 2023)',
    });
    expect(line?.note).toContain('top three');
  });

  it('sets physicians beside the physician rate measured like our item, not the AMA figures whose question is unpublished', () => {
    const lines = referenceLinesFor(demo, role('physician'), 'burnout', 'en');
    expect(ids(lines)).toEqual(['rotenstein-2020-physician']);
    expect(lines[0]?.label).toBe('Physicians nationally, 2020: 47% (Rotenstein et al., J Gen Intern Med 2023)');
    expect(NATIONAL_REFERENCES.some((reference) => reference.population === 'physician' && reference.year > 2020)).toBe(true);
  });

  it('sets the organization and each department beside all health care workers', () => {
    for (const group of [{ kind: 'org' }, { kind: 'department' }] as const) {
      const lines = referenceLinesFor(demo, group, 'burnout', 'en');
      expect(ids(lines)).toEqual(['rotenstein-2020-all']);
      expect(lines[0]?.label).toBe('Health care workers nationally, 2020: 50% (Rotenstein et al., J Gen Intern Med 2023)');
    }
  });

  it('maps each demo role group to its population, and leaves advanced practice providers without a line', () => {
    expect(ids(referenceLinesFor(demo, role('ma'), 'burnout', 'en'))).toEqual(['rotenstein-2020-other-clinical']);
    expect(ids(referenceLinesFor(demo, role('billing'), 'burnout', 'en'))).toEqual(['rotenstein-2020-non-clinical']);
    expect(referenceLinesFor(demo, role('app'), 'burnout', 'en')).toEqual([]);
    expect(referenceLinesFor(demo, role('no-such-group'), 'burnout', 'en')).toEqual([]);
  });

  it('speaks Spanish to a Spanish-speaking leader', () => {
    const [line] = referenceLinesFor(demo, role('nurse'), 'burnout', 'es');
    expect(line?.label).toBe('Enfermería a nivel nacional, 2020: 56% (Rotenstein et al., J Gen Intern Med 2023)');
    expect(line?.note).toContain('cuentan las tres más altas');
    expect(referenceLinesFor(demo, { kind: 'department' }, 'burnout', 'es')[0]?.label).toMatch(/^Personal de salud a nivel nacional, 2020: 50%/);
  });

  it('has no national line for a domain no published rate measured as we do', () => {
    for (const domain of ['workload', 'admin_burden', 'connection', 'safety'] as const) {
      expect(referenceLinesFor(demo, { kind: 'org' }, domain, 'en')).toEqual([]);
      expect(referenceLinesFor(demo, role('nurse'), domain, 'en')).toEqual([]);
    }
  });
});

describe('national intent-to-leave lines for the demo organization', () => {
  it('set each department beside health care workers’ intent to leave, counted as our item counts it', () => {
    const [line, ...rest] = referenceLinesFor(demo, { kind: 'department' }, 'retention', 'en');
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      id: 'rotenstein-2020-all-intent-to-leave',
      share: 0.287,
      year: 2020,
      label: 'Health care workers nationally, 2020: 29% (Rotenstein et al., J Gen Intern Med 2023)',
    });
    expect(line?.note).toContain('moderate, likely and definitely counted');
  });

  it('set nurses beside nurses’ 41%, and physicians beside the AMA’s two newest years', () => {
    expect(referenceLinesFor(demo, role('nurse'), 'retention', 'en').map((line) => line.label)).toEqual([
      'Nurses nationally, 2020: 41% (Rotenstein et al., J Gen Intern Med 2023)',
    ]);
    const physicians = referenceLinesFor(demo, role('physician'), 'retention', 'en');
    expect(ids(physicians)).toEqual(['ama-2024-physician-intent-to-leave', 'ama-2023-physician-intent-to-leave']);
    expect(physicians[0]?.label).toBe('Physicians nationally, 2024: 32% (American Medical Association, AMA News Wire 2025)');
    expect(referenceLinesFor(demo, role('physician'), 'retention', 'es')[0]?.label).toBe(
      'Médicos a nivel nacional, 2024: 32% (American Medical Association, AMA News Wire 2025)',
    );
  });

  it('never stand beside a burnout figure, nor burnout’s beside intent to leave', () => {
    expect(ids(referenceLinesFor(demo, role('nurse'), 'burnout', 'en'))).toEqual(['rotenstein-2020-nurse']);
    expect(referenceLinesFor(demo, role('nurse'), 'retention', 'en').every((line) => line.id.endsWith('-intent-to-leave'))).toBe(true);
  });

  it('hold the default retention line among them: a department as likely to leave as health care workers nationally is under it, one as likely as nurses over it', () => {
    const rate = (population: string) => NATIONAL_REFERENCES.find((r) => r.domain === 'retention' && r.population === population)!.share;
    expect(rate('all')).toBeLessThan(DEFAULT_THRESHOLDS.retention);
    expect(rate('nurse')).toBeGreaterThan(DEFAULT_THRESHOLDS.retention);
  });
});

describe('the intent-to-leave item a national rate may stand beside', () => {
  it('is the default instrument’s item on leaving within two years, moderate or more counted', () => {
    expect(measureOf(DEFAULT_INSTRUMENT, 'retention')).toBe('intent-to-leave');
  });

  it('is not the item with only likely and definitely counted, one asking about leaving within a year, one on another scale, nor a domain of two items', () => {
    expect(
      measureOf(
        withLeaveItem((item) => ({ ...item, adverse: [4, 5] })),
        'retention',
      ),
    ).toBeUndefined();
    const withinAYear = withLeaveItem((item) => ({
      ...item,
      text: { en: 'How likely is it that you will leave your current job within a year?', es: item.text.es },
    }));
    expect(measureOf(withinAYear, 'retention')).toBeUndefined();
    const agreeScale = withLeaveItem((item) => ({
      ...item,
      options: ['Very unlikely', 'Unlikely', 'Somewhat likely', 'Likely', 'Very likely'].map((label, index) => ({
        value: index + 1,
        label: { en: label, es: label },
      })),
    }));
    expect(measureOf(agreeScale, 'retention')).toBeUndefined();
    expect(
      measureOf(
        withLeaveItem((item) => [item, { ...item, id: 'leave_again' }]),
        'retention',
      ),
    ).toBeUndefined();
  });

  it('decides whether intent to leave gets national lines at all', () => {
    const org = { ...demo, instrument: withLeaveItem((item) => ({ ...item, adverse: [5] })) };
    expect(referenceLinesFor(org, { kind: 'org' }, 'retention', 'en')).toEqual([]);
    expect(ids(referenceLinesFor(org, { kind: 'org' }, 'burnout', 'en'))).toEqual(['rotenstein-2020-all']);
  });
});

describe('which national references are chosen', () => {
  const singleItem = (year: number, share: number): NationalReference => ({
    ...NATIONAL_REFERENCES[0]!,
    id: `physician-${year}`,
    population: 'physician',
    year,
    share,
  });

  it('gives the newest two, newest first', () => {
    const references = [singleItem(2019, 0.5), singleItem(2024, 0.4), singleItem(2022, 0.45)];
    expect(ids(referenceLinesFor(demo, role('physician'), 'burnout', 'en', references))).toEqual(['physician-2024', 'physician-2022']);
  });

  it('skips a newer reference measured another way', () => {
    const references = [singleItem(2020, 0.47), { ...singleItem(2024, 0.43), measure: 'unstated' as const }];
    expect(ids(referenceLinesFor(demo, role('physician'), 'burnout', 'en', references))).toEqual(['physician-2020']);
  });
});

describe('the burnout item a national rate may stand beside', () => {
  it('is the default instrument’s five-level item with the top three counted', () => {
    expect(measureOf(DEFAULT_INSTRUMENT, 'burnout')).toBe('single-item');
  });

  it('is not a frequency question of the same shape, nor the item with other answers counted, nor a domain of two items', () => {
    const howOften = withBurnoutItem((item) => ({
      ...item,
      options: ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'].map((label, index) => ({ value: index + 1, label: { en: label, es: label } })),
    }));
    expect(measureOf(howOften, 'burnout')).toBeUndefined();
    expect(
      measureOf(
        withBurnoutItem((item) => ({ ...item, adverse: [4, 5] })),
        'burnout',
      ),
    ).toBeUndefined();
    expect(
      measureOf(
        withBurnoutItem((item) => [item, { ...item, id: 'burnout_again' }]),
        'burnout',
      ),
    ).toBeUndefined();
  });

  it('decides whether the organization gets national lines at all', () => {
    const org = { ...demo, instrument: withBurnoutItem((item) => ({ ...item, adverse: [5] })) };
    expect(referenceLinesFor(org, role('nurse'), 'burnout', 'en')).toEqual([]);
  });
});

describe("the organization's own references", () => {
  it('default to none, with the national lines shown, when the config says nothing', () => {
    const org = parseOrgConfig(JSON.stringify(minimal), 'orgs/clinic.json');
    expect(org.referenceRates).toEqual({ national: true, own: [] });
    expect(ids(referenceLinesFor(org, role('nurse'), 'burnout', 'en'))).toEqual(['rotenstein-2020-nurse']);
  });

  it('are all that is shown with national lines turned off', () => {
    const org = withReferenceRates({ national: false, own: [{ ...ownSurvey, domain: 'burnout' }] });
    expect(ids(referenceLinesFor(org, { kind: 'org' }, 'burnout', 'en'))).toEqual(['survey-2024']);
    expect(referenceLinesFor(org, role('nurse'), 'burnout', 'en')).toEqual([]);
  });

  it('go beside the role groups they name, and one naming none beside the organization and its departments', () => {
    const org = withReferenceRates({
      own: [
        { ...nursePeers, domain: 'burnout' },
        { ...ownSurvey, domain: 'burnout' },
      ],
    });
    expect(ids(referenceLinesFor(org, role('nurse'), 'burnout', 'en'))).toEqual(['rotenstein-2020-nurse', 'nurse-peers']);
    expect(ids(referenceLinesFor(org, role('physician'), 'burnout', 'en'))).toEqual(['rotenstein-2020-physician']);
    expect(ids(referenceLinesFor(org, { kind: 'department' }, 'burnout', 'en'))).toEqual(['rotenstein-2020-all', 'survey-2024']);
  });

  it('come after the national lines, newest first, labelled in the leader’s language', () => {
    const older = { ...ownSurvey, id: 'survey-2022', label: { en: 'Our 2022 staff survey', es: 'Nuestra encuesta de 2022' }, year: 2022, share: 0.377 };
    const org = withReferenceRates({
      own: [
        { ...older, domain: 'burnout' },
        { ...ownSurvey, domain: 'burnout' },
      ],
    });
    const lines = referenceLinesFor(org, { kind: 'org' }, 'burnout', 'es');
    expect(lines.map((line) => [line.origin, line.label])).toEqual([
      ['national', 'Personal de salud a nivel nacional, 2020: 50% (Rotenstein et al., J Gen Intern Med 2023)'],
      ['own', 'Nuestra encuesta de 2024, 2024: 41% (HR)'],
      ['own', 'Nuestra encuesta de 2022, 2022: 38% (HR)'],
    ]);
    expect(lines[1]).toMatchObject({ url: undefined, note: undefined, share: 0.41, year: 2024, source: 'HR' });
  });

  it('may be given for another domain, and show only there', () => {
    const org = withReferenceRates({ own: [{ ...ownSurvey, domain: 'workload' }] });
    expect(ids(referenceLinesFor(org, { kind: 'org' }, 'workload', 'en'))).toEqual(['survey-2024']);
    expect(ids(referenceLinesFor(org, { kind: 'org' }, 'burnout', 'en'))).toEqual(['rotenstein-2020-all']);
  });
});

describe('referenceRates in the org config', () => {
  it('names the field and the reason for a share out of range, a year not of four digits and an unknown role group, all at once', () => {
    const own = [{ ...nursePeers, domain: 'burnout', share: 52, year: 23, roleGroups: ['nurse', 'nurses'] }];
    expect(problemsOf({ ...minimal, referenceRates: { own } })).toEqual([
      'orgs/clinic.json: referenceRates.own[0].share: a share between 0 and 1, e.g. 0.42 for 42%',
      'orgs/clinic.json: referenceRates.own[0].year: the year the figure describes, in four digits, e.g. 2024',
      'orgs/clinic.json: referenceRates.own[0].roleGroups[1]: unknown role group "nurses"',
    ]);
  });

  it('refuses a reference listed twice, one without a domain, a misspelt key, and a role group population it does not know', () => {
    const twice = [
      { ...ownSurvey, domain: 'burnout' },
      { ...ownSurvey, domain: 'workload' },
    ];
    expect(problemsOf({ ...minimal, referenceRates: { own: twice } })).toEqual([
      'orgs/clinic.json: referenceRates.own: reference "survey-2024" is listed twice',
    ]);
    expect(problemsOf({ ...minimal, referenceRates: { own: [ownSurvey] } })[0]).toMatch(/^orgs\/clinic\.json: referenceRates\.own\[0\]\.domain: /);
    expect(problemsOf({ ...minimal, referenceRates: { nationl: false } })[0]).toMatch(/^orgs\/clinic\.json: referenceRates: Unrecognized key: "nationl"/);
    const doctors = { ...minimal, roleGroups: [{ id: 'doctor', name: 'Doctors', reference: 'doctor' }] };
    expect(problemsOf(doctors)[0]).toMatch(/^orgs\/clinic\.json: roleGroups\[0\]\.reference: /);
  });
});
