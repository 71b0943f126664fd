import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../shared/errors.js';
import { staffIdFor } from '../../shared/domain/roster.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { testOrg } from '../support/fixtures.js';
import { createTestTable } from '../support/dynamo.js';
import { listRoster } from '../../shared/use-cases/list-roster.js';
import { removeFromRoster } from '../../shared/use-cases/remove-from-roster.js';
import { dropAfterEach } from '../support/drop-after-each.js';

const track = dropAfterEach();

async function setup() {
  const table = await createTestTable();
  track(table);
  const org = testOrg();
  const file = async (name: string) => ({ file: `rosters/${name}`, text: await readFile(`test/fixtures/rosters/${name}`, 'utf8') });
  const allStaff = () => listRoster({ store: table.store, org });
  return { ...table, org, file, allStaff };
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

describe('importRoster', () => {
  it('imports a clean file, normalizing emails to lower case and phones to E.164', async () => {
    const s = await setup();
    const result = await importRoster(s, await s.file('good.csv'));
    expect(result.changes.added).toHaveLength(4);
    expect(result.activePerDepartment).toEqual({ clinic: 0, ed: 3, lab: 1 });
    const staff = await s.allStaff();
    expect(staff.map((p) => p.email).filter(Boolean).sort()).toEqual(['ana@clinic.example', 'ben@clinic.example', 'dee@clinic.example']);
    expect(staff.map((p) => p.phone).filter(Boolean).sort()).toEqual(['+12025550101', '+12025550103', '+12025550104']);
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
    [
      'bad-phone.csv',
      ['rosters/bad-phone.csv:2: phone: "555-12" is not a valid phone number (write it with +country code, or as a US number)'],
    ],
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
    ['missing-header.csv', [expect.stringMatching(/^rosters\/missing-header\.csv:1: header: missing columns email, phone, department, role, locale, channel; unknown columns /)]],
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
    await s.store.setOptOut(ana, 'sms');
    const next = 'email,phone,department,role,locale,channel\nana@clinic.example,+12025550101,lab,nurse,es,both\nben@clinic.example,,ed,physician,es,email\n';
    const result = await importRoster(s, { file: 'next.csv', text: next });
    expect(result.changes.updated.map((p) => p.id)).toEqual([ana]);
    expect(result.changes.unchanged).toBe(1);
    expect(result.changes.deactivated).toHaveLength(2);
    const staff = await s.allStaff();
    expect(staff).toHaveLength(4);
    expect(staff.find((p) => p.id === ana)).toMatchObject({ department: 'lab', locale: 'es', smsOptOut: true, active: true });
    expect(staff.filter((p) => !p.active)).toHaveLength(2);
    // Back in the file: reactivated, not duplicated.
    const again = await importRoster(s, await s.file('good.csv'));
    expect(again.changes.reactivated).toHaveLength(2);
    expect(await s.allStaff()).toHaveLength(4);
  });

  it('changes nothing on a dry run but says what would change', async () => {
    const s = await setup();
    const result = await importRoster(s, { ...(await s.file('good.csv')), dryRun: true });
    expect(result.changes.added).toHaveLength(4);
    expect(await s.allStaff()).toEqual([]);
  });
});

describe('removeFromRoster', () => {
  it('deletes one person on request, found by their contact however it is typed, and nobody else', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    const byPhone = await removeFromRoster(s, '(202) 555-0103');
    expect(byPhone.department).toBe('lab');
    const byEmail = await removeFromRoster(s, '  Dee@CLINIC.example ');
    expect(byEmail.email).toBe('dee@clinic.example');
    expect((await s.allStaff()).map((p) => p.email).sort()).toEqual(['ana@clinic.example', 'ben@clinic.example']);
    expect(await s.store.getStaff(byEmail.id)).toBeUndefined();
  });

  it('says what was wrong with a contact that matches nobody or is no contact at all, and deletes nothing', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    await expect(removeFromRoster(s, 'zed@clinic.example')).rejects.toThrow('No one on the roster has the contact "zed@clinic.example". Nothing was deleted');
    await expect(removeFromRoster(s, 'not a contact')).rejects.toThrow('"not a contact" is neither an email address nor a phone number');
    expect(await s.allStaff()).toHaveLength(4);
  });

  it('finds the person on a dry run and deletes nothing', async () => {
    const s = await setup();
    await importRoster(s, await s.file('good.csv'));
    expect((await removeFromRoster(s, 'ana@clinic.example', { dryRun: true })).phone).toBe('+12025550101');
    expect(await s.allStaff()).toHaveLength(4);
  });
});
