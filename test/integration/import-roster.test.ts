import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { appendFile, copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../shared/errors.js';
import type { RosterStore } from '../../shared/ports/roster-store.js';
import { staffIdFor } from '../../shared/domain/roster.js';
import type { Staff } from '../../shared/domain/staff.js';
import { importRoster, offChannelWarning } from '../../shared/use-cases/import-roster.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { createTestTable } from '../support/dynamo.js';
import { listRoster } from '../../shared/services/roster-reads.js';
import { removeFromRoster } from '../../shared/use-cases/remove-from-roster.js';
import { dropAfterEach } from '../support/drop-after-each.js';

const track = dropAfterEach();

async function setup() {
  const table = await createTestTable();
  track(table);
  const org = testOrg();
  const file = async (name: string) => ({ file: `rosters/${name}`, text: await readFile(`test/fixtures/rosters/${name}`, 'utf8') });
  const allStaff = () => listRoster({ ...table.stores, org });
  // Every request that writes to the table, by command name.
  const writes: string[] = [];
  table.documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName && /Put|Write|Update|Delete/.test(context.commandName)) writes.push(context.commandName);
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  return { ...table, org, file, allStaff, writes };
}

/**
 * A roster of `rows` people, generated a thousand lines at a time as a file stream would
 * give it; `line` replaces the row on one line of the file.
 */
function generatedRoster(rows: number, options: { line?: [number, string]; skip?: (i: number) => boolean } = {}) {
  const departments = ['clinic', 'ed', 'lab'];
  return function* () {
    yield 'email,phone,department,role,locale,channel\n';
    for (let start = 0; start < rows; start += 1000) {
      let chunk = '';
      for (let i = start; i < Math.min(rows, start + 1000); i++) {
        if (options.skip?.(i)) continue;
        // Row i is on line i + 2, after the header.
        chunk +=
          (options.line?.[0] === i + 2 ? options.line[1] : `person.${i}@big.example,,${departments[i % 3]},${i % 4 ? 'nurse' : 'physician'},en,email`) + '\n';
      }
      yield chunk;
    }
  };
}

/**
 * The store as it is, except that the first time a listing returns one of `ids`, `meanwhile`
 * runs for them before the listing is handed back: what someone else does right after the
 * import has read the roster.
 */
function afterFirstRead(roster: RosterStore, ids: string[], meanwhile: (id: string) => Promise<unknown>): RosterStore {
  const pending = new Set(ids);
  return Object.create(roster, {
    visitAllStaff: {
      value: (visit: (staff: Staff[]) => void | Promise<void>) =>
        roster.visitAllStaff(async (staff) => {
          await visit(staff);
          for (const person of staff) if (pending.delete(person.id)) await meanwhile(person.id);
        }),
    },
  }) as RosterStore;
}

async function problemsOf(s: Awaited<ReturnType<typeof setup>>, name: string): Promise<string[]> {
  try {
    await importRoster(s, await s.file(name));
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

/** The test org with `ed` renamed `emergency` in its file: people stored under `ed` stay on the roster. */
const renamed = () =>
  testOrg({
    departments: [
      { id: 'clinic', name: 'Clinic' },
      { id: 'emergency', name: 'Emergency', parent: 'clinic' },
      { id: 'lab', name: 'Lab', parent: 'clinic' },
    ],
  });

describe('importRoster', () => {
  it('imports a clean file, normalizing emails to lower case and phones to E.164', async () => {
    const s = await setup();
    const result = await importRoster(s, await s.file('good.csv'));
    expect(result.changes.added).toBe(4);
    expect(result.activePerDepartment).toEqual({ clinic: 0, ed: 3, lab: 1 });
    const staff = await s.allStaff();
    expect(
      staff
        .map((p) => p.email)
        .filter(Boolean)
        .sort(),
    ).toEqual(['ana@clinic.example', 'ben@clinic.example', 'dee@clinic.example']);
    expect(
      staff
        .map((p) => p.phone)
        .filter(Boolean)
        .sort(),
    ).toEqual(['+12025550101', '+12025550103', '+12025550104']);
    expect(staff.find((p) => p.phone === '+12025550103')).toMatchObject({ locale: 'en', channel: 'sms', active: true, department: 'lab' });
  });

  it('reads a file saved with a byte-order mark and Windows line endings', async () => {
    const s = await setup();
    const result = await importRoster(s, await s.file('bom.csv'));
    expect(result.rows).toBe(1);
    expect((await s.allStaff())[0]!.email).toBe('ana@clinic.example');
  });

  const refusals: [string, string[]][] = [
    ['empty.csv', ['rosters/empty.csv:1: file: the file is empty; it needs a header row: email,phone,department,role,locale,channel']],
    ['bad-phone.csv', ['rosters/bad-phone.csv:2: phone: "555-12" is not a valid phone number (write it with +country code, or as a US number)']],
    [
      'unknown-department.csv',
      [
        'rosters/unknown-department.csv:3: department: unknown department "radiology"; known: clinic, ed, lab',
        'rosters/unknown-department.csv:4: role: unknown role "janitor"; known: nurse, physician',
      ],
    ],
    [
      'duplicate-contact.csv',
      [
        'rosters/duplicate-contact.csv:3: email: ana@clinic.example is already on line 2; each person appears once',
        'rosters/duplicate-contact.csv:4: phone: +12025550101 is already on line 2; each person appears once',
      ],
    ],
    [
      'missing-header.csv',
      [expect.stringMatching(/^rosters\/missing-header\.csv:1: header: missing columns email, phone, department, role, locale, channel; unknown columns /)],
    ],
    ['semicolons.csv', ['rosters/semicolons.csv:1: header: columns are separated by semicolons; save the file as comma-separated CSV']],
    [
      'bad-fields.csv',
      [
        'rosters/bad-fields.csv:2: phone: missing, but channel is sms',
        'rosters/bad-fields.csv:3: locale: use one of en, es',
        'rosters/bad-fields.csv:3: channel: use email, sms or both',
        'rosters/bad-fields.csv:4: email: not an email address',
      ],
    ],
    ['unbalanced-quote.csv', [expect.stringMatching(/^rosters\/unbalanced-quote\.csv:\d+: file: not valid CSV/)]],
  ];

  for (const [name, expected] of refusals) {
    it(`refuses ${name} with file:line: field: reason for every problem, and imports nothing`, async () => {
      const s = await setup();
      await importRoster(s, await s.file('good.csv'));
      const before = await s.allStaff();
      expect(await problemsOf(s, name)).toEqual(expected);
      expect(await s.allStaff()).toEqual(before);
    });
  }

  it('updates people in place, keeps their opt-outs, and deactivates those no longer in the file', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const ana = staffIdFor('ana@clinic.example', undefined);
    await s.stores.roster.setOptOut(ana, 'sms');
    const next = 'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,lab,nurse,es,both\nben@clinic.example,,ed,physician,es,email\n';
    const result = await importRoster(s, { file: 'next.csv', text: next });
    expect(result.changes).toMatchObject({ updated: 1, unchanged: 1, deactivated: 2 });
    expect(result.deactivatedPerDepartment).toEqual({ ed: 1, lab: 1 });
    const staff = await s.allStaff();
    expect(staff).toHaveLength(4);
    expect(staff.find((p) => p.id === ana)).toMatchObject({ department: 'lab', locale: 'es', smsOptOut: true, active: true });
    expect(staff.filter((p) => !p.active)).toHaveLength(2);
    // Back in the file: reactivated, not duplicated.
    const again = await importRoster(s, await s.file('good.csv'));
    expect(again.changes.reactivated).toBe(2);
    expect(await s.allStaff()).toHaveLength(4);
  });

  it('refuses a large file whose one bad row is on line 4,001, naming that line, and writes nothing', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const before = await s.allStaff();
    s.writes.length = 0;
    // A tenth of the benchmark's files (roster import, 50,000 rows): the same refusal, sooner.
    const read = generatedRoster(4_500, { line: [4_001, 'person.3999@big.example,555-12,ed,nurse,en,both'] });
    await expect(importRoster(s, { file: 'big.csv', read })).rejects.toMatchObject({
      problems: ['big.csv:4001: phone: "555-12" is not a valid phone number (write it with +country code, or as a US number)'],
    });
    expect(s.writes).toEqual([]);
    expect(await s.allStaff()).toEqual(before);
  });

  it('lists the first 100 problems of a file full of them and says how many more there were', async () => {
    const s = await setup();
    const read = function* () {
      yield 'email,phone,department,role,locale,channel\n';
      for (let i = 0; i < 5_000; i++) yield `person.${i}@big.example,,radiology,nurse,en,email\n`;
    };
    const problems = await importRoster(s, { file: 'junk.csv', read }).then(
      () => [],
      (error: unknown) => (error instanceof InvalidInputError ? error.problems : [String(error)]),
    );
    expect(problems).toHaveLength(101);
    expect(problems[0]).toBe('junk.csv:2: department: unknown department "radiology"; known: clinic, ed, lab');
    expect(problems[99]).toMatch(/^junk\.csv:101: department: /);
    expect(problems[100]).toBe('junk.csv: 4900 more problems not listed; fix these and import again to see the rest');
    expect(s.writes).toEqual([]);
  });

  it('writes nothing when the same file is imported again', async () => {
    const s = await setup();
    const read = generatedRoster(1_200);
    const first = await importRoster(s, { file: 'big.csv', read });
    expect(first.changes.added).toBe(1_200);
    expect(s.writes).toContain('BatchWriteItemCommand');
    s.writes.length = 0;
    const again = await importRoster(s, { file: 'big.csv', read });
    expect(again.changes).toEqual({ added: 0, updated: 0, reactivated: 0, unchanged: 1_200, deactivated: 0 });
    expect(s.writes).toEqual([]);
  });

  it('deactivates exactly the people missing from the file, keeping their opt-outs and links', async () => {
    const s = await setup();
    await importRoster(s, { file: 'big.csv', read: generatedRoster(1_200) });
    const leaving = (i: number) => i % 10 === 3;
    const someoneLeaving = staffIdFor('person.3@big.example', undefined);
    await s.stores.roster.setOptOut(someoneLeaving, 'email');
    const unsubscribeToken = (await s.stores.roster.getStaff(someoneLeaving))!.unsubscribeToken;

    const result = await importRoster(s, { file: 'smaller.csv', read: generatedRoster(1_200, { skip: leaving }) });
    expect(result.changes).toEqual({ added: 0, updated: 0, reactivated: 0, unchanged: 1_080, deactivated: 120 });
    expect(result.deactivatedPerDepartment).toEqual({ clinic: 40, ed: 40, lab: 40 });
    expect(result.activePerDepartment).toEqual({ clinic: 360, ed: 360, lab: 360 });
    const staff = await s.allStaff();
    expect(staff).toHaveLength(1_200);
    const inactive = staff.filter((p) => !p.active).map((p) => p.email);
    expect(inactive.sort()).toEqual(
      Array.from({ length: 1_200 }, (_, i) => i)
        .filter(leaving)
        .map((i) => `person.${i}@big.example`)
        .sort(),
    );
    expect(await s.stores.roster.getStaff(someoneLeaving)).toMatchObject({ active: false, emailOptOut: true, unsubscribeToken });

    // Still missing next time: already inactive, so neither counted nor written again.
    s.writes.length = 0;
    const again = await importRoster(s, { file: 'smaller.csv', read: generatedRoster(1_200, { skip: leaving }) });
    expect(again.changes.deactivated).toBe(0);
    expect(s.writes).toEqual([]);
  });

  it('writes nothing for a file that would deactivate most of the roster, as a cut-short export would, unless told they left', async () => {
    const s = await setup();
    await importRoster(s, { file: 'big.csv', read: generatedRoster(1_200) });
    s.writes.length = 0;
    // The export stopped after 300 rows.
    const cutShort = generatedRoster(1_200, { skip: (i) => i >= 300 });
    await expect(importRoster(s, { file: 'hr-export.csv', read: cutShort })).rejects.toThrow(
      'hr-export.csv: 900 of the 1200 active people on the roster are not in this file and would be deactivated. Nothing was written.',
    );
    expect(s.writes).toEqual([]);
    // A dry run says what would happen, and still writes nothing.
    expect((await importRoster(s, { file: 'hr-export.csv', read: cutShort, dryRun: true })).changes.deactivated).toBe(900);
    expect(s.writes).toEqual([]);
    const result = await importRoster(s, { file: 'hr-export.csv', read: cutShort, deactivateMany: true });
    expect(result.changes).toEqual({ added: 0, updated: 0, reactivated: 0, unchanged: 300, deactivated: 900 });
  });

  it('drops a contact the file no longer gives, as the file is the roster', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const ana = staffIdFor('ana@clinic.example', undefined);
    const next = 'email,phone,department,role,locale,channel\nana@clinic.example,,ed,nurse,en,email\n';
    const result = await importRoster(s, { file: 'next.csv', text: next });
    expect(result.changes.updated).toBe(1);
    const stored = await s.stores.roster.getStaff(ana);
    expect(stored).toMatchObject({ email: 'ana@clinic.example', channel: 'email', active: true });
    expect(stored?.phone).toBeUndefined();
  });

  it('deactivates nobody when the file changes between checking and writing', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    let reads = 0;
    const shrinking = function* () {
      // Checked with all four people; by the second read, someone saved it with one.
      yield reads++ === 0
        ? readFileSync('test/fixtures/rosters/good.csv', 'utf8')
        : 'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,ed,nurse,en,both\n';
    };
    await expect(importRoster(s, { file: 'good.csv', read: shrinking })).rejects.toThrow(
      'good.csv: the file changed after it was checked; nothing was written. Import it again once it is saved.',
    );
    expect((await s.allStaff()).filter((p) => p.active)).toHaveLength(4);
  });

  it('writes nothing when a file on disk is saved with a new row between checking and writing', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const before = await s.allStaff();
    s.writes.length = 0;
    const dir = await mkdtemp(join(tmpdir(), 'roster-'));
    const path = join(dir, 'staff.csv');
    await copyFile('test/fixtures/rosters/good.csv', path);
    let reads = 0;
    const read = async function* () {
      yield* createReadStream(path);
      // Saved by someone else once the first pass has read it all.
      if (reads++ === 0) await appendFile(path, 'zed@clinic.example,,ed,nurse,en,email\n');
    };
    try {
      await expect(importRoster(s, { file: 'staff.csv', read, stat: () => stat(path) })).rejects.toThrow(
        'staff.csv: the file changed after it was checked; nothing was written. Import it again once it is saved.',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(s.writes).toEqual([]);
    expect(await s.allStaff()).toEqual(before);
  });

  it('writes no row it did not check when a streamed file changes between passes, a repeated contact or a new person', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const before = await s.allStaff();
    const good = readFileSync('test/fixtures/rosters/good.csv', 'utf8');
    const changedOnSecondRead = (second: string) => {
      let reads = 0;
      return function* () {
        yield reads++ === 0 ? good : second;
      };
    };
    s.writes.length = 0;
    // Ana again on line 2, moved to the lab: the first pass would have refused her, as she is also on line 3.
    const repeated = good.replace('\n', '\nana@clinic.example,,lab,physician,en,email\n');
    await expect(importRoster(s, { file: 'good.csv', read: changedOnSecondRead(repeated) })).rejects.toThrow(
      'good.csv:2: row: not the row checked there, so the file changed after it was checked; nothing was written. Import it again once it is saved.',
    );
    // Everyone checked is already stored as the file says; the new last row was never checked.
    await expect(importRoster(s, { file: 'good.csv', read: changedOnSecondRead(`${good}zed@clinic.example,,ed,nurse,en,email\n`) })).rejects.toThrow(
      'good.csv:6: row: not the row checked there, so the file changed after it was checked; nothing was written. Import it again once it is saved.',
    );
    expect(s.writes).toEqual([]);
    expect(await s.allStaff()).toEqual(before);
  });

  it('says which rows it wrote when a streamed file changes after some were', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    let reads = 0;
    const read = function* () {
      yield 'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,lab,nurse,en,both\n';
      yield reads++ === 0 ? 'ben@clinic.example,,ed,physician,es,email\n' : 'ben@clinic.example,,lab,physician,es,email\n';
    };
    await expect(importRoster(s, { file: 'next.csv', read })).rejects.toThrow(
      'next.csv:3: row: not the row checked there, so the file changed after it was checked; only rows it had checked were written (0 people added, 1 updated, 0 reactivated) and nobody was deactivated. Import it again once it is saved.',
    );
    const staff = await s.allStaff();
    expect(staff.find((p) => p.email === 'ana@clinic.example')?.department).toBe('lab');
    expect(staff.find((p) => p.email === 'ben@clinic.example')?.department).toBe('ed');
    expect(staff.filter((p) => p.active)).toHaveLength(4);
  });

  it('keeps an opt-out made after the import read the roster, for people it updates and people it deactivates', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const ana = staffIdFor('ana@clinic.example', undefined);
    const dee = staffIdFor('dee@clinic.example', undefined);
    const links = new Map((await s.allStaff()).map((p) => [p.id, p.unsubscribeToken]));
    // The real store, except that Ana and Dee unsubscribe (as the unsubscribe route records
    // it) right after the import has read them and before it writes anything.
    const racing = afterFirstRead(s.roster, [ana, dee], (id) => s.stores.roster.setOptOut(id, 'email'));

    // Ana moves to the lab; Dee is no longer in the file.
    const next =
      'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,lab,nurse,en,both\nben@clinic.example,,ed,physician,es,email\n,(202) 555-0103,lab,nurse,,sms\n';
    const result = await importRoster({ roster: racing, org: s.org }, { file: 'next.csv', text: next });
    expect(result.changes).toMatchObject({ updated: 1, deactivated: 1 });
    expect(await s.stores.roster.getStaff(ana)).toMatchObject({ department: 'lab', active: true, emailOptOut: true, unsubscribeToken: links.get(ana) });
    expect(await s.stores.roster.getStaff(dee)).toMatchObject({ active: false, emailOptOut: true, unsubscribeToken: links.get(dee) });
    expect((await s.stores.roster.listStaff('lab')).map((p) => p.id)).toContain(ana);
  });

  it('leaves someone deleted on request while the import ran deleted, rather than bringing them back in part', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const ana = staffIdFor('ana@clinic.example', undefined);
    const dee = staffIdFor('dee@clinic.example', undefined);
    const racing = afterFirstRead(s.roster, [ana, dee], (id) => s.stores.roster.deleteStaff(id));
    const next = 'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,lab,nurse,en,both\nben@clinic.example,,ed,physician,es,email\n';
    await importRoster({ roster: racing, org: s.org }, { file: 'next.csv', text: next });
    expect(await s.stores.roster.getStaff(ana)).toBeUndefined();
    expect(await s.stores.roster.getStaff(dee)).toBeUndefined();
  });

  it('finds people under a department the org file no longer has: moves them with their opt-outs, and deactivates those the file leaves out', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const ana = staffIdFor('ana@clinic.example', undefined);
    const dee = staffIdFor('dee@clinic.example', undefined);
    await s.stores.roster.setOptOut(ana, 'sms');
    const before = await s.stores.roster.getStaff(ana);
    const org = renamed();
    const next =
      'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,emergency,nurse,en,both\nben@clinic.example,,emergency,physician,es,email\n,(202) 555-0103,lab,nurse,,sms\n';
    const result = await importRoster({ ...s.stores, org }, { file: 'next.csv', text: next });
    expect(result.changes).toEqual({ added: 0, updated: 2, reactivated: 0, unchanged: 1, deactivated: 1 });
    expect(result.deactivatedPerDepartment).toEqual({ ed: 1 });
    expect(await s.stores.roster.getStaff(ana)).toEqual({ ...before, department: 'emergency' });
    expect(await s.stores.roster.getStaff(dee)).toMatchObject({ department: 'ed', active: false });
    expect((await s.stores.roster.listStaff('emergency')).map((p) => p.id).sort()).toEqual([ana, staffIdFor('ben@clinic.example', undefined)].sort());
  });

  it('keeps the entry, opt-outs and unsubscribe link of someone whose email is new but whose phone is not', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    // Phone-only until now, then given an email (their id was derived from the phone).
    const cy = staffIdFor(undefined, '+12025550103');
    await s.stores.roster.setOptOut(cy, 'sms');
    // Ana's email moves to a new domain; she had unsubscribed from email.
    const ana = staffIdFor('ana@clinic.example', undefined);
    await s.stores.roster.setOptOut(ana, 'email');
    const before = new Map((await s.allStaff()).map((p) => [p.id, p]));
    const next =
      'email,phone,department,role,locale,channel\nana@riverside.example,+12025550101,ed,nurse,en,both\nben@clinic.example,,ed,physician,es,email\ncy@clinic.example,(202) 555-0103,lab,nurse,,both\nDEE@Clinic.Example,202.555.0104,ed,nurse,en,email\n';
    const result = await importRoster(s, { file: 'next.csv', text: next });
    expect(result.changes).toEqual({ added: 0, updated: 2, reactivated: 0, unchanged: 2, deactivated: 0 });
    expect(await s.stores.roster.getStaff(cy)).toEqual({ ...before.get(cy), email: 'cy@clinic.example', channel: 'both' });
    expect(await s.stores.roster.getStaff(ana)).toEqual({ ...before.get(ana), email: 'ana@riverside.example' });
    expect(await s.allStaff()).toHaveLength(4);
    // The same file again finds them by their contacts once more and changes nothing.
    expect((await importRoster(s, { file: 'next.csv', text: next })).changes).toEqual({ added: 0, updated: 0, reactivated: 0, unchanged: 4, deactivated: 0 });
  });

  it('gives a contact to someone new, not their stored entry, when the person who held it has a row of their own', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const ana = staffIdFor('ana@clinic.example', undefined);
    await s.stores.roster.setOptOut(ana, 'sms');
    // Ana has a new phone; her old one now belongs to Zed, who is new (his row comes first).
    const next =
      'email,phone,department,role,locale,channel\nzed@clinic.example,+12025550101,lab,nurse,en,sms\nana@clinic.example,+12025550199,ed,nurse,en,both\nben@clinic.example,,ed,physician,es,email\n,(202) 555-0103,lab,nurse,,sms\nDEE@Clinic.Example,202.555.0104,ed,nurse,en,email\n';
    const result = await importRoster(s, { file: 'next.csv', text: next });
    expect(result.changes).toEqual({ added: 1, updated: 1, reactivated: 0, unchanged: 3, deactivated: 0 });
    expect(await s.stores.roster.getStaff(ana)).toMatchObject({ phone: '+12025550199', smsOptOut: true });
    expect(await s.stores.roster.getStaff(staffIdFor('zed@clinic.example', undefined))).toMatchObject({
      phone: '+12025550101',
      smsOptOut: false,
      emailOptOut: false,
      active: true,
    });
  });

  it('changes nothing on a dry run but says what would change', async () => {
    const s = await setup();
    const result = await importRoster(s, { ...(await s.file('good.csv')), dryRun: true });
    expect(result.changes.added).toBe(4);
    expect(await s.allStaff()).toEqual([]);
  });
});

describe('the whole roster', () => {
  it('is read whole when it takes many pages, each person once', async () => {
    const s = await setup();
    // About 6 MB of entries: more than one 1 MB page for each of the parallel reads.
    const staff = Array.from({ length: 12_000 }, (_, i) => ({
      ...staffIn(['ed', 'lab', 'gone'][i % 3]!, 'nurse', 1)[0]!,
      id: `p${String(i).padStart(23, '0')}`,
      email: `person.${i}.${'x'.repeat(160)}@a-hospital-with-a-long-name.example`,
    }));
    await s.stores.roster.putStaff(staff);
    let pages = 0;
    const seen: string[] = [];
    await s.stores.roster.visitAllStaff((page) => {
      pages++;
      seen.push(...page.map((p) => p.id));
    });
    // More pages than parallel reads: some read went on from where its last page stopped.
    expect(pages).toBeGreaterThan(4);
    expect(seen.sort()).toEqual(staff.map((p) => p.id).sort());
  }, 60_000);
});

describe('removeFromRoster', () => {
  it('deletes one person on request, found by their contact however it is typed, and nobody else', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const [byPhone] = await removeFromRoster(s, '(202) 555-0103');
    expect(byPhone!.department).toBe('lab');
    const [byEmail] = await removeFromRoster(s, '  Dee@CLINIC.example ');
    expect(byEmail!.email).toBe('dee@clinic.example');
    expect((await s.allStaff()).map((p) => p.email).sort()).toEqual(['ana@clinic.example', 'ben@clinic.example']);
    expect(await s.stores.roster.getStaff(byEmail!.id)).toBeUndefined();
  });

  it('says what was wrong with a contact that matches nobody or is no contact at all, and deletes nothing', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    await expect(removeFromRoster(s, 'zed@clinic.example')).rejects.toThrow('No one on the roster has the contact "zed@clinic.example". Nothing was deleted');
    await expect(removeFromRoster(s, 'not a contact')).rejects.toThrow('"not a contact" is neither an email address nor a phone number');
    expect(await s.allStaff()).toHaveLength(4);
  });

  it('deletes someone stored under a department the org file no longer has', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const org = renamed();
    const [dee] = await removeFromRoster({ ...s.stores, org }, 'dee@clinic.example');
    expect(dee!.department).toBe('ed');
    expect(await s.stores.roster.getStaff(dee!.id)).toBeUndefined();
  });

  it('deletes every entry holding the contact: a phone passed to a colleague is still on the entry it left', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    // Dee leaves; Ben takes over her phone.
    await importRoster(s, {
      file: 'next.csv',
      text: 'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,ed,nurse,en,both\nben@clinic.example,202.555.0104,ed,physician,es,email\n,(202) 555-0103,lab,nurse,,sms\n',
    });
    const deleted = await removeFromRoster(s, '+1 202 555 0104');
    expect(deleted.map((p) => [p.email, p.active])).toEqual([
      ['ben@clinic.example', true],
      ['dee@clinic.example', false],
    ]);
    expect((await s.allStaff()).map((p) => p.phone).sort()).toEqual(['+12025550101', '+12025550103']);
  });

  it('finds the person on a dry run and deletes nothing', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    expect((await removeFromRoster(s, 'ana@clinic.example', { dryRun: true })).map((p) => p.phone)).toEqual(['+12025550101']);
    expect(await s.allStaff()).toHaveLength(4);
  });
});

describe('a roster for an organization that sends no SMS', () => {
  it('is imported whole, and counts the people who asked only for SMS (they get no pulse)', async () => {
    const s = await setup();
    const emailOnly = testOrg({ channels: { email: { enabled: true, from: 'pulse@test.example' }, sms: { enabled: false } } });
    const text =
      'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,ed,nurse,en,sms\nben@clinic.example,+12025550102,ed,nurse,en,both\ncai@clinic.example,,lab,nurse,en,email\n';
    const result = await importRoster({ ...s.stores, org: emailOnly }, { file: 'rosters/sms.csv', text });
    expect(result.changes.added).toBe(3);
    expect(result.offChannelRows).toBe(1);
    expect((await importRoster(s, { file: 'rosters/sms.csv', text })).offChannelRows).toBe(0);
    expect(offChannelWarning(emailOnly, 1)).toBe(
      '1 person asks only for channels test-clinic does not send on (SMS is off): they get no pulse. Set channels.sms.enabled in the org file, or give them a channel it sends on.',
    );
  });

  it('counts email-only rows when email is off, and says what turning each channel on takes', async () => {
    const s = await setup();
    const smsOnly = testOrg({ channels: { email: { enabled: false, from: 'pulse@test.example' }, sms: { enabled: true } } });
    const text =
      'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,ed,nurse,en,sms\nben@clinic.example,,ed,nurse,en,email\ncai@clinic.example,+12025550103,lab,nurse,en,both\n';
    expect((await importRoster({ ...s.stores, org: smsOnly }, { file: 'rosters/x.csv', text })).offChannelRows).toBe(1);
    expect(offChannelWarning(smsOnly, 2)).toContain(
      '2 people ask only for channels test-clinic does not send on (email is off): they get no pulse. Set channels.email.enabled in the org file',
    );
    expect(offChannelWarning(testOrg({ channels: { email: { enabled: false, from: 'pulse@test.example' } } }), 3)).toContain(
      '(email and SMS are off): they get no pulse. Set channels.email.enabled or channels.sms.enabled in the org file',
    );
  });
});

describe('a roster over time', () => {
  /** One person's contacts: an email, a phone or both (indexes into fresh addresses and numbers). */
  const contacts = fc.oneof(fc.record({ email: fc.constant(true), phone: fc.boolean() }), fc.record({ email: fc.constant(false), phone: fc.constant(true) }));
  /** What happens to someone by the next import: they leave, or stay with at least one contact they had. */
  const fate = fc.constantFrom('leave', 'same', 'new email', 'new phone', 'add email', 'add phone', 'drop email', 'drop phone');

  it('keeps every opt-out of everyone who stays with one contact unchanged, gives none to anyone new, and deactivates everyone who left', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ contacts, fate, emailOptOut: fc.boolean(), smsOptOut: fc.boolean(), department: fc.constantFrom('ed', 'lab', 'clinic') }), {
          minLength: 2,
          maxLength: 10,
        }),
        fc.integer({ min: 0, max: 3 }),
        async (people, newcomers) => {
          const s = await setup();
          let fresh = 0;
          const email = () => `person.${fresh++}@test.example`;
          const phone = () => `+1202555${String(1000 + fresh++)}`;
          const before = people.map((p) => ({
            email: p.contacts.email ? email() : undefined,
            phone: p.contacts.phone ? phone() : undefined,
            department: p.department,
          }));
          const csv = (rows: { email?: string | undefined; phone?: string | undefined; department: string }[]) =>
            'email,phone,department,role,locale,channel\n' +
            rows
              .map((r) => `${r.email ?? ''},${r.phone ?? ''},${r.department},nurse,en,${r.email && r.phone ? 'both' : r.email ? 'email' : 'sms'}`)
              .join('\n') +
            '\n';
          await importRoster(s, { file: 'before.csv', text: csv(before) });
          const stored = await s.allStaff();
          const entryOf = (c: { email?: string | undefined; phone?: string | undefined }) =>
            stored.find((x) => (c.email && x.email === c.email) || (c.phone && x.phone === c.phone))!;
          for (const [i, p] of people.entries()) {
            if (p.emailOptOut) await s.stores.roster.setOptOut(entryOf(before[i]!).id, 'email');
            if (p.smsOptOut) await s.stores.roster.setOptOut(entryOf(before[i]!).id, 'sms');
          }
          const tokens = new Map(stored.map((x) => [x.id, x.unsubscribeToken]));

          const after = people.map((p, i) => {
            const was = before[i]!;
            const has = (c: 'email' | 'phone') => was[c] !== undefined;
            switch (p.fate) {
              case 'leave':
                return undefined;
              case 'new email':
                return has('phone') ? { ...was, email: email() } : was;
              case 'new phone':
                return has('email') ? { ...was, phone: phone() } : was;
              case 'add email':
                return has('email') ? was : { ...was, email: email() };
              case 'add phone':
                return has('phone') ? was : { ...was, phone: phone() };
              case 'drop email':
                return has('email') && has('phone') ? { ...was, email: undefined } : was;
              case 'drop phone':
                return has('email') && has('phone') ? { ...was, phone: undefined } : was;
              default:
                return was;
            }
          });
          const arriving = Array.from({ length: newcomers }, () => ({ email: email(), phone: phone(), department: 'ed' }));
          const rows = [...arriving, ...after.filter((r) => r !== undefined)];
          // A file with nobody in it is refused, whatever was stored before.
          fc.pre(rows.length > 0);
          await importRoster(s, { file: 'after.csv', text: csv(rows) });

          const now = await s.allStaff();
          const holding = (c: { email?: string | undefined; phone?: string | undefined }) =>
            now.filter((x) => (c.email && x.email === c.email) || (c.phone && x.phone === c.phone));
          expect(now.filter((x) => x.active)).toHaveLength(rows.length);
          for (const [i, p] of people.entries()) {
            const row = after[i];
            if (!row) {
              expect(holding(before[i]!).every((x) => !x.active)).toBe(true);
              continue;
            }
            const [entry, ...others] = holding(row);
            expect(others).toEqual([]);
            expect(entry).toMatchObject({ active: true, emailOptOut: p.emailOptOut, smsOptOut: p.smsOptOut, unsubscribeToken: tokens.get(entry!.id) });
          }
          for (const row of arriving) expect(holding(row)).toMatchObject([{ active: true, emailOptOut: false, smsOptOut: false }]);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
