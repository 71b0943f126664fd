import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { actionNewsSchema } from './action-news.js';
import { itemSchema } from './instrument.js';
import type { Locale } from './locale.js';
import { CARD_ROLE } from './recording-units.js';
import { CHANNELS } from './staff.js';

/** A wave's id: the day it opened and its number that day, `w20261124-01`. */
export const WAVE_ID = /^w[0-9]{8}-[0-9]{2}$/;

/** DynamoDB string sets come back as Set; an empty set is simply absent. Built inside waveSchema, so its parse goes through no proxy. */
const stringSet = () =>
  z.pipe(
    z.transform((value: unknown) => (value instanceof Set ? [...(value as Set<unknown>)] : (value ?? []))),
    z.array(z.string()),
  );

/** A pulse wave: one period in which everyone on the roster gets one link. */
export const waveSchema = lazySchema(() =>
  z.object({
    id: z.string().check(z.regex(WAVE_ID)),
    sequence: z.int().check(z.minimum(0)),
    status: z.enum(['open', 'closed']),
    openedAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    instrumentVersion: z.string(),
    /** The items asked, frozen at open so later config edits cannot change a running wave. */
    items: z.array(itemSchema).check(z.minLength(1)),
    /** Staff per recording unit (`department/roleGroup`) at open, for response rates. */
    staffPerUnit: z.record(z.string(), z.int().check(z.minimum(0))),
    /** The recording plan frozen at open: a person's `department/role` -> unit `department/roleGroup`. */
    units: z.record(z.string(), z.string()),
    /** Set by `wave remind`; departments then get a reminder as their send window allows. */
    reminderRequested: z._default(z.boolean(), false),
    /** Departments whose staff have been queued a message, per kind (stored as string sets). */
    dispatchedInvite: stringSet(),
    dispatchedReminder: stringSet(),
    closedAt: z.optional(z.iso.datetime()),
    /** Chunks of the counts frozen at close (table.ts, frozenChunk); absent for waves closed before freezing existed. */
    frozenChunks: z.optional(z.int().check(z.minimum(0))),
    /** "You said, we did", frozen at open: per department, actions logged or updated since the previous wave opened. */
    news: z._default(z.record(z.string(), z.array(actionNewsSchema)), {}),
    /** Links issued, printed cards included. */
    issued: z.int().check(z.minimum(0)),
    /** Printed one-time cards issued per department at open (absent: none). */
    cards: z.optional(z.record(z.string(), z.int().check(z.minimum(1)))),
    /**
     * The k the wave opened with: a unit's answers are counted only once that many of its people
     * were sent a link (shared/domain/reach.ts). Absent for waves opened before sends were counted.
     */
    reachK: z.optional(z.int().check(z.minimum(1))),
    /**
     * The fewest respondents a group's comments needed when the wave opened, as its pages told
     * staff: a later, lower setting does not apply to what they wrote. Absent before comments.
     */
    commentMinRespondents: z.optional(z.int().check(z.minimum(1))),
    /** Answers counted, organization-wide, written at close (absent while open, and for waves closed before it was kept). */
    responses: z.optional(z.int().check(z.minimum(0))),
  }),
);
export type Wave = z.infer<typeof waveSchema>;

/**
 * One message to send: a person's link for one wave, of one kind, on one channel. Carries no
 * contact and no token. Each channel has a queue and a sender of its own.
 */
export const deliverySchema = lazySchema(() =>
  z.object({
    waveId: z.string().check(z.minLength(1)),
    staffId: z.string().check(z.minLength(1)),
    kind: z.enum(['invite', 'reminder']),
    channel: z.enum(CHANNELS),
  }),
);
export type Delivery = z.infer<typeof deliverySchema>;
export type DeliveryKind = Delivery['kind'];

/** A wave id that sorts by opening date and tells a person when it was: `w20261124-01`. */
export function waveIdFor(openedAt: Date, sameDayIndex = 1): string {
  const day = openedAt.toISOString().slice(0, 10).replaceAll('-', '');
  return `w${day}-${String(sameDayIndex).padStart(2, '0')}`;
}

/**
 * What a department's printed card number `index` (from 1) derives its token from, as a
 * person's staff id does. Staff ids are hex digests, never holding a colon, so no card's
 * token is anyone's link.
 */
export function cardId(department: string, index: number): string {
  return `card:${department}:${index}`;
}

/**
 * Printed cards per recording unit, from the wave's frozen plan: a card is in someone's hand
 * from the moment it is printed, so its unit counts it as reached from the start.
 */
export function cardsPerUnit(wave: Pick<Wave, 'cards' | 'units'>): Map<string, number> {
  const perUnit = new Map<string, number>();
  for (const [department, count] of Object.entries(wave.cards ?? {})) {
    const unit = wave.units[`${department}/${CARD_ROLE}`];
    if (unit !== undefined) perUnit.set(unit, (perUnit.get(unit) ?? 0) + count);
  }
  return perUnit;
}

/**
 * The calendar days a pulse runs, in the organization's time zone and the reader's language:
 * "December 1 – 6, 2026". `join`, when a language words a range itself, takes the place of
 * the dash between the two ends ("1 al 6 de diciembre de 2026").
 */
export function pulseDays(wave: Pick<Wave, 'openedAt' | 'closesAt'>, timeZone: string, locale: Locale, join?: string): string {
  const format = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  // A pulse closing at midnight ended the day before.
  const parts = format.formatRangeToParts(new Date(wave.openedAt), new Date(Date.parse(wave.closesAt) - 1));
  const dash = parts.findIndex(
    (part, index) => part.source === 'shared' && parts[index - 1]?.source === 'startRange' && parts[index + 1]?.source === 'endRange',
  );
  return parts.map((part, index) => (index === dash && join !== undefined ? join : part.value)).join('');
}

/** Token items outlive the wave so a late click says "closed" rather than "unknown". */
const TOKEN_RETENTION_AFTER_CLOSE_DAYS = 30;

/** When every token of a wave expires (epoch seconds): one value per wave, so it sets nobody apart. */
export function tokenExpiresAt(wave: Pick<Wave, 'closesAt'>): number {
  return Math.floor((Date.parse(wave.closesAt) + TOKEN_RETENTION_AFTER_CLOSE_DAYS * 24 * 60 * 60 * 1000) / 1000);
}

/** The closed waves among `waves`, the newest first. */
export function closedNewestFirst(waves: readonly Wave[]): Wave[] {
  return waves.filter((w) => w.status === 'closed').sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}

/** Whether answers to this wave may still be accepted at `now`. */
export function acceptsAnswers(wave: Wave, now: Date): boolean {
  return wave.status === 'open' && now.getTime() < Date.parse(wave.closesAt);
}

/**
 * What the database holds for one issued link: never who it was issued to, and nothing
 * that fewer than k people of the wave share (no language, no per-person expiry).
 */
export const tokenRecordSchema = lazySchema(() =>
  z.object({
    waveId: z.string(),
    /** The recording unit (see recording-units.ts), not necessarily the person's own unit. */
    department: z.string(),
    roleGroup: z.string(),
    state: z.enum(['issued', 'used']),
    /** Epoch seconds; also the table's TTL attribute. */
    expiresAt: z.int(),
  }),
);
export type TokenRecord = z.infer<typeof tokenRecordSchema>;
