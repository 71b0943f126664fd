import type { Domain, Instrument } from './instrument.js';
import { percent } from './leader-findings.js';
import type { Locale, LocalizedText } from './locale.js';
import type { OrgConfig, ReferencePopulation } from './org-config.js';

/**
 * Published national rates a leader can set a group's figure beside, and the organization's
 * own. A rate is only comparable with a share counted the same way: the same kind of question,
 * the same answers counted. Each reference therefore says what it measured, and a line is drawn
 * only beside an item measured alike (docs/reference-rates.md has the citations).
 */

/**
 * What a national rate asked and counted. `single-item`: burnout, one question, five levels
 * from "I enjoy my work" to "completely burned out", the top three (burning out or worse)
 * counted, as in the Rohland and Mini-Z item. `intent-to-leave`: one question on how likely
 * the person is to leave their current job within two years, five answers from none to
 * definitely, the top three (moderate or more) counted, as in Mini-Z and the AMA
 * Organizational Biopsy. `unstated`: the source does not name its question, so no item of
 * ours can be shown to match it.
 */
export type ReferenceMeasure = 'single-item' | 'intent-to-leave' | 'unstated';

/** Whom a national rate describes: a role group's population, or everyone in health care. */
export type NationalPopulation = ReferencePopulation | 'all';

export interface NationalReference {
  readonly id: string;
  readonly domain: Domain;
  readonly population: NationalPopulation;
  readonly measure: ReferenceMeasure;
  /** What was asked and which answers were counted, in words a leader can read beside the line. */
  readonly note: LocalizedText;
  readonly share: number;
  /** The year the data describes, which is not the year it was published. */
  readonly year: number;
  /** Authors or organization, publication, year of publication. */
  readonly source: string;
  readonly url: string;
}

export interface ReferenceLine {
  readonly id: string;
  readonly origin: 'national' | 'own';
  readonly share: number;
  readonly year: number;
  readonly source: string;
  readonly url: string | undefined;
  /** What the figure measured; an organization's own figure carries no such note. */
  readonly note: string | undefined;
  /** Ready to show, e.g. "Nurses nationally, 2020: 56% (Rotenstein et al., J Gen Intern Med 2023)". */
  readonly label: string;
}

/** A published group: the organization, one department, or one role group. */
export type ReferenceGroup = { readonly kind: 'org' | 'department' } | { readonly kind: 'role'; readonly roleGroup: string };

export type ReferenceOrg = Pick<OrgConfig, 'roleGroups' | 'instrument' | 'referenceRates'>;

/** Two lines already show a trend over years; more would crowd the group's own figure. */
const MOST_NATIONAL_LINES_PER_GROUP = 2;

const POPULATION_LABELS: Readonly<Record<NationalPopulation, LocalizedText>> = {
  all: { en: 'Health care workers nationally', es: 'Personal de salud a nivel nacional' },
  physician: { en: 'Physicians nationally', es: 'Médicos a nivel nacional' },
  nurse: { en: 'Nurses nationally', es: 'Enfermería a nivel nacional' },
  'other-clinical': { en: 'Other clinical staff nationally', es: 'Otro personal clínico a nivel nacional' },
  'non-clinical': { en: 'Non-clinical staff nationally', es: 'Personal no clínico a nivel nacional' },
};

const ROTENSTEIN_NOTE: LocalizedText = {
  en: 'One question on burnout in your own definition, with five answers from enjoying work to completely burned out; the top three (burning out or worse) counted. 43,026 staff of 206 US health care organizations, April to December 2020.',
  es: 'Una pregunta sobre el agotamiento según la propia idea de cada persona, con cinco respuestas, de disfrutar el trabajo a estar completamente agotado/a; cuentan las tres más altas (agotándose o peor). 43 026 personas de 206 organizaciones de salud de EE. UU., de abril a diciembre de 2020.',
};

const AMA_NOTE: LocalizedText = {
  en: 'Physicians reporting at least one symptom of burnout in the AMA Organizational Biopsy; the AMA does not publish the question, so it is not set beside a pulse item.',
  es: 'Médicos que refieren al menos un síntoma de agotamiento en el Organizational Biopsy de la AMA; la AMA no publica la pregunta, así que no se compara con una pregunta del pulso.',
};

const ROTENSTEIN_LEAVE_NOTE: LocalizedText = {
  en: 'One question on how likely you are to leave your current job within two years, with five answers from none to definitely; moderate, likely and definitely counted. 43,026 staff of 206 US health care organizations, April to December 2020.',
  es: 'Una pregunta sobre qué tan probable es dejar el trabajo actual en los próximos dos años, con cinco respuestas, de nada probable a seguro; cuentan las tres más altas (moderadamente probable o más). 43 026 personas de 206 organizaciones de salud de EE. UU., de abril a diciembre de 2020.',
};

const AMA_LEAVE_NOTE: LocalizedText = {
  en: 'Physicians in the AMA Organizational Biopsy whose intent to leave their current job within two years was moderate, likely or definite.',
  es: 'Médicos del Organizational Biopsy de la AMA que consideraban al menos moderadamente probable dejar su trabajo actual en los próximos dos años.',
};

const ROTENSTEIN = { year: 2020, source: 'Rotenstein et al., J Gen Intern Med 2023', url: 'https://doi.org/10.1007/s11606-023-08153-z' } as const;

const rotenstein = (population: NationalPopulation, share: number): NationalReference => ({
  id: `rotenstein-2020-${population}`,
  domain: 'burnout',
  population,
  measure: 'single-item',
  note: ROTENSTEIN_NOTE,
  share,
  ...ROTENSTEIN,
});

const rotensteinLeave = (population: NationalPopulation, share: number): NationalReference => ({
  id: `rotenstein-2020-${population}-intent-to-leave`,
  domain: 'retention',
  population,
  measure: 'intent-to-leave',
  note: ROTENSTEIN_LEAVE_NOTE,
  share,
  ...ROTENSTEIN,
});

const ama = (year: number, share: number, published: number, url: string): NationalReference => ({
  id: `ama-${year}-physician`,
  domain: 'burnout',
  population: 'physician',
  measure: 'unstated',
  note: AMA_NOTE,
  share,
  year,
  source: `American Medical Association, AMA News Wire ${published}`,
  url,
});

const amaLeave = (year: number, share: number, published: number, url: string): NationalReference => ({
  ...ama(year, share, published, url),
  id: `ama-${year}-physician-intent-to-leave`,
  domain: 'retention',
  measure: 'intent-to-leave',
  note: AMA_LEAVE_NOTE,
});

/** Each share and year checked against its source; docs/reference-rates.md gives the citations and what is known of each question. */
export const NATIONAL_REFERENCES: readonly NationalReference[] = [
  rotenstein('all', 0.499),
  rotenstein('nurse', 0.56),
  rotenstein('other-clinical', 0.541),
  rotenstein('physician', 0.473),
  rotenstein('non-clinical', 0.456),
  ama(2024, 0.432, 2025, 'https://www.ama-assn.org/practice-management/physician-health/us-physician-burnout-hits-lowest-rate-covid-19'),
  ama(2023, 0.482, 2024, 'https://www.ama-assn.org/practice-management/physician-health/physician-burnout-rate-drops-below-50-first-time-4-years'),
  rotensteinLeave('all', 0.287),
  rotensteinLeave('nurse', 0.41),
  rotensteinLeave('other-clinical', 0.321),
  rotensteinLeave('physician', 0.243),
  rotensteinLeave('non-clinical', 0.326),
  amaLeave(2024, 0.319, 2025, 'https://www.ama-assn.org/practice-management/physician-health/physicians-these-10-specialties-are-less-likely-quit'),
  amaLeave(2023, 0.357, 2024, 'https://www.ama-assn.org/practice-management/physician-health/6-specialties-desire-step-away-or-scale-back-common'),
];

/** The counted answers of the published intent-to-leave item, lowest first ("Likely", not "Unlikely"). */
const LEAVING_LEVELS = [/moderate/i, /^likely\b/i, /definite/i];

/**
 * How the organization's share of a domain is measured, when it is a measure a published rate
 * used too. The share of a domain is the mean over its items, so it is one item's share only
 * when the domain has that one item, and the single-item and intent-to-leave measures both
 * ask one question with five answers, the top three counted. That shape is not enough: "How
 * often do you feel burned out? Never … Always" has it too. So each counted burnout answer
 * must itself speak of burnout, as the single item's levels do and a frequency's do not; and
 * an intent-to-leave item must ask about leaving within two years and count the published
 * item's three levels (moderate, likely, definitely), not any five-point scale of likelihood.
 */
export function measureOf(instrument: Instrument, domain: Domain): ReferenceMeasure | undefined {
  const items = instrument.items.filter((item) => item.domain === domain);
  const item = items[0];
  if (items.length !== 1 || item === undefined || item.options.length !== 5) return undefined;
  const topThree = item.options
    .map((option) => option.value)
    .sort((a, b) => a - b)
    .slice(2);
  const counted = [...new Set(item.adverse)].sort((a, b) => a - b);
  if (counted.join() !== topThree.join()) return undefined;
  const countedLabels = counted.map((value) => item.options.find((option) => option.value === value)!.label.en);
  if (domain === 'burnout') return countedLabels.every((label) => /burn/i.test(label)) ? 'single-item' : undefined;
  if (domain === 'retention') {
    const asksLeavingWithinTwoYears = /\bleav(e|ing)\b/i.test(item.text.en) && /\b(two|2) years\b/i.test(item.text.en);
    const countsTheLevels = LEAVING_LEVELS.every((level, index) => level.test(countedLabels[index]!));
    return asksLeavingWithinTwoYears && countsTheLevels ? 'intent-to-leave' : undefined;
  }
  return undefined;
}

/** Whole percents, as leaders read every share; not leader-findings' `percent`, which may come to import this module. */

const newestFirst = (a: { year: number }, b: { year: number }) => b.year - a.year;

function populationOf(org: ReferenceOrg, group: ReferenceGroup): NationalPopulation | undefined {
  if (group.kind !== 'role') return 'all';
  return org.roleGroups.find((roleGroup) => roleGroup.id === group.roleGroup)?.reference;
}

function nationalReferencesFor(
  org: ReferenceOrg,
  group: ReferenceGroup,
  domain: Domain,
  references: readonly NationalReference[],
): readonly NationalReference[] {
  if (!org.referenceRates.national) return [];
  const measure = measureOf(org.instrument, domain);
  const population = populationOf(org, group);
  if (measure === undefined || population === undefined) return [];
  return references
    .filter((reference) => reference.domain === domain && reference.population === population && reference.measure === measure)
    .sort(newestFirst)
    .slice(0, MOST_NATIONAL_LINES_PER_GROUP);
}

/** An own figure naming role groups belongs beside those groups' rows; one naming none describes everyone. */
function ownAppliesTo(roleGroups: readonly string[] | undefined, group: ReferenceGroup): boolean {
  if (roleGroups === undefined) return group.kind !== 'role';
  return group.kind === 'role' && roleGroups.includes(group.roleGroup);
}

/**
 * The reference lines to show beside a published group's figure for a domain: the newest
 * national rates for the group's population measured as the organization measures it (at most
 * two, newest first), then the organization's own, newest first.
 */
export function referenceLinesFor(
  org: ReferenceOrg,
  group: ReferenceGroup,
  domain: Domain,
  locale: Locale,
  references: readonly NationalReference[] = NATIONAL_REFERENCES,
): ReferenceLine[] {
  const national = nationalReferencesFor(org, group, domain, references).map(
    (reference): ReferenceLine => ({
      id: reference.id,
      origin: 'national',
      share: reference.share,
      year: reference.year,
      source: reference.source,
      url: reference.url,
      note: reference.note[locale],
      label: `${POPULATION_LABELS[reference.population][locale]}, ${reference.year}: ${percent(reference.share)} (${reference.source})`,
    }),
  );
  const own = org.referenceRates.own
    .filter((reference) => reference.domain === domain && ownAppliesTo(reference.roleGroups, group))
    .sort(newestFirst)
    .map(
      (reference): ReferenceLine => ({
        id: reference.id,
        origin: 'own',
        share: reference.share,
        year: reference.year,
        source: reference.source,
        url: undefined,
        note: undefined,
        label: `${reference.label[locale]}, ${reference.year}: ${percent(reference.share)} (${reference.source})`,
      }),
    );
  return [...national, ...own];
}
