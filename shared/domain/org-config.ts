import * as z from 'zod';
import { DOMAINS, domainSchema, instrumentSchema, DEFAULT_INSTRUMENT, type Domain } from './instrument.js';
import { LOCALES, localeSchema, looseLocalizedTextSchema } from './locale.js';
import { DEFAULT_SEND_RATES } from './send-rates.js';
import { deploySchema } from './deploy-config.js';

export { deploySchema, reservedConcurrencySchema } from './deploy-config.js';

/** The smallest group whose figures may ever be shown (docs/design.md, invariant 2). */
export const MIN_K = 3;
export const DEFAULT_K = 5;

/**
 * Default thresholds for a domain's adverse share. A department is a hotspot when the
 * lower bound of its confidence interval is above the threshold, so these sit near
 * published reference rates: national physician burnout was 43.2% in 2024 (AMA), down
 * from 62.8% in 2021. Intent to leave within two years was 28.7% of health care workers and
 * 41.0% of nurses in 2020 (Rotenstein et al.), 31.9% of physicians in 2024 and 35.7% in 2023
 * (AMA): retention's line sits among these, above the rate for all staff and below nurses',
 * so a department confidently over it is more likely to lose people than most. The others
 * are set so that a confidently flagged department is clearly worse than a typical one.
 * Every organization can override them.
 */
export const DEFAULT_THRESHOLDS: Record<Domain, number> = {
  burnout: 0.45,
  workload: 0.4,
  admin_burden: 0.4,
  retention: 0.35,
  connection: 0.3,
  safety: 0.25,
};

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use lower-case letters, digits and dashes (at most 40)');
const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. "07:30"');

/**
 * Zones whose IANA name changed (a city's spelling, a zone moved under its country) while the
 * ICU data in Node keeps the old one as its id, as CLDR does for stability: Node 20 answers
 * "Asia/Calcutta" for "Asia/Kolkata". The config holds the IANA name, and the schedules get it.
 */
const IANA_RENAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

let canonicalZones: ReadonlyMap<string, string> | undefined;

/** Every canonical zone name the runtime knows, by its lower-case spelling. */
function canonicalZonesByLowerCase(): ReadonlyMap<string, string> {
  canonicalZones ??= new Map(
    [...Intl.supportedValuesOf('timeZone').map((zone) => IANA_RENAMES[zone] ?? zone), 'UTC'].map((zone) => [zone.toLowerCase(), zone]),
  );
  return canonicalZones;
}

/** Whether the runtime's time zone data knows `name` at all, under any spelling or alias. */
function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The canonical IANA name of a time zone, as written in the IANA database: "America/Chicago"
 * for "america/chicago", "US/Central" or "America/Chicago"; "UTC" for "Etc/UTC". Undefined
 * when the runtime knows no such zone, or no canonical name for it (a fixed offset such as
 * "Etc/GMT+5").
 */
export function canonicalTimeZone(name: string): string | undefined {
  const zones = canonicalZonesByLowerCase();
  const sameName = zones.get(name.toLowerCase());
  if (sameName !== undefined) return sameName;
  if (!isKnownTimeZone(name)) return undefined;
  // ICU resolves an alias (a link) to the zone's id; a runtime that stops doing so finds nothing.
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  return zones.get((IANA_RENAMES[resolved] ?? resolved).toLowerCase());
}

/**
 * Only a canonical name passes, spelt as the IANA database spells it: the schedules are created
 * with the name as written, and one zone should have one name wherever the config is read.
 */
const timeZoneSchema = z.string().superRefine((zone, ctx) => {
  const canonical = canonicalTimeZone(zone);
  if (canonical === zone) return;
  let message: string;
  if (canonical === undefined) {
    message = isKnownTimeZone(zone)
      ? `not the canonical IANA name of a place's time zone: "${zone}"; write one such as "America/Chicago", or "UTC"`
      : `not an IANA time zone: "${zone}"; write one such as "America/Chicago" or "UTC"`;
  } else if (canonical.toLowerCase() === zone.toLowerCase()) {
    message = `"${zone}" is not written as the IANA database writes it (letter case counts); did you mean "${canonical}"?`;
  } else {
    message = `"${zone}" is an alias (a link in the IANA database), not the zone's canonical name; did you mean "${canonical}"?`;
  }
  ctx.addIssue({ code: 'custom', message });
});

export const departmentSchema = z.object({
  id: idSchema,
  name: looseLocalizedTextSchema,
  /** A department may sit under another (e.g. ICU under Inpatient nursing). */
  parent: idSchema.optional(),
  /** Local hours in which this department's staff can read a link (night shifts differ). */
  sendWindow: z.object({ start: clockTimeSchema, end: clockTimeSchema }).optional(),
  /**
   * Printed one-time cards this department gets each wave, for staff without a work email or
   * a phone the organization may text: issued at open like links, counted as people who can
   * answer, and printed with `npm run pulse -- cards <department>`.
   */
  cards: z.number().int().min(1, 'at least 1; leave the key out for no cards').max(1000, 'at most 1000 cards a wave').optional(),
});

/** The national population a role group is set beside (docs/reference-rates.md); none, no line, since a wrong one misleads. */
export const REFERENCE_POPULATIONS = ['physician', 'nurse', 'other-clinical', 'non-clinical'] as const;
export type ReferencePopulation = (typeof REFERENCE_POPULATIONS)[number];

export const roleGroupSchema = z.object({ id: idSchema, name: looseLocalizedTextSchema, reference: z.enum(REFERENCE_POPULATIONS).optional() });

const SHARE_RANGE = 'a share between 0 and 1, e.g. 0.42 for 42%';
const FOUR_DIGIT_YEAR = 'the year the figure describes, in four digits, e.g. 2024';

/** A figure of the organization's own shown beside its groups, e.g. last year's survey or a peer network's rate. */
export const ownReferenceSchema = z
  .object({
    id: idSchema,
    label: looseLocalizedTextSchema,
    share: z.number().min(0, SHARE_RANGE).max(1, SHARE_RANGE),
    year: z.number().int(FOUR_DIGIT_YEAR).min(1000, FOUR_DIGIT_YEAR).max(9999, FOUR_DIGIT_YEAR),
    source: z.string().min(1),
    domain: domainSchema,
    /** Shown beside these role groups' rows; without, beside the organization's and its departments' rows. */
    roleGroups: z.array(idSchema).min(1).optional(),
  })
  .strict();

/** Reference lines beside a group's figure: national rates measured with the same item, and the organization's own. */
export const referenceRatesSchema = z
  .object({ national: z.boolean().default(true), own: z.array(ownReferenceSchema).default([]) })
  .strict()
  .prefault({});

export const leaderSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  email: z.email('not an email address').transform((e) => e.toLowerCase()),
  /** Departments this leader oversees; children are included automatically. */
  departments: z.array(idSchema).default([]),
  /** The leader a persistent hotspot escalates to. */
  reportsTo: idSchema.optional(),
  /** Executives get the organization-wide summary. */
  executive: z.boolean().default(false),
  /** The language of this leader's digests and dashboard. */
  locale: z._default(localeSchema, 'en'),
});

export const supportResourceSchema = z.object({
  label: looseLocalizedTextSchema,
  detail: looseLocalizedTextSchema,
  /** A number to call, shown as a tap-to-call link that never breaks across lines. */
  phone: z
    .string()
    .regex(/^\+?[0-9](?:[0-9 -]{0,18}[0-9])?$/, 'digits, with spaces or dashes between them and an optional leading +, e.g. "1-800-555-0142" or "988"')
    .optional(),
  url: z.url().optional(),
});

/** Staff's own words: who may read them, and where they may go. */
export const DEFAULT_COMMENT_MIN_RESPONDENTS = 10;
export const commentsSchema = z
  .object({
    /** Off, the pulse asks for no comment and none is stored. */
    enabled: z.boolean().default(true),
    /**
     * The fewest people who answered a group for its comments to be shown (never below k): a
     * comment is easier to trace to its writer than a count.
     */
    minRespondents: z.number().int().min(MIN_K).max(1000).default(DEFAULT_COMMENT_MIN_RESPONDENTS),
    /** Whether leaders may download comments as CSV (a file travels further than a page). */
    csv: z.boolean().default(false),
  })
  .strict()
  .prefault({});

const SENDER_MISSING =
  'required: leaders\' digests are sent from channels.email.from, even with email pulses off; add it, an address on a domain you verify in SES ("enabled": false keeps email pulses to staff off)';

/** Email: the sender every organization needs, and whether staff get their pulses by email too. */
export const emailChannelSchema = z
  .object(
    {
      /** Pulses to staff by email. Leaders' digests go by email whatever this says. */
      enabled: z.boolean().default(true),
      /** The sender of pulses and of leaders' digests: an address on a domain verified in SES. */
      from: z.email({
        error: (issue) =>
          issue.input === undefined
            ? "required: leaders' digests are sent from this address, even with email pulses off; add channels.email.from, an address on a domain you verify in SES"
            : 'not an email address',
      }),
      /** Stay under the account's SES sending rate (sandbox: 1 per second). */
      maxPerSecond: z.number().min(0.1).max(1000).default(DEFAULT_SEND_RATES.email),
      /**
       * The SES identity of the sender's domain. `create` (the default): deploying makes it in
       * a stack of its own, shared by every organization sending from that domain in the
       * account and kept when their stacks are destroyed. `existing`: the domain is verified
       * in SES already (for another system, say), and the stack only uses it.
       */
      identity: z.enum(['create', 'existing']).default('create'),
    },
    { error: (issue) => (issue.input === undefined ? SENDER_MISSING : undefined) },
  )
  .strict();

export const smsChannelSchema = z
  .object({
    /** Off, no text message goes out, whatever channel the roster gives a person. */
    enabled: z.boolean().default(false),
    /** Toll-free numbers in the US manage about 3 message parts per second. */
    maxPerSecond: z.number().min(0.1).max(1000).default(DEFAULT_SEND_RATES.sms),
    /**
     * Refused: SNS keeps one SMS spend cap per account and region, shared by every
     * organization there, so no organization's stack may set it (docs/deploy.md says how).
     */
    monthlySpendLimitUsd: z
      .undefined({
        error:
          'the SMS spend cap is one setting for the whole AWS account and region, shared by every organization deployed there, so a stack no longer sets it: remove this key and set the cap once per account (aws sns set-sms-attributes --attributes MonthlySpendLimit=<USD>; docs/deploy.md)',
      })
      .optional(),
  })
  .strict();

export const orgConfigSchema = z
  .object({
    /** The JSON Schema an editor checks this file against (orgs/org.schema.json, from `npm run schema`). */
    $schema: z.string().optional(),
    id: idSchema,
    name: z.string().min(1),
    timeZone: timeZoneSchema,
    locales: z
      .array(localeSchema)
      .min(1)
      .default([...LOCALES]),
    defaultLocale: z._default(localeSchema, 'en'),
    /** Minimum responses for any figure to be shown, and minimum staff for a recorded group. */
    k: z.number().int().min(MIN_K, `k can never be below ${MIN_K}`).default(DEFAULT_K),
    departments: z.array(departmentSchema).min(1),
    roleGroups: z.array(roleGroupSchema).min(1),
    leaders: z.array(leaderSchema).default([]),
    thresholds: z
      .object(Object.fromEntries(DOMAINS.map((d) => [d, z.number().gt(0).lt(1).optional()])) as Record<Domain, z.ZodOptional<z.ZodNumber>>)
      .strict()
      .default({})
      .transform((given) => ({ ...DEFAULT_THRESHOLDS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) })),
    cadence: z
      .object({
        every: z.enum(['week', '2weeks', 'month']).default('2weeks'),
        openDay: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']).default('tue'),
        openAt: clockTimeSchema.default('10:00'),
        openForDays: z.number().int().min(1).max(14).default(5),
        remindAfterDays: z.number().int().min(1).max(13).default(3),
      })
      .strict()
      .default({ every: '2weeks', openDay: 'tue', openAt: '10:00', openForDays: 5, remindAfterDays: 3 })
      .refine((c) => c.remindAfterDays < c.openForDays, {
        message: 'remindAfterDays must fall before the wave closes (less than openForDays)',
        path: ['remindAfterDays'],
      }),
    /** A short name for SMS, where every character counts (at most 24). */
    shortName: z.string().min(1).max(24).optional(),
    /** Country assumed for roster phone numbers written without +country code (ISO 3166 alpha-2). */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a two-letter country code such as "US"')
      .default('US'),
    channels: z
      .object({ email: emailChannelSchema, sms: smsChannelSchema.optional() }, { error: (issue) => (issue.input === undefined ? SENDER_MISSING : undefined) })
      .strict(),
    /**
     * Suggested actions per hotspot kind, shown in digests and on dashboards, as written in
     * every language; a kind left out gets the defaults in the leader's language
     * (shared/words), from what has helped elsewhere.
     */
    actions: z
      .object(
        Object.fromEntries(DOMAINS.map((d) => [d, z.array(z.string().min(1)).min(1).optional()])) as Record<Domain, z.ZodOptional<z.ZodArray<z.ZodString>>>,
      )
      .strict()
      .default({}),
    /** A hotspot that lasts this many waves in a row is also sent to the leader's own leader. */
    escalateAfterWaves: z.number().int().min(2).max(12).default(3),
    /**
     * Days after a pulse's digest within which a hotspot should have an action; one without,
     * and an action past its target date, go to the leader's own leader in their next digest.
     */
    actionDueDays: z.number().int().min(1).max(90).default(14),
    /** Shown after answering: where to turn for help now. */
    supportResources: z.array(supportResourceSchema).default([]),
    comments: commentsSchema,
    instrument: z._default(instrumentSchema, DEFAULT_INSTRUMENT),
    referenceRates: referenceRatesSchema,
    /** How this organization's stack is deployed (`cdk deploy -c org=<name>`). */
    deploy: deploySchema,
  })
  .strict()
  .superRefine((org, ctx) => {
    const duplicate = (ids: string[]) => ids.find((id, index) => ids.indexOf(id) !== index);
    const departmentIds = org.departments.map((d) => d.id);
    const dupDept = duplicate(departmentIds);
    if (dupDept) ctx.addIssue({ code: 'custom', path: ['departments'], message: `department "${dupDept}" is listed twice` });
    const dupRole = duplicate(org.roleGroups.map((r) => r.id));
    if (dupRole) ctx.addIssue({ code: 'custom', path: ['roleGroups'], message: `role group "${dupRole}" is listed twice` });
    const leaderIds = org.leaders.map((l) => l.id);
    const dupLeader = duplicate(leaderIds);
    if (dupLeader) ctx.addIssue({ code: 'custom', path: ['leaders'], message: `leader "${dupLeader}" is listed twice` });
    const dupReference = duplicate(org.referenceRates.own.map((r) => r.id));
    if (dupReference) ctx.addIssue({ code: 'custom', path: ['referenceRates', 'own'], message: `reference "${dupReference}" is listed twice` });
    if (org.comments.minRespondents < org.k) {
      ctx.addIssue({
        code: 'custom',
        path: ['comments', 'minRespondents'],
        message: `${org.comments.minRespondents} is below k (${org.k}): comments are never shown to a group smaller than its figures; raise it to at least ${org.k}`,
      });
    }
    if (!org.locales.includes(org.defaultLocale)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLocale'], message: `"${org.defaultLocale}" is not in locales` });
    }

    const known = new Set(departmentIds);
    org.departments.forEach((department, index) => {
      if (department.parent === undefined) return;
      if (!known.has(department.parent)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'parent'], message: `unknown department "${department.parent}"` });
        return;
      }
      const seen = new Set([department.id]);
      let cursor: string | undefined = department.parent;
      while (cursor !== undefined) {
        if (seen.has(cursor)) {
          ctx.addIssue({ code: 'custom', path: ['departments', index, 'parent'], message: `departments form a cycle through "${cursor}"` });
          return;
        }
        seen.add(cursor);
        cursor = org.departments.find((d) => d.id === cursor)?.parent;
      }
    });
    org.leaders.forEach((leader, index) => {
      leader.departments.forEach((departmentId, d) => {
        if (!known.has(departmentId))
          ctx.addIssue({ code: 'custom', path: ['leaders', index, 'departments', d], message: `unknown department "${departmentId}"` });
      });
      if (leader.reportsTo !== undefined && !leaderIds.includes(leader.reportsTo)) {
        ctx.addIssue({ code: 'custom', path: ['leaders', index, 'reportsTo'], message: `unknown leader "${leader.reportsTo}"` });
      }
    });
    const roleGroupIds = new Set(org.roleGroups.map((r) => r.id));
    org.referenceRates.own.forEach((reference, index) => {
      reference.roleGroups?.forEach((roleGroup, r) => {
        if (!roleGroupIds.has(roleGroup))
          ctx.addIssue({ code: 'custom', path: ['referenceRates', 'own', index, 'roleGroups', r], message: `unknown role group "${roleGroup}"` });
      });
    });
  });

export type OrgConfig = z.infer<typeof orgConfigSchema>;
export type OrgConfigInput = z.input<typeof orgConfigSchema>;
export type Department = OrgConfig['departments'][number];
