import { createHash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import * as z from 'zod';
import type { OrgConfig } from './org-config.js';
import type { Staff } from './staff.js';
import { newToken } from './tokens.js';

/** The roster file's columns, in order. */
export const ROSTER_COLUMNS = ['email', 'phone', 'department', 'role', 'locale', 'channel'] as const;
type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** One problem in a roster file, for `file:line: field: reason`. */
export interface RosterProblem {
  line: number;
  field: string;
  reason: string;
}

/** A person as a valid roster row gives them, normalized: lower-case email, E.164 phone. */
export type RosterPerson = Pick<Staff, 'id' | 'email' | 'phone' | 'department' | 'roleGroup' | 'locale' | 'channel'>;

/** What reading a roster file yields, in file order: a valid row's person, or a problem. */
export type RosterEntry = { kind: 'person'; line: number; person: RosterPerson } | ({ kind: 'problem' } & RosterProblem);

/** A roster file's bytes or text, in chunks: a file stream, or a whole text in one. */
export type RosterChunks = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * A person's id on the roster: derived from their normalized primary contact (email, else
 * phone) when they are first imported, so re-importing the same person updates them in
 * place. It stays theirs when that contact changes: the import finds them by the contact
 * they kept (shared/use-cases/import-roster.ts).
 */
export function staffIdFor(email: string | undefined, phone: string | undefined): string {
  return createHash('sha256')
    .update(`staff|${email ?? phone ?? ''}`)
    .digest('hex')
    .slice(0, 24);
}

/**
 * A contact as an admin types it, normalized the way roster rows are: an email in lower
 * case, or a phone number in E.164 (read with the org's default country). Undefined when
 * it is neither.
 */
export function normalizeContact(raw: string, defaultCountry: string): { email: string } | { phone: string } | undefined {
  const trimmed = raw.trim();
  if (trimmed.includes('@')) {
    const email = z.email().safeParse(trimmed.toLowerCase());
    return email.success ? { email: email.data } : undefined;
  }
  const phone = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  return phone?.isValid() ? { phone: phone.number } : undefined;
}

function rowSchema(org: OrgConfig) {
  const departments = new Set(org.departments.map((d) => d.id));
  const roles = new Set(org.roleGroups.map((r) => r.id));
  const blankToUndefined = (value: unknown) =>
    typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;
  return z
    .object({
      email: z.preprocess(
        blankToUndefined,
        z
          .email('not an email address')
          .transform((e) => e.toLowerCase())
          .optional(),
      ),
      phone: z.preprocess(
        blankToUndefined,
        z
          .string()
          .transform((raw, ctx) => {
            const parsed = parsePhoneNumberFromString(raw, org.defaultCountry as CountryCode);
            if (!parsed || !parsed.isValid()) {
              ctx.addIssue({
                code: 'custom',
                message: `"${raw}" is not a valid phone number (write it with +country code, or as a ${org.defaultCountry} number)`,
              });
              return z.NEVER;
            }
            return parsed.number;
          })
          .optional(),
      ),
      department: z.preprocess(
        blankToUndefined,
        z
          .string({ error: 'missing' })
          .refine((d) => departments.has(d), { error: (issue) => `unknown department "${String(issue.input)}"; known: ${[...departments].join(', ')}` }),
      ),
      role: z.preprocess(
        blankToUndefined,
        z
          .string({ error: 'missing' })
          .refine((r) => roles.has(r), { error: (issue) => `unknown role "${String(issue.input)}"; known: ${[...roles].join(', ')}` }),
      ),
      locale: z.preprocess(blankToUndefined, z.enum(org.locales as [string, ...string[]], { error: `use one of ${org.locales.join(', ')}` }).optional()),
      channel: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['email', 'sms', 'both'], { error: 'use email, sms or both' })),
    })
    .superRefine((row, ctx) => {
      if ((row.channel === 'email' || row.channel === 'both') && !row.email)
        ctx.addIssue({ code: 'custom', path: ['email'], message: `missing, but channel is ${row.channel}` });
      if ((row.channel === 'sms' || row.channel === 'both') && !row.phone)
        ctx.addIssue({ code: 'custom', path: ['phone'], message: `missing, but channel is ${row.channel}` });
    });
}

/** Where each column is in a roster file, from its header row (names trimmed); or what is wrong with it. */
export function readRosterHeader(fields: readonly string[]): { columns: Record<RosterColumn, number> } | { problem: RosterProblem } {
  const header = fields.map((h) => h.trim().toLowerCase());
  const atHeader = (reason: string) => ({ problem: { line: 1, field: 'header', reason } });
  if (header.length === 1 && /[;\t|]/.test(header[0]!)) {
    const found = header[0]!.includes(';') ? 'semicolons' : header[0]!.includes('\t') ? 'tabs' : 'pipes';
    return atHeader(`columns are separated by ${found}; save the file as comma-separated CSV`);
  }
  const missing = ROSTER_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(ROSTER_COLUMNS as readonly string[]).includes(h));
  const repeated = ROSTER_COLUMNS.filter((c) => header.indexOf(c) !== header.lastIndexOf(c));
  if (missing.length > 0 || unknown.length > 0 || repeated.length > 0) {
    const plural = (names: readonly string[]) => `column${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
    const parts = [
      missing.length ? `missing ${plural(missing)}` : '',
      unknown.length ? `unknown ${plural(unknown)}` : '',
      repeated.length ? `repeated ${plural(repeated)}` : '',
    ].filter(Boolean);
    return atHeader(`${parts.join('; ')}; the header must be: ${ROSTER_COLUMNS.join(',')}`);
  }
  return { columns: Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<RosterColumn, number> };
}

/**
 * Reads a roster CSV as it streams in and checks each row on its own: yields every valid
 * row's person and every problem, in file order, holding only the rows of a small piece of
 * the file at once. A header problem or malformed CSV ends the reading, since no later line
 * can be read with confidence. People listed twice are found by `findRepeatedContacts`,
 * which needs memory.
 */
export async function* readRoster(chunks: RosterChunks, org: OrgConfig): AsyncGenerator<RosterEntry> {
  const records: AsyncIterable<{ record: string[]; info: { lines: number } }> = pipeline(
    Readable.from(inPieces(chunks)),
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
    () => {
      // Nothing to do: the pipeline destroys the parser with any error, and the loop below throws it.
    },
  );
  const schema = rowSchema(org);
  let columns: Record<RosterColumn, number> | undefined;
  let rows = 0;
  try {
    for await (const { record, info } of records) {
      const line = info.lines;
      if (!columns) {
        const header = readRosterHeader(record);
        if ('problem' in header) {
          yield { kind: 'problem', ...header.problem };
          return;
        }
        columns = header.columns;
        continue;
      }
      rows++;
      if (record.length !== ROSTER_COLUMNS.length) {
        yield {
          kind: 'problem',
          line,
          field: 'row',
          reason: `${record.length} columns, but the header has ${ROSTER_COLUMNS.length}; a comma inside a value needs the value in "double quotes"`,
        };
        continue;
      }
      const parsed = schema.safeParse(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, record[columns![c]]])));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) yield { kind: 'problem', line, field: String(issue.path[0] ?? 'row'), reason: issue.message };
        continue;
      }
      const row = parsed.data;
      yield {
        kind: 'person',
        line,
        person: {
          id: staffIdFor(row.email, row.phone),
          ...(row.email ? { email: row.email } : {}),
          ...(row.phone ? { phone: row.phone } : {}),
          department: row.department,
          roleGroup: row.role,
          locale: (row.locale ?? org.defaultLocale) as Staff['locale'],
          channel: row.channel,
        },
      };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    yield { kind: 'problem', line: typeof error.lines === 'number' ? error.lines : 1, field: 'file', reason: `not valid CSV (${error.message})` };
    return;
  }
  if (!columns) yield { kind: 'problem', line: 1, field: 'file', reason: `the file is empty; it needs a header row: ${ROSTER_COLUMNS.join(',')}` };
  else if (rows === 0) yield { kind: 'problem', line: 2, field: 'file', reason: 'the file has a header but no staff rows' };
}

/**
 * The parser turns a whole piece into rows before the first is checked, so small pieces keep
 * few rows waiting, however large the chunks a caller hands in (a whole file as one text).
 */
const PIECE_BYTES = 16 * 1024;

async function* inPieces(chunks: RosterChunks): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of chunks) {
    // Cut as bytes, never inside a character's UTF-16 pair; the parser joins characters cut in bytes.
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    for (let start = 0; start < bytes.length; start += PIECE_BYTES) yield bytes.subarray(start, start + PIECE_BYTES);
  }
}

/**
 * Finds people listed twice in one file, by either contact. Holds each contact seen with its
 * line, and nothing else, so a large file costs a map of strings rather than its rows.
 */
export function findRepeatedContacts(seen = new Map<string, number>()): (line: number, person: Pick<RosterPerson, 'email' | 'phone'>) => RosterProblem[] {
  return (line, person) => {
    const problems: RosterProblem[] = [];
    for (const [field, contact] of [
      ['email', person.email],
      ['phone', person.phone],
    ] as const) {
      if (!contact) continue;
      const earlier = seen.get(contact);
      if (earlier !== undefined) problems.push({ line, field, reason: `${contact} is already on line ${earlier}; each person appears once` });
      else seen.set(contact, line);
    }
    return problems;
  };
}

/**
 * What an import keeps of someone already on the roster: enough to tell whether their row
 * changed, a fraction of the whole person. Opt-outs and the unsubscribe link are not kept:
 * an import never writes them, so a copy could only go stale.
 */
export interface StoredPerson {
  department: string;
  /** `rosterFingerprint` of what they were stored with. */
  fingerprint: string;
  active: boolean;
}

/** The fields a roster row sets, hashed: equal exactly when a re-import would change nothing. */
export function rosterFingerprint(person: RosterPerson): string {
  const fields = [person.email ?? null, person.phone ?? null, person.department, person.roleGroup, person.locale, person.channel];
  // 96 bits: a chance collision between a person's old and new row is not worth a thought.
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url').slice(0, 16);
}

export function storedPerson(staff: Staff): StoredPerson {
  return { department: staff.department, fingerprint: rosterFingerprint(staff), active: staff.active };
}

/**
 * What importing one row does to its person: a new person whole, or, for someone already
 * on the roster, only what the row sets.
 */
export type RosterChange = { kind: 'unchanged' } | { kind: 'added'; staff: Staff } | { kind: 'updated' | 'reactivated'; person: RosterPerson };

/**
 * Compares a row with the person stored under its id (their normalized contact). The file
 * is the roster: what the row says replaces what was stored, a contact left out included.
 * Opt-outs and the unsubscribe link are the person's alone, so a change to someone already
 * stored carries none: the store sets the row's fields and leaves those as they are then,
 * not as they were when the import read them.
 */
export function rosterChange(person: RosterPerson, stored: StoredPerson | undefined): RosterChange {
  if (!stored) return { kind: 'added', staff: { ...person, active: true, emailOptOut: false, smsOptOut: false, unsubscribeToken: newToken() } };
  if (!stored.active) return { kind: 'reactivated', person };
  if (stored.fingerprint !== rosterFingerprint(person)) return { kind: 'updated', person };
  return { kind: 'unchanged' };
}
