import * as z from 'zod/mini';
import { ACTION_STATUSES } from './action-news.js';
import { DOMAINS } from './instrument.js';
import { lazySchema } from './lazy-schema.js';
import type { Locale } from './locale.js';
import { WORDS } from '../words/words.js';

/**
 * What a leader sends to log or change an action, checked in the leader's language: the
 * dashboard shows each problem beside the form as written here.
 */

/**
 * Seven or more digits in one run of phone punctuation, once dates are set aside. A regular
 * expression rather than libphonenumber: its metadata would add hundreds of kilobytes to the API
 * bundle that serves every pulse page, for a check that only needs to be cautious.
 */
const PHONE_LIKE = /(?:\+?\d[\s().-]{0,3}){7,}/;
/** Line breaks, other control characters and bidirectional overrides: a title is one plain line. */
const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(com|org|net|io|gov|edu|us)\b/i;
const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

function schemasFor(locale: Locale) {
  const problem = WORDS[locale].leader.actionProblems;
  const calendarDate = z.iso.date({ error: problem.date });
  /**
   * A title staff will read on their pulse page: short, and with no way to reach a person.
   * Names cannot be recognized reliably, so the form says not to use them; email addresses
   * and phone numbers are refused outright.
   */
  const title = z.string({ error: problem.tooShort }).check(
    z.trim(),
    z.minLength(3, problem.tooShort),
    z.maxLength(120, problem.tooLong),
    z.refine((text) => !/\S+@\S+/.test(text), problem.email),
    z.refine((text) => !PHONE_LIKE.test(text.replace(DATE, ' ')), problem.phone),
    z.refine((text) => !CONTROL.test(text), problem.control),
    // Staff find it in the pulse email: a link there could send them to answer somewhere else.
    z.refine((text) => !LINK.test(text), problem.link),
  );
  const status = z.enum(ACTION_STATUSES, { error: problem.status });
  // A field the form never has is refused, not dropped (strictObject): what was sent is what is saved.
  const unknownField = {
    error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? problem.unknownField(issue.keys ?? []) : undefined),
  };
  const newAction = z
    .strictObject(
      {
        department: z.string({ error: problem.chooseDepartment }).check(z.minLength(1, problem.chooseDepartment)),
        kind: z.enum(DOMAINS, { error: problem.kind }),
        title,
        // The title as the leader wrote it, in their language, and optionally in the other.
        titleEs: z.optional(title),
        titleEn: z.optional(title),
        status: z._default(status, 'planned'),
        targetOn: z.optional(calendarDate),
        doneOn: z.optional(calendarDate),
      },
      unknownField,
    )
    .check(z.refine((a) => a.doneOn === undefined || a.status === 'done', { message: problem.doneDateNeedsDone, path: ['doneOn'] }));
  const change = z
    .strictObject(
      {
        status: z.optional(status),
        targetOn: z.optional(calendarDate),
        doneOn: z.optional(calendarDate),
        title: z.optional(title),
        titleEs: z.optional(title),
        titleEn: z.optional(title),
      },
      unknownField,
    )
    .check(z.refine((c) => Object.values(c).some((v) => v !== undefined), { message: problem.nothingToChange }));
  return { calendarDate, title, newAction, change };
}

const built = new Map<Locale, ReturnType<typeof schemasFor>>();
/** The form's schemas with their problems in `locale`, built once per language. */
export function actionFormSchemas(locale: Locale): ReturnType<typeof schemasFor> {
  let schemas = built.get(locale);
  if (!schemas) built.set(locale, (schemas = schemasFor(locale)));
  return schemas;
}

export const calendarDateSchema = lazySchema(() => actionFormSchemas('en').calendarDate);
export const actionTitleSchema = lazySchema(() => actionFormSchemas('en').title);
/** What a leader gives for a new action, from the dashboard form or the CLI. */
export const newActionSchema = lazySchema(() => actionFormSchemas('en').newAction);
export type NewAction = z.input<typeof newActionSchema>;
/** A change to an action: its status and dates, or its wording. */
export const actionChangeSchema = lazySchema(() => actionFormSchemas('en').change);
export type ActionChange = z.input<typeof actionChangeSchema>;
