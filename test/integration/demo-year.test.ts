import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { OutboxEntry } from '../../shared/adapters/outbox.js';
import type { WaveCounts } from '../../shared/domain/evaluate-hotspots.js';
import { BASE_URL, testPlatform } from '../support/scenario.js';
import { attributeLeaksOf, truth } from '../support/audit-orgs.js';
import { createApp } from '../../functions/api/app.js';
import { dashboardUrl, ensureDashboardKey } from '../../shared/services/dashboard-links.js';
import { findLeaks, publishedSums } from '../support/disclosure-auditor.js';
import { loadOrgConfig } from '../../shared/config.js';
import { numbersIn, precisionProblems, type Artefact } from '../support/published-numbers.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { frozenCounts, runAlerts } from '../../shared/use-cases/run-alerts.js';
import { copySeededDemoYear } from '../support/seeded-demo.js';

/**
 * The demo organization as `npm start` builds it, seeded once for two readers: its roster, a
 * year of pulses answered through the real submit path and published by the real use cases,
 * the digests the alert run sends, every leader's dashboard and CSV as the app serves them (in
 * English and in Spanish), and the next pulse's invitations with their "you said, we did"
 * lines. Every number in all of it is held to the precision of the figure it draws
 * (test/support/published-numbers.ts), and both attackers work over the year as published.
 */
let platform: Awaited<ReturnType<typeof testPlatform>>;
let org: OrgConfig;
const artefacts: Artefact[] = [];
let year: WaveCounts[] = [];

/** A message as its reader gets it: subject, HTML and text of an email, the text of an SMS. */
const messageArtefacts = (entry: OutboxEntry, name: string): Artefact[] => [
  ...(entry.subject !== undefined ? [{ name: `${name} subject`, kind: 'text' as const, body: entry.subject }] : []),
  ...(entry.html !== undefined ? [{ name: `${name} html`, kind: 'html' as const, body: entry.html }] : []),
  { name: `${name} text`, kind: 'text', body: entry.text },
];

beforeAll(async () => {
  org = await loadOrgConfig('orgs/demo.json');
  platform = await testPlatform({ org, staff: [] });
  await copySeededDemoYear(platform, org);
  // The year as closed and frozen, before the next pulse opens below.
  const waves = (await platform.stores.waves.listWaves()).sort((x, y) => x.openedAt.localeCompare(y.openedAt));
  const frozen = await frozenCounts(platform.stores.waves, waves);
  year = waves.map((wave) => frozen.get(wave.id)!);
  await runAlerts({ ...platform.stores, messenger: platform.outbox, clock: platform.clock, org, log: platform.log, baseUrl: BASE_URL });
  const digests = await platform.outbox.list();
  for (const entry of digests) artefacts.push(...messageArtefacts(entry, `digest to ${entry.to}`));
  // The same digests as every leader would read them in Spanish (composed, not sent).
  const spanish = { ...org, leaders: org.leaders.map((l) => ({ ...l, locale: 'es' as const })) };
  const dryRun = await runAlerts(
    { ...platform.stores, messenger: platform.outbox, clock: platform.clock, org: spanish, log: platform.log, baseUrl: BASE_URL },
    { dryRun: true },
  );
  for (const digest of dryRun.digests) artefacts.push({ name: `digest (es) to ${digest.to} text`, kind: 'text', body: digest.text });

  const key = await ensureDashboardKey(platform.stores.actions);
  for (const locale of ['en', 'es'] as const) {
    // The same figures read in either language: every leader as if they read this one.
    const app = createApp({
      ...platform.stores,
      clock: platform.clock,
      org: { ...org, leaders: org.leaders.map((l) => ({ ...l, locale })) },
      log: platform.log,
      outbox: platform.outbox,
    });
    for (const leader of org.leaders) {
      const path = new URL(dashboardUrl(key, BASE_URL, leader.id, platform.clock.now())).pathname;
      const page = await app.request(path);
      const csv = await app.request(`${path}/csv`);
      if (page.status !== 200 || csv.status !== 200) throw new Error(`${leader.id}'s dashboard answered ${page.status}, its CSV ${csv.status}`);
      artefacts.push(
        { name: `dashboard of ${leader.id} (${locale})`, kind: 'html', body: await page.text() },
        { name: `csv of ${leader.id} (${locale})`, kind: 'csv', body: await csv.text() },
      );
    }
  }

  await openWave(platform.waveDeps);
  const sent = new Set(digests.map((d) => d.id));
  for (const entry of await platform.outbox.list()) if (!sent.has(entry.id)) artefacts.push(...messageArtefacts(entry, `invitation to ${entry.to}`));
}, 600_000);

afterAll(async () => {
  await platform?.drop();
});

describe('the demo organization’s published artefacts', () => {
  it('hold no number more precise than the figure it draws', () => {
    // Every kind was read, with figures in it: the executive's dashboard draws trends and measures the EHR upgrade.
    expect(artefacts.filter((a) => a.name.startsWith('digest')).length).toBeGreaterThanOrEqual(org.leaders.length * 3);
    expect(artefacts.filter((a) => a.name.startsWith('invitation')).length).toBeGreaterThan(150);
    expect(artefacts.some((a) => a.name.startsWith('invitation') && /EHR|Scribes|Escribas/.test(a.body))).toBe(true);
    const executive = artefacts.find((a) => a.name === 'dashboard of ceo (en)')!;
    expect(executive.body).toContain('<polyline');
    expect(executive.body).toMatch(/Admin burden \d+% before &#39;EHR upgrade/);
    expect(artefacts.find((a) => a.name === 'dashboard of ceo (es)')!.body).toMatch(
      /Carga administrativa: \d+% antes de &#39;Actualización del expediente clínico electrónico/,
    );
    expect(numbersIn(executive)).toBeGreaterThan(500);
    expect(artefacts.flatMap(precisionProblems)).toEqual([]);
  });
});

describe('the demo organization’s digests', () => {
  // Every flag's statistics, as the digest's text writes them after its plain sentence.
  const day = { en: '[A-Z][a-z]{2} \\d{1,2}', es: '\\d{1,2} de [a-zé]+' };
  const said = {
    en: {
      flag: /^(HOTSPOT|WORSENING), /,
      line: /Line \d+%;/,
      read: new RegExp(
        `\\d+% likely above the line \\(a hotspot at \\d+%\\), reading (this pulse alone|this pulse as a change from the ones before|the \\d+ pulses since ${day.en} as one level \\(\\d+% of \\d+ answers\\))`,
      ),
      baseline: new RegExp(
        `(rising (this pulse|over this pulse and the one before) from \\d+%, the average of |\\d+% in )(the pulse of ${day.en}|\\d+ pulses between ${day.en} and ${day.en})|first pulse with enough answers to compare`,
      ),
    },
    es: {
      flag: /^(PUNTO CRÍTICO|EMPEORANDO), /,
      line: /Umbral \d+ ?%;/,
      read: new RegExp(
        `\\d+ ?% de probabilidad de estar sobre el umbral \\(punto crítico desde \\d+ ?%\\), leyendo (esta encuesta sola|esta encuesta como un cambio respecto de las anteriores|las \\d+ encuestas desde el ${day.es} como un mismo nivel \\(\\d+ ?% de \\d+ respuestas\\))`,
      ),
      baseline: new RegExp(
        `(en aumento (en esta encuesta|en esta encuesta y la anterior) desde \\d+ ?%, el promedio de |\\d+ ?% en )(la encuesta del ${day.es}|\\d+ encuestas entre el ${day.es} y el ${day.es})|primera encuesta con suficientes respuestas para comparar`,
      ),
    },
  };

  it('name, for every flag, its line, the pulses it read and the baseline it was held against', () => {
    const flags = artefacts
      .filter((a) => a.name.startsWith('digest') && a.name.endsWith(' text'))
      .flatMap((a) => a.body.split('\n').filter((line) => said.en.flag.test(line) || said.es.flag.test(line)));
    const byLanguage = { en: flags.filter((line) => said.en.flag.test(line)), es: flags.filter((line) => said.es.flag.test(line)) };
    for (const locale of ['en', 'es'] as const) {
      const words = said[locale];
      for (const flag of byLanguage[locale]) {
        expect(flag, flag).toMatch(words.line);
        expect(flag, flag).toMatch(words.baseline);
        if (/^(HOTSPOT|PUNTO CRÍTICO)/.test(flag)) expect(flag, flag).toMatch(words.read);
      }
    }
    // The demo's year holds every case: hotspots read over several pulses, and rises, in both languages.
    expect(byLanguage.en.some((line) => /reading the \d+ pulses since/.test(line))).toBe(true);
    expect(byLanguage.en.some((line) => line.startsWith('WORSENING'))).toBe(true);
    expect(byLanguage.es.length).toBe(byLanguage.en.length);
  });
});

describe('the demo organization’s year, to an attacker holding everything published', () => {
  it('pins down no hidden group’s answer on any domain, in any pulse', async () => {
    const evaluations = [...(await platform.stores.figures.readPublishedMany(year.map((w) => w.wave.id))).values()];
    expect(evaluations).toHaveLength(year.length);
    expect(year.length).toBeGreaterThanOrEqual(24);
    // Read back from the counts frozen at close: every pulse was answered.
    expect(year.filter((w) => w.units.reduce((sum, u) => sum + u.counts.n, 0) < 50).map((w) => w.wave.id)).toEqual([]);
    expect(attributeLeaksOf(org, year, evaluations)).toEqual([]);
  }, 300_000);

  it('solves no group of 1 to k - 1 people, pulse by pulse and with the pulse before', async () => {
    const evaluations = await platform.stores.figures.readPublishedMany(year.map((w) => w.wave.id));
    const plans = new Map(year.map((w) => [w.wave.id, w.wave]));
    for (const [i, wave] of year.entries()) {
      const pair = year.slice(Math.max(0, i - 1), i + 1);
      const published = pair.flatMap((w) => publishedSums(org, plans, evaluations.get(w.wave.id)!));
      expect(findLeaks(published, truth(...pair), org.k), wave.wave.id).toEqual([]);
    }
  }, 300_000);
});
