import { describe, expect, it } from 'vitest';
import {
  findRepeatedContacts,
  readRoster,
  readRosterHeader,
  rosterChange,
  staffIdFor,
  storedPerson,
  type RosterChunks,
  type RosterPerson,
} from '../../shared/domain/roster.js';
import type { Staff } from '../../shared/domain/staff.js';
import { testOrg } from '../support/fixtures.js';

const org = testOrg();
const HEADER = 'email,phone,department,role,locale,channel';

async function entries(chunks: RosterChunks) {
  const read = [];
  for await (const entry of readRoster(chunks, org)) read.push(entry);
  return read;
}

describe('readRoster', () => {
  it('numbers lines as the file does, past blank lines, Windows line endings and a quoted value over two lines', async () => {
    const text = `${HEADER}\r\n\r\nana@clinic.example,,ed,nurse,en,email\r\n   \r\n"ben@clinic.example",,"l\nab",nurse,en,email\r\nbad,,ed,nurse,en,email\r\n`;
    expect((await entries([text])).map((e) => [e.kind, e.line])).toEqual([
      ['person', 3],
      ['problem', 6],
      ['problem', 7],
    ]);
  });

  it("reads a row with too few or too many columns as that row's problem, and goes on", async () => {
    const text = `${HEADER}\nana@clinic.example,,ed,nurse,en\nben@clinic.example,,ed,nurse,en,email,x\ncai@clinic.example,,ed,nurse,en,email\n`;
    expect(await entries([text])).toEqual([
      { kind: 'problem', line: 2, field: 'row', reason: '5 columns, but the header has 6; a comma inside a value needs the value in "double quotes"' },
      { kind: 'problem', line: 3, field: 'row', reason: '7 columns, but the header has 6; a comma inside a value needs the value in "double quotes"' },
      { kind: 'person', line: 4, person: expect.objectContaining({ email: 'cai@clinic.example' }) },
    ]);
  });

  it('stops at a header it cannot use, since no row can be read without one', async () => {
    const problemsOf = async (header: string) =>
      (await entries([`${header}\nana@clinic.example,,ed,nurse,en,email\n`])).map((e) => (e.kind === 'problem' ? e.reason : e.kind));
    expect(await problemsOf('email\tphone\tdepartment\trole\tlocale\tchannel')).toEqual([
      'columns are separated by tabs; save the file as comma-separated CSV',
    ]);
    expect(await problemsOf('email,phone,department,role,locale,channel,email')).toEqual([
      'repeated column email; the header must be: email,phone,department,role,locale,channel',
    ]);
  });

  it('reads columns in any order, named in any case', async () => {
    const [entry] = await entries(['Channel, Role ,DEPARTMENT,locale,phone,email\nsms,nurse,lab,es,(202) 555-0103,\n']);
    expect(entry).toEqual({
      kind: 'person',
      line: 2,
      person: { id: staffIdFor(undefined, '+12025550103'), phone: '+12025550103', department: 'lab', roleGroup: 'nurse', locale: 'es', channel: 'sms' },
    });
  });

  it('reads a file cut into chunks anywhere, even inside its byte-order mark or a character, as it reads it whole', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${HEADER}\n"José@clinic.example",,ed,nurse,en,email\nana@clinic.example,+12025550101,ed,nurse,es,both\n`);
    const whole = await entries([bytes]);
    expect(whole.map((e) => e.kind)).toEqual(['problem', 'person']);
    for (let cut = 1; cut < bytes.length; cut++) expect(await entries([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
  });
});

describe('readRosterHeader', () => {
  it('says which columns are missing and which it does not know', () => {
    expect(readRosterHeader(['email', 'phone', 'dept', 'role', 'locale', 'channel'])).toEqual({
      problem: {
        line: 1,
        field: 'header',
        reason: 'missing column department; unknown column dept; the header must be: email,phone,department,role,locale,channel',
      },
    });
  });
});

describe('findRepeatedContacts', () => {
  it('finds a person listed twice by either contact, naming the line they were first on', () => {
    const repeated = findRepeatedContacts();
    expect(repeated(2, { email: 'ana@clinic.example', phone: '+12025550101' })).toEqual([]);
    expect(repeated(3, { email: 'ben@clinic.example' })).toEqual([]);
    expect(repeated(4, { phone: '+12025550101' })).toEqual([
      { line: 4, field: 'phone', reason: '+12025550101 is already on line 2; each person appears once' },
    ]);
    expect(repeated(5, { email: 'ben@clinic.example', phone: '+12025550102' })).toEqual([
      { line: 5, field: 'email', reason: 'ben@clinic.example is already on line 3; each person appears once' },
    ]);
  });
});

describe('rosterChange', () => {
  const person: RosterPerson = {
    id: staffIdFor('ana@clinic.example', undefined),
    email: 'ana@clinic.example',
    phone: '+12025550101',
    department: 'ed',
    roleGroup: 'nurse',
    locale: 'en',
    channel: 'both',
  };
  const stored: Staff = { ...person, active: true, emailOptOut: false, smsOptOut: true, unsubscribeToken: 'link-secret' };

  it('adds a new person, active, with no opt-outs and a link of their own', () => {
    const change = rosterChange(person, undefined);
    expect(change).toMatchObject({ kind: 'added', staff: { ...person, active: true, emailOptOut: false, smsOptOut: false } });
    expect(change.kind === 'added' && change.staff.unsubscribeToken).toMatch(/^[\w-]{16,}$/);
  });

  it('leaves a person whose row says what is stored, whatever their opt-outs', () => {
    expect(rosterChange(person, storedPerson(stored))).toEqual({ kind: 'unchanged' });
    expect(rosterChange(person, storedPerson({ ...stored, emailOptOut: true }))).toEqual({ kind: 'unchanged' });
  });

  it('updates a changed person with the row alone, carrying no opt-out or link to write over theirs', () => {
    expect(rosterChange({ ...person, department: 'lab' }, storedPerson(stored))).toEqual({ kind: 'updated', person: { ...person, department: 'lab' } });
  });

  it('takes a contact left out of the row off the roster', () => {
    const { phone: _, ...withoutPhone } = person;
    const change = rosterChange({ ...withoutPhone, channel: 'email' }, storedPerson(stored));
    expect(change.kind).toBe('updated');
    expect(change.kind === 'updated' && 'phone' in change.person).toBe(false);
  });

  it('reactivates someone back in the file', () => {
    expect(rosterChange(person, storedPerson({ ...stored, active: false }))).toEqual({ kind: 'reactivated', person });
  });
});

describe('storedPerson', () => {
  it('keeps only what tells a changed row, none of the opt-outs or link an import must not write', () => {
    expect(
      Object.keys(
        storedPerson({
          id: 'x',
          email: 'ana@clinic.example',
          department: 'ed',
          roleGroup: 'nurse',
          locale: 'en',
          channel: 'email',
          active: true,
          emailOptOut: true,
          smsOptOut: false,
          unsubscribeToken: 'link-secret',
        }),
      ).sort(),
    ).toEqual(['active', 'department', 'fingerprint']);
  });
});
