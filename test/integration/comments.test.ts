import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { dashboardUrl, ensureDashboardKey } from '../../shared/services/dashboard-links.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { showComments } from '../../shared/use-cases/show-dashboard.js';
import type { Staff } from '../../shared/domain/staff.js';
import { dropAfterEach } from '../support/drop-after-each.js';
import { scanTable } from '../support/stored-anonymity.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, completeForm, openTestWave, postForm } from '../support/scenario.js';

/**
 * Staff's comments, read back from the table and from what leaders are shown: kept scrubbed,
 * beside nothing that names an answer, and shown only to groups large enough.
 */
const track = dropAfterEach();

const LEADERS: OrgConfig['leaders'] = [
  { id: 'ceo', name: 'Cy Exec', email: 'ceo@test.example', executive: true, departments: [], locale: 'en' },
  { id: 'ed-lead', name: 'Ed Lead', email: 'ed@test.example', departments: ['ed'], executive: false, locale: 'en' },
];

async function scenario(staff: Staff[], org: OrgConfig = testOrg({ leaders: LEADERS })) {
  return track(await openTestWave({ org, staff }));
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

const tableItems = (s: Scenario) => scanTable(s.documentClient, s.tableName);
const commentItems = async (s: Scenario) => (await tableItems(s)).filter((item) => String(item.pk).startsWith('COMMENT#'));

/** Everyone in `department` answers, each with a comment that says whose unit it came from. */
async function everyoneComments(s: Scenario, department: string, note = (i: number) => `${department} note ${i}: more float nurses please`) {
  const people = s.staff.filter((person) => person.department === department);
  for (const [i, person] of people.entries()) {
    const response = await postForm(s.app, s.tokenFor.get(person.email!)!, { ...completeForm(s.wave.items), comment: note(i) });
    expect(response.status).toBe(200);
  }
}

async function closeAndPublish(s: Scenario) {
  await closeWave(s.waveDeps, s.wave.id);
  await runAlerts({ ...s.stores, messenger: s.outbox, clock: s.clock, org: s.org, log: s.log, baseUrl: BASE_URL });
}

async function commentsFor(s: Scenario, leaderId: string, random: () => number = Math.random) {
  const key = await ensureDashboardKey(s.stores.actions);
  const link = dashboardUrl(key, BASE_URL, leaderId, s.clock.now()).split('/d/')[1]!;
  const result = await showComments({ ...s.stores, clock: s.clock, org: s.org, random }, link);
  if (result.kind !== 'comments') throw new Error(`no comments page: ${result.kind}`);
  return result;
}

describe('a comment sent with a pulse', () => {
  it('is stored without the email, phone number, record number, date or name it held, and beside nothing else', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 6));
    const comment =
      'Dr. Karen Whitfield said on 3/14 to email jane.doe@example.org or call 555-867-5309 about MRN 00123456. We need more float nurses on nights.';
    const response = await postForm(s.app, s.tokens[0]!, { ...completeForm(s.wave.items), comment });
    expect(response.status).toBe(200);

    const everything = JSON.stringify(await tableItems(s), (_, value) => (value instanceof Set ? [...value] : value));
    for (const personal of ['Whitfield', 'Karen', 'jane.doe', 'example.org', '867-5309', '5309', '00123456', '3/14'])
      expect(everything).not.toContain(personal);
    const [bucket, ...others] = await commentItems(s);
    expect(others).toEqual([]);
    // No token, time, shard, language or order: the key, the set of texts, and the wave's one deletion time.
    expect(Object.keys(bucket!).sort()).toEqual(['comments', 'expiresAt', 'pk', 'sk']);
    const [stored] = [...(bucket!.comments as Set<string>)];
    expect(stored).toContain('We need more float nurses on nights.');
    expect(bucket!.pk).toBe(`COMMENT#${s.wave.id}#ed`);
  });

  it('is kept only when its answers are counted: not from a refused form, a used link, or a closed wave', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 6));
    const incomplete = completeForm(s.wave.items);
    delete incomplete.q_workload;
    expect((await postForm(s.app, s.tokens[0]!, { ...incomplete, comment: 'from a refused form' })).status).toBe(422);
    expect((await postForm(s.app, s.tokens[0]!, { ...completeForm(s.wave.items), comment: 'x'.repeat(501) })).status).toBe(422);
    expect(await commentItems(s)).toEqual([]);
    expect((await postForm(s.app, s.tokens[0]!, { ...completeForm(s.wave.items), comment: 'first and only' })).status).toBe(200);
    expect((await postForm(s.app, s.tokens[0]!, { ...completeForm(s.wave.items), comment: 'second try on a used link' })).status).toBe(409);
    await closeWave(s.waveDeps, s.wave.id);
    expect((await postForm(s.app, s.tokens[1]!, { ...completeForm(s.wave.items), comment: 'after close' })).status).toBe(410);
    const texts = (await commentItems(s)).flatMap((item) => [...(item.comments as Set<string>)]);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('first and only');
  });

  it('keeps two people’s identical words as two comments', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 6));
    for (const token of s.tokens.slice(0, 2)) await postForm(s.app, token, { ...completeForm(s.wave.items), comment: 'More staff.' });
    expect((await commentItems(s)).flatMap((item) => [...(item.comments as Set<string>)])).toHaveLength(2);
  });
});

describe('comments leaders read', () => {
  it('are not shown for a group of 9 respondents, and are for 10', async () => {
    const nine = await scenario(staffIn('ed', 'nurse', 9));
    await everyoneComments(nine, 'ed');
    await closeAndPublish(nine);
    expect((await commentsFor(nine, 'ed-lead')).sections).toEqual([]);
    expect((await commentsFor(nine, 'ceo')).sections).toEqual([]);

    const ten = await scenario(staffIn('ed', 'nurse', 10));
    await everyoneComments(ten, 'ed');
    await closeAndPublish(ten);
    const [section, ...others] = (await commentsFor(ten, 'ed-lead')).sections;
    expect(others).toEqual([]);
    expect(section!.quotes).toHaveLength(10);
  });

  it('never let a department’s comments less its children’s set apart a group under ten', async () => {
    // Clinic is ED (12 answered) and Lab (6 answered, shown as figures at k = 5): shown both,
    // Clinic's comments less ED's would be Lab's six.
    const s = await scenario([...staffIn('ed', 'nurse', 12), ...staffIn('lab', 'nurse', 6)]);
    await everyoneComments(s, 'ed');
    await everyoneComments(s, 'lab');
    await closeAndPublish(s);
    const published = (await s.stores.figures.readPublished(s.wave.id))!;
    expect(published.groups.map((g) => g.id)).toEqual(expect.arrayContaining(['department:lab', 'department:ed', 'department:clinic']));
    const { sections } = await commentsFor(s, 'ceo');
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      const fromEd = section.quotes.map((q) => q.text).filter((text) => text.startsWith('ed note')).length;
      const fromLab = section.quotes.map((q) => q.text).filter((text) => text.startsWith('lab note')).length;
      // A section holds the comments of its group no shown subgroup holds: never Lab's alone.
      expect(fromLab > 0 && fromEd === 0, `${section.group.id} holds Lab's six comments and nothing else`).toBe(false);
    }
    const groupsShown = sections.map((section) => section.group.id);
    expect(groupsShown.includes('department:clinic') && groupsShown.includes('department:ed')).toBe(false);
  });

  it('come in an order that says nothing of who wrote first', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 12));
    await everyoneComments(s, 'ed', (i) => `comment number ${i}`);
    await closeAndPublish(s);
    let seed = 7;
    const seeded = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const orders = await Promise.all(
      Array.from({ length: 5 }, async () => (await commentsFor(s, 'ed-lead', seeded)).sections[0]!.quotes.map((q) => q.text).join('|')),
    );
    const written = Array.from({ length: 12 }, (_, i) => `comment number ${i}`);
    expect(orders.every((order) => order !== written.join('|'))).toBe(true);
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('never reach an email: no digest holds a word of them', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 12));
    await everyoneComments(s, 'ed', (i) => `zebra-quilt-${i} overtime every week`);
    await closeAndPublish(s);
    const digests = (await s.outbox.list()).filter((message) => message.to.endsWith('@test.example'));
    expect(digests.length).toBeGreaterThan(0);
    for (const digest of digests) expect(JSON.stringify(digest)).not.toMatch(/zebra-quilt/);
    expect((await commentsFor(s, 'ed-lead')).sections[0]!.quotes.map((q) => q.text).every((text) => text.includes('zebra-quilt'))).toBe(true);
  });
});

describe('comments as CSV', () => {
  async function csvOf(s: Scenario, leaderId: string) {
    const key = await ensureDashboardKey(s.stores.actions);
    const link = dashboardUrl(key, BASE_URL, leaderId, s.clock.now()).split('/d/')[1]!;
    return s.app.request(`${BASE_URL}/d/${link}/comments/csv`);
  }

  it('are not offered or served unless the organization turns them on', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 12));
    await everyoneComments(s, 'ed');
    await closeAndPublish(s);
    expect((await csvOf(s, 'ed-lead')).status).toBe(404);
    const key = await ensureDashboardKey(s.stores.actions);
    const page = await (await s.app.request(`${dashboardUrl(key, BASE_URL, 'ed-lead', s.clock.now())}/comments`)).text();
    expect(page).toContain('ed note 3');
    expect(page).not.toContain('/comments/csv');
  });

  it('hold each shown comment once with its group and themes, a formula kept from running', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 12), testOrg({ leaders: LEADERS, comments: { csv: true } }));
    await everyoneComments(s, 'ed', (i) => (i === 0 ? '=HYPERLINK("http://x","click") short-staffed' : `ed note ${i}: short-staffed on nights`));
    await closeAndPublish(s);
    const response = await csvOf(s, 'ed-lead');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('care-pulse-comments-');
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Group,Themes,Comment');
    expect(lines).toHaveLength(13);
    expect(lines.slice(1).every((line) => line.startsWith('Emergency,') && line.includes('Staffing and workload'))).toBe(true);
    expect(lines.some((line) => line.includes(`"'=HYPERLINK`))).toBe(true);
    expect(lines.some((line) => /,=HYPERLINK/.test(line))).toBe(false);
  });
});

describe('comments turned off', () => {
  it('are shown to nobody, those written before included', async () => {
    const s = await scenario(staffIn('ed', 'nurse', 12));
    await everyoneComments(s, 'ed');
    await closeAndPublish(s);
    const off = { ...s.org, comments: { ...s.org.comments, enabled: false } };
    const app = createApp({ ...s.stores, clock: s.clock, org: off, log: s.log });
    const key = await ensureDashboardKey(s.stores.actions);
    const link = dashboardUrl(key, BASE_URL, 'ed-lead', s.clock.now());
    expect((await app.request(`${link}/comments`)).status).toBe(404);
    expect(await (await app.request(link)).text()).not.toContain('/comments');
    expect((await s.app.request(`${link}/comments`)).status).toBe(200);
  });
});
