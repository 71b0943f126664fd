import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parseOrgConfig } from '../../shared/config.js';
import { percent } from '../../shared/domain/leader-findings.js';
import type { Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import { dashboardProblems, formFromPage, redact, runSmoke, SmokeFailure, type SmokeTarget } from '../../scripts/lib/smoke.js';
import { smokeOrgFromTemplate, smokeRosterCsv, throwawayProblems } from '../../scripts/lib/smoke-org.js';
import type { Staff } from '../../shared/domain/staff.js';

const BASE = 'https://pulse.smoke.example';
const TOKENS = Array.from({ length: 4 }, (_, i) => `${'t'.repeat(21)}${i}`);
const LINKS = TOKENS.map((token) => `${BASE}/p/${token}`);
const DASHBOARD = `${BASE}/d/executive.1790000000.${'s'.repeat(22)}`;

const PAGE = `<form method="post"><input type="hidden" name="lang" value="en"/><input type="hidden" name="wave" value="w20261207-01"/>
<fieldset><input type="radio" name="q_burnout" value="1" required/><input type="radio" name="q_burnout" value="2" required/></fieldset>
<fieldset><input type="radio" name="q_workload" value="1" required/><input type="radio" name="q_workload" value="5" required/></fieldset></form>`;

const published: Evaluation = {
  waveId: 'w20261207-01',
  hiddenGroups: [],
  groups: [
    {
      id: 'org',
      kind: 'org',
      covers: ['ward-a'],
      n: 3,
      staff: 4,
      figures: [{ domain: 'burnout', items: ['burnout'], share: 0.334, low: 0.1, high: 0.7, threshold: 0.45, status: 'ok', hotspotStreak: 0 }],
    },
  ],
};
const dashboardPage = (shares: number[]) => `<table>${shares.map((share) => `<td><span class="share">${percent(share)}</span></td>`).join('')}</table>`;

/** A stack in memory that does what each step asks, and records what was asked, in order. */
function fakeTarget(overrides: Partial<SmokeTarget> = {}): SmokeTarget & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    description: 'a stack in memory',
    prepare: async () => (calls.push('prepare'), 'prepared'),
    open: async () => (calls.push('open'), { waveId: 'w20261207-01', issued: 4, said: 'opened w20261207-01' }),
    links: async () => (calls.push('links'), { links: LINKS, said: '4 of 4 sent' }),
    close: async () => (calls.push('close'), 'closed'),
    sendDigests: async () => (calls.push('digests'), '1 of 1 sent'),
    dashboard: async () => (calls.push('dashboard'), { url: DASHBOARD, leaderName: 'Executive', published }),
    cleanUp: async () => (calls.push('clean up'), 'cleaned'),
    ...overrides,
  };
}

/** The public URL as a phone and a browser meet it: links answer until the close, the dashboard shows the figures. */
function fakeHttp(calls: string[], options: { closed?: () => boolean; submitStatus?: number } = {}): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${url.replace(BASE, '')}`);
    if (url === DASHBOARD) return new Response(dashboardPage([0.334]), { status: 200 });
    if (method === 'GET' && url === LINKS.at(-1)) return new Response('', { status: options.closed?.() ? 410 : 200 });
    if (method === 'GET') return new Response(PAGE, { status: 200 });
    const form = new URLSearchParams(String(init?.body));
    expect(form.get('wave')).toBe('w20261207-01');
    expect(['1', '2']).toContain(form.get('q_burnout'));
    return new Response('thanks', { status: options.submitStatus ?? 200 });
  };
}

describe('runSmoke', () => {
  it('runs open, deliver, answer, close, alerts and dashboard in order, each on a line with its time, and cleans up', async () => {
    const target = fakeTarget();
    let closed = false;
    const close = target.close;
    target.close = async (waveId) => ((closed = true), close(waveId));
    const lines: string[] = [];
    let clock = 0;
    const passed = await runSmoke(target, {
      print: (line) => lines.push(line),
      fetch: fakeHttp(target.calls, { closed: () => closed }),
      random: () => 0,
      now: () => (clock += 250),
    });

    expect(passed).toBe(true);
    expect(target.calls.filter((call) => !/^(GET|POST) \/p\/t{21}[0-2]$/.test(call))).toEqual([
      'prepare',
      'open',
      'links',
      'close',
      `GET /p/${TOKENS[3]}`,
      'digests',
      'dashboard',
      `GET ${DASHBOARD.replace(BASE, '')}`,
      'clean up',
    ]);
    // Every link but the last answered, page first; the last kept back to show the close.
    expect(target.calls.filter((call) => call.startsWith('POST'))).toEqual(TOKENS.slice(0, 3).map((token) => `POST /p/${token}`));
    expect(lines).toEqual([
      'Smoke test: a stack in memory',
      '\u2714 prepare:    prepared (0.3 s)',
      '\u2714 open:       opened w20261207-01 (0.3 s)',
      '\u2714 deliver:    4 of 4 sent (0.3 s)',
      `\u2714 answer:     3 of 4 links answered by POST to ${BASE}/p/<token>, each counted (200); 1 kept back (0.3 s)`,
      '\u2714 close:      closed; the link kept back unanswered now answers 410 (closed) (0.3 s)',
      '\u2714 alerts:     1 of 1 sent (0.3 s)',
      `\u2714 dashboard:  Executive's dashboard at ${BASE}/d/<link> answers 200 and shows the 1 published figures of 1 groups (0.3 s)`,
      '\u2714 clean up:   cleaned (0.3 s)',
      'Smoke test passed: every step worked.',
    ]);
  });

  it('stops at a failed step, lists the rest as not run, still cleans up, and prints no token or address', async () => {
    const target = fakeTarget({
      links: async () => {
        throw new Error(`could not send ${LINKS[0]} to nurse@riverside.example or +13125550100`);
      },
    });
    const lines: string[] = [];
    const passed = await runSmoke(target, { print: (line) => lines.push(line), fetch: fakeHttp(target.calls), now: () => 0 });

    expect(passed).toBe(false);
    expect(target.calls).toEqual(['prepare', 'open', 'clean up']);
    expect(lines[3]).toBe(`\u2718 deliver:    Error: could not send ${BASE}/p/<token> to <address> or <phone> (0.0 s)`);
    expect(lines.slice(4, 8)).toEqual(['answer', 'close', 'alerts', 'dashboard'].map((step) => `- ${`${step}:`.padEnd(11)} not run (deliver failed)`));
    expect(lines.at(-2)).toBe('\u2714 clean up:   cleaned (0.0 s)');
    expect(lines.at(-1)).toBe('Smoke test failed at deliver.');
  });

  it('fails the answer step with the statuses the public URL gave, and the close step when a closed link still opens', async () => {
    const busy = fakeTarget();
    const lines: string[] = [];
    expect(await runSmoke(busy, { print: (line) => lines.push(line), fetch: fakeHttp(busy.calls, { submitStatus: 503 }), now: () => 0 })).toBe(false);
    expect(lines).toContain(`\u2718 answer:     0 of 3 answers counted through ${BASE}/p/<token>; 3 503 (busy) (0.0 s)`);

    const stillOpen = fakeTarget();
    lines.length = 0;
    expect(await runSmoke(stillOpen, { print: (line) => lines.push(line), fetch: fakeHttp(stillOpen.calls, { closed: () => false }), now: () => 0 })).toBe(
      false,
    );
    expect(lines).toContain('\u2718 close:      closed, but the link kept back unanswered answers 200 instead of 410 (closed) (0.0 s)');
  });

  it('fails when cleaning up fails, though every step passed', async () => {
    const target = fakeTarget({ cleanUp: async () => Promise.reject(new SmokeFailure('the table could not be deleted')) });
    let closed = false;
    const close = target.close;
    target.close = async (waveId) => ((closed = true), close(waveId));
    const lines: string[] = [];
    expect(await runSmoke(target, { print: (line) => lines.push(line), fetch: fakeHttp(target.calls, { closed: () => closed }), now: () => 0 })).toBe(false);
    expect(lines.slice(-2)).toEqual(['\u2718 clean up:   the table could not be deleted (0.0 s)', 'Smoke test failed at clean up.']);
  });
});

describe('formFromPage', () => {
  it('keeps the hidden fields and picks one offered option for each question', () => {
    const form = formFromPage(PAGE, () => 0.99);
    expect(Object.fromEntries(form)).toEqual({ lang: 'en', wave: 'w20261207-01', q_burnout: '2', q_workload: '5' });
  });
});

describe('dashboardProblems', () => {
  it('accepts a page that shows exactly the published shares', () => {
    expect(dashboardProblems(dashboardPage([0.334]), published)).toEqual([]);
  });

  it('names a page that shows other figures, or a wave that published none', () => {
    expect(dashboardProblems(dashboardPage([0.5]), published)).toEqual(['it shows 1 figures where 1 were published, with other shares']);
    expect(dashboardProblems(dashboardPage([]), published)).toEqual(['it shows 0 figures where 1 were published']);
    expect(dashboardProblems(dashboardPage([]), { ...published, groups: [] })).toEqual([
      'the closed wave published no figures (too few answers, or the alert job did not run)',
    ]);
  });
});

describe('redact', () => {
  it('takes out tokens, dashboard links, addresses and phone numbers', () => {
    expect(redact(`GET ${DASHBOARD} for success+x@simulator.amazonses.com at +15555550123 from ${LINKS[0]}`)).toBe(
      `GET ${BASE}/d/<link> for <address> at <phone> from ${BASE}/p/<token>`,
    );
  });
});

describe('the smoke organization', () => {
  it('ships as a template whose id is its file name, and is a throwaway organization under any smoke- id', async () => {
    const text = await readFile('orgs/smoke-example.json', 'utf8');
    expect(parseOrgConfig(text, 'orgs/smoke-example.json', { fileName: 'smoke-example.json' }).id).toBe('smoke-example');
    const org = await smokeOrgFromTemplate('smoke-3f9a2c');
    expect(org.id).toBe('smoke-3f9a2c');
    expect(throwawayProblems(org)).toEqual([]);
  });

  it('has a roster of simulator addresses, k + 1 in each department, so one can stay unanswered and every department still publishes', async () => {
    const org = await smokeOrgFromTemplate('smoke-3f9a2c');
    const rows = smokeRosterCsv(org).trim().split('\n');
    expect(rows[0]).toBe('email,phone,department,role,locale,channel');
    expect(rows).toHaveLength(1 + 2 * (org.k + 1));
    expect(rows[1]).toBe('success+ward-a-1@simulator.amazonses.com,,ward-a,staff,en,email');
    for (const department of org.departments) expect(rows.filter((row) => row.includes(`,${department.id},`))).toHaveLength(org.k + 1);
  });

  it('refuses any other organization, counting the people it would reach and naming none of them', async () => {
    const org = await smokeOrgFromTemplate('smoke-3f9a2c');
    const real = {
      ...org,
      id: 'riverside',
      leaders: [{ ...org.leaders[0]!, email: 'dana.whitfield@riverside.example' }, ...org.leaders.slice(1)],
      channels: { ...org.channels, sms: { enabled: true, maxPerSecond: 3 } },
    };
    const person = (email: string, phone?: string): Staff => ({
      id: email,
      email,
      ...(phone ? { phone } : {}),
      department: 'ward-a',
      roleGroup: 'staff',
      locale: 'en',
      channel: 'email',
      active: true,
      emailOptOut: false,
      smsOptOut: false,
    });
    const roster = [
      person('success+ward-a-1@simulator.amazonses.com'),
      person('nurse@riverside.example'),
      person('success+ward-a-2@simulator.amazonses.com', '+13125550100'),
    ];
    const problems = throwawayProblems(real, roster);
    expect(problems).toEqual([
      'its id "riverside" does not start with "smoke-"',
      "1 of its leaders' addresses are not the SES mailbox simulator's (success+<label>@simulator.amazonses.com)",
      'it sends text messages (channels.sms.enabled), and SMS has no mailbox simulator',
      "2 of the 3 people on its roster have an address other than the SES mailbox simulator's, or a phone",
    ]);
    expect(throwawayProblems(org, [person('bounce@simulator.amazonses.com')])).toHaveLength(1);
  });
});
