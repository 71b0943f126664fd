import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalTimeZone, DEFAULT_THRESHOLDS } from '../../shared/domain/org-config.js';
import { loadOrgConfig, parseOrgConfig } from '../../shared/config.js';
import { InvalidInputError } from '../../shared/errors.js';

const minimal = {
  id: 'clinic',
  name: 'Clinic',
  timeZone: 'America/Chicago',
  departments: [{ id: 'ed', name: 'Emergency' }],
  roleGroups: [{ id: 'nurse', name: 'Nurses' }],
  channels: { email: { from: 'pulse@clinic.example' } },
  deploy: { alarmEmail: 'it@clinic.example' },
};

function problemsOf(config: unknown, source = 'orgs/x.json'): string[] {
  try {
    parseOrgConfig(JSON.stringify(config, null, 2), source);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('org config', () => {
  it('fills sensible defaults: k of 5, both languages, thresholds near published burnout rates', () => {
    const org = parseOrgConfig(JSON.stringify(minimal), 'orgs/x.json');
    expect(org.k).toBe(5);
    expect(org.locales).toEqual(['en', 'es']);
    expect(org.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(org.instrument.version).toBe('care-pulse-2026.2');
  });

  it('lets an organization override one threshold and keep the rest', () => {
    const org = parseOrgConfig(JSON.stringify({ ...minimal, thresholds: { workload: 0.3 } }), 'orgs/x.json');
    expect(org.thresholds.workload).toBe(0.3);
    expect(org.thresholds.burnout).toBe(DEFAULT_THRESHOLDS.burnout);
  });

  it('never accepts k below 3', () => {
    expect(problemsOf({ ...minimal, k: 2 })).toEqual(['orgs/x.json: k: k can never be below 3']);
  });

  it('names the file, the path and the reason for an unknown parent department', () => {
    const config = { ...minimal, departments: [...minimal.departments, { id: 'icu', name: 'ICU', parent: 'hospitl' }] };
    expect(problemsOf(config)).toEqual(['orgs/x.json: departments[1].parent: unknown department "hospitl"']);
  });

  it('finds a cycle of parents', () => {
    const config = {
      ...minimal,
      departments: [
        { id: 'a', name: 'A', parent: 'b' },
        { id: 'b', name: 'B', parent: 'a' },
      ],
    };
    expect(problemsOf(config)[0]).toContain('departments[0].parent: departments form a cycle');
  });

  it('reports a typo in a field name instead of ignoring it', () => {
    expect(problemsOf({ ...minimal, tresholds: {} })[0]).toMatch(/^orgs\/x\.json: \(top level\): Unrecognized key: "tresholds"/);
  });

  it('reports every problem at once, including leaders pointing at unknown departments and bad emails', () => {
    const problems = problemsOf({
      ...minimal,
      timeZone: 'Mars/Olympus',
      leaders: [{ id: 'boss', name: 'Boss', email: 'not-an-email', departments: ['nowhere'] }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('timeZone: not an IANA time zone: "Mars/Olympus"'),
        expect.stringContaining('leaders[0].email: not an email address'),
      ]),
    );
  });

  it('gives the line and column of a JSON syntax error', () => {
    try {
      parseOrgConfig('{\n  "id": "clinic",\n  "name": "Clinic",,\n}', 'orgs/broken.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems[0]).toMatch(/^orgs\/broken\.json:3:\d+: not valid JSON/);
    }
  });

  it('says which file is missing', async () => {
    await expect(loadOrgConfig('orgs/nope.json')).rejects.toThrow('orgs/nope.json: cannot read the file (ENOENT)');
  });

  it('accepts the demo organization, which has the departments the demo promises', async () => {
    const org = await loadOrgConfig('orgs/demo.json');
    expect(org.id).toBe('demo');
    const ids = org.departments.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['emergency', 'icu', 'primary-care', 'front-desk', 'billing']));
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const id of ids)
      expect(org.leaders.some((l) => l.departments.includes(id) || l.departments.includes(org.departments.find((d) => d.id === id)?.parent ?? ''))).toBe(true);
    expect(JSON.parse(await readFile('orgs/demo.json', 'utf8')).supportResources[1].detail.en).toContain('988');
  });
});

describe('the time zone', () => {
  it('passes a canonical IANA name, UTC and the IANA spellings Node’s own data lags behind', () => {
    for (const timeZone of ['America/Chicago', 'UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'America/Indiana/Indianapolis']) {
      expect(parseOrgConfig(JSON.stringify({ ...minimal, timeZone }), 'orgs/x.json').timeZone).toBe(timeZone);
    }
  });

  it('refuses an alias such as US/Central, naming the canonical zone to write', () => {
    expect(problemsOf({ ...minimal, timeZone: 'US/Central' })).toEqual([
      'orgs/x.json: timeZone: "US/Central" is an alias (a link in the IANA database), not the zone\'s canonical name; did you mean "America/Chicago"?',
    ]);
    expect(problemsOf({ ...minimal, timeZone: 'us/central' })[0]).toContain('did you mean "America/Chicago"?');
    expect(problemsOf({ ...minimal, timeZone: 'Asia/Calcutta' })[0]).toContain('did you mean "Asia/Kolkata"?');
    expect(problemsOf({ ...minimal, timeZone: 'Etc/UTC' })[0]).toContain('did you mean "UTC"?');
  });

  it('refuses a name in the wrong letter case, which would reach the schedules as typed', () => {
    expect(problemsOf({ ...minimal, timeZone: 'america/chicago' })).toEqual([
      'orgs/x.json: timeZone: "america/chicago" is not written as the IANA database writes it (letter case counts); did you mean "America/Chicago"?',
    ]);
    expect(problemsOf({ ...minimal, timeZone: 'utc' })[0]).toContain('did you mean "UTC"?');
  });

  it('refuses a name that is no time zone, and a fixed offset that names no place', () => {
    expect(problemsOf({ ...minimal, timeZone: 'Mars/Olympus' })).toEqual([
      'orgs/x.json: timeZone: not an IANA time zone: "Mars/Olympus"; write one such as "America/Chicago" or "UTC"',
    ]);
    expect(problemsOf({ ...minimal, timeZone: 'Etc/GMT+5' })).toEqual([
      'orgs/x.json: timeZone: not the canonical IANA name of a place\'s time zone: "Etc/GMT+5"; write one such as "America/Chicago", or "UTC"',
    ]);
  });

  it('knows the canonical name of every zone the runtime lists, and that name is its own', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const canonical = canonicalTimeZone(zone);
      expect(canonical, zone).toBeDefined();
      expect(canonicalTimeZone(canonical!), zone).toBe(canonical);
    }
  });
});

describe('the sender address', () => {
  it('is required even with email pulses off, since leaders’ digests are sent from it', () => {
    const { channels: _channels, ...noChannels } = minimal;
    const why =
      'required: leaders\' digests are sent from channels.email.from, even with email pulses off; add it, an address on a domain you verify in SES ("enabled": false keeps email pulses to staff off)';
    expect(problemsOf(noChannels)).toEqual([`orgs/x.json: channels: ${why}`]);
    expect(problemsOf({ ...minimal, channels: { sms: { enabled: true } } })).toEqual([`orgs/x.json: channels.email: ${why}`]);
    expect(problemsOf({ ...minimal, channels: { email: { enabled: false } } })).toEqual([
      "orgs/x.json: channels.email.from: required: leaders' digests are sent from this address, even with email pulses off; add channels.email.from, an address on a domain you verify in SES",
    ]);
    expect(problemsOf({ ...minimal, channels: { email: { from: 'pulse at clinic' } } })).toEqual(['orgs/x.json: channels.email.from: not an email address']);
  });

  it('can sit alone, with email pulses to staff off', () => {
    const org = parseOrgConfig(JSON.stringify({ ...minimal, channels: { email: { enabled: false, from: 'pulse@clinic.example' } } }), 'orgs/x.json');
    expect(org.channels.email).toEqual({ enabled: false, from: 'pulse@clinic.example', maxPerSecond: expect.any(Number), identity: 'create' });
    expect(org.channels.sms).toBeUndefined();
  });

  it('names a domain SES verified already as existing, and nothing else', () => {
    const org = parseOrgConfig(JSON.stringify({ ...minimal, channels: { email: { from: 'pulse@clinic.example', identity: 'existing' } } }), 'orgs/x.json');
    expect(org.channels.email.identity).toBe('existing');
    expect(problemsOf({ ...minimal, channels: { email: { from: 'pulse@clinic.example', identity: 'shared' } } })[0]).toMatch(
      /^orgs\/x\.json: channels\.email\.identity: /,
    );
  });
});

describe('account-wide settings', () => {
  it('refuses an SMS spend cap, which SNS keeps once for the whole account, saying where to set it', () => {
    expect(problemsOf({ ...minimal, channels: { email: { from: 'pulse@clinic.example' }, sms: { enabled: true, monthlySpendLimitUsd: 250 } } })).toEqual([
      'orgs/x.json: channels.sms.monthlySpendLimitUsd: the SMS spend cap is one setting for the whole AWS account and region, shared by every organization deployed there, so a stack no longer sets it: remove this key and set the cap once per account (aws sns set-sms-attributes --attributes MonthlySpendLimit=<USD>; docs/deploy.md)',
    ]);
  });
});

describe('the deployment', () => {
  const alarmEmailMissing =
    'orgs/x.json: deploy.alarmEmail: required for a prod stack (deploy.stage defaults to "prod"): alarms about failed sends, function errors and API 5xx go here; without it a wave can go out to nobody and no one hears. Add deploy.alarmEmail, a mailbox someone reads (AWS sends it a link to confirm)';

  it('needs an alarm email for a prod stack, which is what a config without a stage gets', () => {
    const { deploy: _deploy, ...noDeploy } = minimal;
    expect(problemsOf(noDeploy)).toEqual([alarmEmailMissing]);
    expect(problemsOf({ ...minimal, deploy: { stage: 'prod' } })).toEqual([alarmEmailMissing]);
  });

  it('lets a dev stack go without one', () => {
    expect(parseOrgConfig(JSON.stringify({ ...minimal, deploy: { stage: 'dev' } }), 'orgs/x.json').deploy.alarmEmail).toBeUndefined();
  });

  it('reserves no concurrency unless told to, and takes a positive count per function', () => {
    expect(parseOrgConfig(JSON.stringify(minimal), 'orgs/x.json').deploy.reservedConcurrency).toEqual({});
    const reserved = { api: 20, dispatch: 1, alerts: 1, send: 2 };
    expect(
      parseOrgConfig(JSON.stringify({ ...minimal, deploy: { ...minimal.deploy, reservedConcurrency: reserved } }), 'orgs/x.json').deploy.reservedConcurrency,
    ).toEqual(reserved);
    expect(problemsOf({ ...minimal, deploy: { ...minimal.deploy, reservedConcurrency: { send: 0 } } })).toEqual([
      'orgs/x.json: deploy.reservedConcurrency.send: at least 1: a reservation of 0 stops the function; leave the key out to reserve nothing',
    ]);
    expect(problemsOf({ ...minimal, deploy: { ...minimal.deploy, reservedConcurrency: { sms: 2 } } })[0]).toMatch(
      /^orgs\/x\.json: deploy\.reservedConcurrency: Unrecognized key: "sms"/,
    );
  });
});

describe('loadOrgConfig', () => {
  async function writeConfig(fileName: string, config: unknown): Promise<string> {
    const path = join(await mkdtemp(join(tmpdir(), 'orgs-')), fileName);
    await writeFile(path, JSON.stringify(config, null, 2));
    return path;
  }

  async function loadProblems(path: string): Promise<string[]> {
    try {
      await loadOrgConfig(path);
    } catch (error) {
      if (error instanceof InvalidInputError) return error.problems;
      throw error;
    }
    throw new Error('expected the config to be refused');
  }

  it('loads a file named after its id', async () => {
    expect((await loadOrgConfig(await writeConfig('clinic.json', minimal))).id).toBe('clinic');
  });

  it('refuses a copied file that kept another organization’s id, which would deploy over its stacks', async () => {
    const path = await writeConfig('acme.json', { ...minimal, id: 'riverside' });
    expect(await loadProblems(path)).toEqual([
      `${path}: id: "riverside" does not match the file name acme.json; the stacks are named from the id (CarePulse-riverside), so this file would deploy over the stacks of the organization whose id is "riverside". Set "id": "acme", or rename the file to riverside.json if it is riverside's config`,
    ]);
  });

  it('says only to rename a file whose name could never be an id, and reports the rest of the file too', async () => {
    const path = await writeConfig('Acme Health.json', { ...minimal, id: 'acme', k: 2 });
    expect(await loadProblems(path)).toEqual([
      `${path}: k: k can never be below 3`,
      `${path}: id: "acme" does not match the file name Acme Health.json; the stacks are named from the id (CarePulse-acme), so this file would deploy over the stacks of the organization whose id is "acme". Rename the file to acme.json if it is acme's config`,
    ]);
  });

  it('leaves a malformed id to the schema, once', async () => {
    const path = await writeConfig('acme.json', { ...minimal, id: 'Acme' });
    expect(await loadProblems(path)).toEqual([`${path}: id: use lower-case letters, digits and dashes (at most 40)`]);
  });
});
