import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { loadOrgConfig } from '../../shared/config.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { demoLinks, demoRespondents, seededRandom, simulatedForm } from '../../scripts/lib/demo-answers.js';
import { BASE_URL, linkToken, postForm, testPlatform } from '../support/scenario.js';
import { listRoster } from '../../shared/services/roster-reads.js';

/**
 * The demo organization through one whole wave: the emergency department answers with
 * heavy admin burden, the ICU with fewer than k answers; then the alert job runs twice.
 */
let p: Awaited<ReturnType<typeof testPlatform>>;
let firstRun: Awaited<ReturnType<typeof runAlerts>>;
let digests: Awaited<ReturnType<typeof p.outbox.list>>;

beforeAll(async () => {
  const org = await loadOrgConfig('orgs/demo.json');
  p = await testPlatform({ org, staff: [] });
  await importRoster(p, { file: 'orgs/demo-roster.csv', text: await readFile('orgs/demo-roster.csv', 'utf8') });
  const { wave } = await openWave(p.waveDeps);
  const invitations = await p.outbox.list();
  const random = seededRandom(7);
  for (const { link: token, profile } of demoRespondents(demoLinks(invitations, linkToken, await listRoster({ ...p.stores, org })), random)) {
    expect((await postForm(p.app, token, simulatedForm(wave.items, profile, random))).status).toBe(200);
  }
  await closeWave(p.waveDeps, wave.id);
  const before = (await p.outbox.list()).length;
  firstRun = await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org, log: p.log, baseUrl: BASE_URL });
  digests = (await p.outbox.list()).slice(before);
}, 120_000);
afterAll(async () => p.drop());

describe('alerts run on the demo', () => {
  it('sends the emergency department’s leader a digest naming the admin-burden hotspot with n and interval', () => {
    const ed = digests.find((m) => m.to === 'aisha.grant@riverside.example')!;
    expect(ed.subject).toMatch(/^\d+ hotspots?: Emergency department/);
    expect(ed.text).toMatch(/^\d+ hotspots?: Emergency department \(admin burden/m);
    expect(ed.text).toMatch(
      /HOTSPOT, admin burden: In Emergency department, \d+% of answers from \d+ people report a heavy admin burden\. Line 40%; 95% interval \d+% to \d+%/,
    );
    expect(ed.html).toContain('Hotspot');
  });

  it('shows nobody the ICU’s figures, which came from fewer than k answers', () => {
    const icu = firstRun.evaluation!;
    expect(icu.hiddenGroups).toContain('department:icu');
    for (const digest of digests) expect(digest.text, digest.to).not.toMatch(/Intensive care unit[,:][^\n]*\d+%/);
    const icuLeader = digests.find((m) => m.to === 'tom.becker@riverside.example')!;
    expect(icuLeader.text).toContain('Too few answers to report');
  });

  it('sends every leader one digest, quiet departments included', () => {
    expect(digests).toHaveLength(12);
    expect(new Set(digests.map((d) => d.to)).size).toBe(12);
    expect(digests.find((m) => m.to === 'kevin.walsh@riverside.example')!.subject).toMatch(/^No hotspots this pulse \(\d+% answered\)$/);
  });

  it('sends nothing new when it runs again', async () => {
    const before = (await p.outbox.list()).length;
    const again = await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org: p.org, log: p.log });
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toEqual(firstRun.sent);
    expect(firstRun.sent).toHaveLength(12);
    expect(await p.outbox.list()).toHaveLength(before);
  });

  it('reads back the figures it published, not the pulse evaluated again under today’s org file', async () => {
    // A larger k would hide most groups, if the pulse were evaluated again: two versions of
    // the same answers, which could be subtracted from each other.
    const changed = { ...p.org, k: 40 };
    const again = await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org: changed, log: p.log }, { dryRun: true });
    expect(JSON.parse(JSON.stringify(again.evaluation))).toEqual(JSON.parse(JSON.stringify(firstRun.evaluation)));
    expect(again.digests.map((d) => d.subject)).toEqual(firstRun.digests.map((d) => d.subject));
  });
});

describe('the leader dashboard behind each digest', () => {
  const digestTo = (email: string) => digests.find((m) => m.to === email)!;
  const dashboardPath = (text: string) => /https:\/\/pulse\.test\.example(\/d\/\S+)/.exec(text)?.[1];
  const open = async (email: string) => {
    const path = dashboardPath(digestTo(email).text);
    expect(path, email).toBeDefined();
    const response = await p.app.request(path!);
    return { response, html: await response.text() };
  };
  /** The group names a dashboard shows figures for: the row headers of its table. */
  // The rows of the figures table; the heatmap above it also names hidden departments, by name only.
  const rowLabels = (html: string) =>
    [...html.slice(html.indexOf('<table class="figures">')).matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1]!.trim());

  it('opens from the emergency manager’s digest on her department, with the admin-burden hotspot, n and interval', async () => {
    const ed = digestTo('aisha.grant@riverside.example');
    expect(ed.html).toContain('Open your dashboard');
    const { response, html } = await open('aisha.grant@riverside.example');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    // Its role groups follow where they reached k (which ones depends on who answered).
    const labels = rowLabels(html);
    expect(labels[0]).toBe('Emergency department');
    expect(labels.every((label) => label.startsWith('Emergency department'))).toBe(true);
    expect(html).toMatch(
      /Needs attention<\/h2><h3>Hotspots<\/h3><ul class="attention">(<li>.*?<\/li>)*<li><a href="#g0">Emergency department<\/a>: admin burden \d+%/,
    );
    expect(html).toContain('<tr id="g0"><th scope="row" class="d0">Emergency department</th>');
    expect(html).toMatch(/Admin burden<span class="limit">line 40%<\/span>/);
    expect(html).toMatch(
      /Hotspot<\/span>(<span class="tag persistent">Persistent<\/span>)?(<span class="tag rising">Rising<\/span>)?(<svg class="trend".*?<\/svg>)?(<a class="ref".*?<\/a>)*<details><summary>Details<\/summary><span class="range">Line 40%; (95% interval \d+% to \d+%|with the pulse before)/,
    );
    const n = firstRun.evaluation!.groups.find((g) => g.id === 'department:emergency')!.n;
    expect(html).toContain(`<td data-label="Answered">${n}<span class="rate">`);
  });

  it('shows each leader only the departments they oversee, and nobody the ICU’s figures', async () => {
    const billing = rowLabels((await open('kevin.walsh@riverside.example')).html);
    expect(billing[0]).toBe('Billing');
    expect(billing.every((label) => label.startsWith('Billing'))).toBe(true);
    const ceo = rowLabels((await open('dana.whitfield@riverside.example')).html);
    expect(ceo[0]).toBe('Riverside Community Health');
    expect(ceo).toContain('Emergency department');
    expect(ceo).toContain('Billing');
    for (const digest of digests) {
      const { html } = await open(digest.to);
      expect(rowLabels(html), digest.to).not.toContain('Intensive care unit');
      // In the heatmap it keeps its place, with the reason and no figure.
      if (html.includes('>Intensive care unit</th>'))
        expect(html, digest.to).toMatch(
          />Intensive care unit<\/th><td class="h-hidden" colspan="\d">Hidden: fewer than 5 answered, or it would reveal a smaller group<\/td>/,
        );
    }
    expect((await open('tom.becker@riverside.example')).html).toMatch(/Too few answers to report[^<]*Intensive care unit/);
  });

  it('does not open for an edited or foreign link, and tells a leader whose link expired to use the newest digest', async () => {
    const path = dashboardPath(digestTo('aisha.grant@riverside.example').text)!;
    const [leaderPart, expires, signature] = path.slice('/d/'.length).split('.');
    const asCeo = `/d/${Buffer.from('ceo').toString('base64url')}.${expires}.${signature}`;
    const tampered = `/d/${leaderPart}.${expires}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    for (const bad of [asCeo, tampered, '/d/nothing']) {
      const response = await p.app.request(bad);
      expect(response.status, bad).toBe(404);
      expect(await response.text()).toContain('We do not recognize this dashboard link');
    }
    p.clock.advance(46 * 86_400_000);
    const expired = await p.app.request(path);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Use the link in your newest digest');
  });
});

describe('alerts on open waves', () => {
  it('evaluate nothing while no wave has closed', async () => {
    const fresh = await testPlatform();
    try {
      await openWave(fresh.waveDeps);
      const report = await runAlerts({ ...fresh.stores, messenger: fresh.outbox, clock: fresh.clock, org: fresh.org, log: fresh.log });
      expect(report).toEqual({ waveId: undefined, digests: [], sent: [], alreadySent: [], refused: [], retryLater: [] });
    } finally {
      await fresh.drop();
    }
  });
});
