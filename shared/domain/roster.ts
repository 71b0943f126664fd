import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import * as z from 'zod';
import type { OrgConfig } from './org-config.js';
import type { Staff } from './staff.js';
import { newToken } from './tokens.js';

/** The roster file's columns, in order. */
export const ROSTER_COLUMNS = ['email', 'phone', 'department', 'role', 'locale', 'channel'] as const;

/** One problem in a roster file, for `file:line: field: reason`. */
export interface RosterProblem {
  line: number;
  field: string;
  reason: string;
}

/** A valid roster row, normalized: lower-case email, E.164 phone. */
export interface RosterRow {
  line: number;
  staff: Omit<Staff, 'active' | 'emailOptOut' | 'smsOptOut' | 'unsubscribeToken'>;
}

/**
 * A person's id on the roster: derived from their normalized primary contact (email, else
 * phone), so re-importing the same person updates them in place.
 */
export function staffIdFor(email: string | undefined, phone: string | undefined): string {
  return createHash('sha256').update(`staff|${email ?? phone ?? ''}`).digest('hex').slice(0, 24);
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
  const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);
  return z
    .object({
      email: z.preprocess(blankToUndefined, z.email('not an email address').transform((e) => e.toLowerCase()).optional()),
      phone: z.preprocess(
        blankToUndefined,
        z
          .string()
          .transform((raw, ctx) => {
            const parsed = parsePhoneNumberFromString(raw, org.defaultCountry as CountryCode);
            if (!parsed || !parsed.isValid()) {
              ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid phone number (write it with +country code, or as a ${org.defaultCountry} number)` });
              return z.NEVER;
            }
            return parsed.number;
          })
          .optional(),
      ),
      department: z.preprocess(blankToUndefined, z.string({ error: 'missing' }).refine((d) => departments.has(d), { error: (issue) => `unknown department "${String(issue.input)}"; known: ${[...departments].join(', ')}` })),
      role: z.preprocess(blankToUndefined, z.string({ error: 'missing' }).refine((r) => roles.has(r), { error: (issue) => `unknown role "${String(issue.input)}"; known: ${[...roles].join(', ')}` })),
      locale: z.preprocess(blankToUndefined, z.enum(org.locales as [string, ...string[]], { error: `use one of ${org.locales.join(', ')}` }).optional()),
      channel: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['email', 'sms', 'both'], { error: 'use email, sms or both' })),
    })
    .superRefine((row, ctx) => {
      if ((row.channel === 'email' || row.channel === 'both') && !row.email) ctx.addIssue({ code: 'custom', path: ['email'], message: `missing, but channel is ${row.channel}` });
      if ((row.channel === 'sms' || row.channel === 'both') && !row.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: `missing, but channel is ${row.channel}` });
    });
}

/**
 * Parses and checks a roster CSV. Every problem is reported, with its line and field;
 * the caller imports nothing unless there are none.
 */
export function parseRoster(text: string, org: OrgConfig): { rows: RosterRow[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') return { rows: [], problems: [{ line: 1, field: 'file', reason: `the file is empty; it needs a header row: ${ROSTER_COLUMNS.join(',')}` }] };

  const headerLine = content.split(/\r?\n/, 1)[0]!;
  const header = headerLine.split(',').map((h) => h.trim().toLowerCase());
  if (header.length === 1 && /[;\t|]/.test(headerLine)) {
    const found = headerLine.includes(';') ? 'semicolons' : headerLine.includes('\t') ? 'tabs' : 'pipes';
    return { rows: [], problems: [{ line: 1, field: 'header', reason: `columns are separated by ${found}; save the file as comma-separated CSV` }] };
  }
  const missing = ROSTER_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(ROSTER_COLUMNS as readonly string[]).includes(h));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '', unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : ''].filter(Boolean);
    return { rows: [], problems: [{ line: 1, field: 'header', reason: `${parts.join('; ')}; the header must be: ${ROSTER_COLUMNS.join(',')}` }] };
  }

  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), info: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = error instanceof Error && 'lines' in error && typeof error.lines === 'number' ? error.lines : 1;
    return { rows: [], problems: [{ line, field: 'file', reason: `not valid CSV (${error instanceof Error ? error.message : String(error)})` }] };
  }

  const schema = rowSchema(org);
  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, field: String(issue.path[0] ?? 'row'), reason: issue.message });
      continue;
    }
    const row = parsed.data;
    let duplicate = false;
    for (const [field, contact] of [['email', row.email], ['phone', row.phone]] as const) {
      if (!contact) continue;
      const earlier = seen.get(contact);
      if (earlier !== undefined) {
        problems.push({ line, field, reason: `${contact} is already on line ${earlier}; each person appears once` });
        duplicate = true;
      } else seen.set(contact, line);
    }
    if (duplicate) continue;
    rows.push({
      line,
      staff: {
        id: staffIdFor(row.email, row.phone),
        ...(row.email ? { email: row.email } : {}),
        ...(row.phone ? { phone: row.phone } : {}),
        department: row.department,
        roleGroup: row.role,
        locale: (row.locale ?? org.defaultLocale) as Staff['locale'],
        channel: row.channel,
      },
    });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 2, field: 'file', reason: 'the file has a header but no staff rows' });
  return { rows, problems };
}

/** What a re-import changes, before anything is written. */
export interface RosterChanges {
  added: Staff[];
  updated: Staff[];
  reactivated: Staff[];
  deactivated: Staff[];
  unchanged: number;
}

/**
 * Compares the file with the stored roster. People are matched by id (their normalized
 * contact); opt-outs survive a re-import; people missing from the file are deactivated,
 * never deleted, so their history of opt-outs stays.
 */
export function planRosterChanges(rows: readonly RosterRow[], existing: readonly Staff[]): RosterChanges {
  const stored = new Map(existing.map((s) => [s.id, s]));
  const changes: RosterChanges = { added: [], updated: [], reactivated: [], deactivated: [], unchanged: 0 };
  const inFile = new Set<string>();
  for (const { staff } of rows) {
    inFile.add(staff.id);
    const before = stored.get(staff.id);
    if (!before) {
      changes.added.push({ ...staff, active: true, emailOptOut: false, smsOptOut: false, unsubscribeToken: newToken() });
      continue;
    }
    const after: Staff = { ...before, ...staff, active: true };
    const same = (['email', 'phone', 'department', 'roleGroup', 'locale', 'channel'] as const).every((key) => before[key] === after[key]);
    if (!before.active) changes.reactivated.push(after);
    else if (!same) changes.updated.push(after);
    else changes.unchanged++;
  }
  for (const staff of existing) if (staff.active && !inFile.has(staff.id)) changes.deactivated.push({ ...staff, active: false });
  return changes;
}
