/// <reference lib="dom" />
// The page functions run in the browser, where the DOM is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { loadOrgConfig } from '../../shared/config.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { copySeededDemoYear } from '../support/seeded-demo.js';
import { SUBJECT_CHARS } from '../../shared/domain/digest.js';
import { linkToken, testPlatform } from '../support/scenario.js';
import { englishIn, readableText } from '../support/english.js';
import { createApp } from '../../functions/api/app.js';
import { dashboardUrl, ensureDashboardKey } from '../../shared/services/dashboard-links.js';
import { DashboardNoticePage } from '../../web/views/dashboard-notice-page.js';
import { DashboardPage } from '../../web/views/dashboard-page.js';
import { composeDashboard } from '../../shared/domain/dashboard.js';
import { largeOrganization } from '../support/large-org.js';
import { writeCardSheet } from '../../scripts/lib/cards-command.js';

/**
 * Every page a person sees, in a real browser (Debian's Chromium): accessibility checked by
 * axe-core against WCAG 2.1 A and AA, the pulse answered with script off and by keyboard
 * alone, the dashboard and digests at a phone's 390 px, and screenshots under
 * .local/screenshots for people to look at.
 */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => path !== undefined && existsSync(path),
);
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = '.local/screenshots';
const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

let p: Awaited<ReturnType<typeof testPlatform>>;
let server: ServerType;
let base = '';
let browser: Browser;
let invitations: Awaited<ReturnType<typeof p.outbox.list>> = [];
let digests: Awaited<ReturnType<typeof p.outbox.list>> = [];

beforeAll(async () => {
  if (!CHROMIUM) {
    throw new Error(
      'No Chromium found for the browser tests. Install it with `apt-get update && apt-get install -y chromium` (Debian), or set CHROMIUM_PATH to a Chromium or Chrome binary. These tests never skip.',
    );
  }
  const org = await loadOrgConfig('orgs/demo.json');
  p = await testPlatform({ org, staff: [] });
  // The year a newcomer's `npm start` shows: trends, a measured action and follow-ups.
  await copySeededDemoYear(p, org);
  const before = (await p.outbox.list()).length;
  await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org, log: p.log, baseUrl: 'BASE' });
  digests = (await p.outbox.list()).slice(before);
  await openWave(p.waveDeps);
  invitations = (await p.outbox.list()).slice(before + digests.length);
  server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: p.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  await mkdir(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await p?.drop();
});

/** A page at a phone's width; script on (for axe) unless asked otherwise. */
async function phonePage(options: { script?: boolean; width?: number } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ ...PHONE, width: options.width ?? PHONE.width });
  // Our pages allow no script at all (CSP); axe is injected by the test, not by the page.
  await page.setBypassCSP(true);
  if (options.script === false) await page.setJavaScriptEnabled(false);
  return page;
}

/** axe-core's WCAG 2.1 A and AA violations on what the page shows now, as readable lines. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * How far the page reaches past the width it was given. Measured against that width, not
 * `innerWidth`: a phone widens its layout viewport to fit content that overflows, so a page
 * too wide for it measured against itself.
 */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate((width) => document.documentElement.scrollWidth - width, page.viewport()!.width);
}

/**
 * Words the page shows broken across two lines: each word of each text node measured where the
 * browser laid it out. A word with a hyphen, dash or slash may break there, so those are left out.
 */
async function wordsBrokenAcrossLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/[^\s]+/g)) {
        if (/[-‐–—/]/.test(match[0])) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

const linkOf = (email: string) => `/p/${linkToken(invitations.find((m) => m.to === email)!.text)}`;
const dashboardOf = (email: string) => /BASE(\/d\/\S+)/.exec(digests.find((m) => m.to === email)!.text)![1]!;

describe('the accessibility check', () => {
  it('finds the violations of a page built to have them (the control)', async () => {
    const page = await phonePage();
    await page.setContent(
      '<!doctype html><html><head><title>x</title></head><body><img src="x.png"><p style="color:#ccc;background:#fff">faint</p><input type="text"></body></html>',
    );
    const found = (await violations(page)).map((v) => v.split(':')[0]);
    expect(found).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'color-contrast', 'label']));
    await page.close();
  });
});

describe('the pulse, in a browser', () => {
  it('has no accessibility violations, and is answered with script off and the keyboard alone', async () => {
    const page = await phonePage({ script: false });
    await page.goto(`${base}${linkOf('ben.hughes.1@riverside.example')}`);
    expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
    await page.screenshot({ path: join(SHOTS, 'pulse-390.png'), fullPage: true });
    const questions = await page.$$eval('fieldset', (sets) => sets.length);
    // Tab to each question's first answer, choose it with Space, then send with Enter.
    for (let answered = 0; answered < questions; answered++) {
      for (let presses = 0; presses < 10; presses++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio')) break;
      }
      await page.keyboard.press('Space');
    }
    expect(await page.$$eval('input[type=radio]:checked', (checked) => checked.length)).toBe(questions);
    // The optional comment comes next, typed by keyboard too, then the button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment');
    await page.keyboard.type('More float nurses on nights.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.content()).toContain('Your answers are counted');
    await page.close();

    const audit = await phonePage();
    await audit.goto(`${base}${linkOf('yusuf.khan.50@riverside.example')}?lang=es`);
    expect(await violations(audit)).toEqual([]);
    expect(await horizontalOverflow(audit)).toBeLessThanOrEqual(0);
    await audit.close();
  });

  it('has no accessibility violations on the thanks page and the form sent back with a missing answer', async () => {
    const page = await phonePage();
    const link = linkOf('wen.reyes.48@riverside.example');
    await page.goto(`${base}${link}`);
    // The browser would stop a form with a required answer missing; a page from before the
    // question was added would not: answer the others, take out the first question, send.
    for (const name of (await page.$$eval('fieldset', (sets) => sets.map((set) => set.id))).slice(1)) await page.click(`fieldset#${name} input[type=radio]`);
    await page.$eval('fieldset', (first) => first.remove());
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.content()).toContain('Please answer every question before sending');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pulse-422-390.png'), fullPage: true });
    // Answer everything now, from the page the server sent back.
    for (const name of await page.$$eval('fieldset', (sets) => sets.map((set) => set.id))) await page.click(`fieldset#${name} input[type=radio]`);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.content()).toContain('Your answers are counted');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'thanks-390.png'), fullPage: true });
    await page.close();

    // A comment in crisis: support first, in Spanish too, and no violations.
    for (const [email, lang, comment] of [
      ['farah.patel.5@riverside.example', 'es', 'Ya no puedo más, a veces quiero morir.'],
      ['emily.ibarra.4@riverside.example', 'en', 'Some nights I want to end my life.'],
    ] as const) {
      const crisis = await phonePage();
      await crisis.goto(`${base}${linkOf(email)}?lang=${lang}`);
      for (const name of await crisis.$$eval('fieldset', (sets) => sets.map((set) => set.id))) await crisis.click(`fieldset#${name} input[type=radio]`);
      await crisis.type('#comment', comment);
      await Promise.all([crisis.waitForNavigation(), crisis.click('button[type=submit]')]);
      expect(await crisis.$eval('h1', (h1) => h1.textContent)).toBe(
        lang === 'es' ? 'No tiene que cargar con esto solo/a' : 'You do not have to carry this alone',
      );
      expect(await violations(crisis)).toEqual([]);
      expect(await horizontalOverflow(crisis)).toBeLessThanOrEqual(0);
      await crisis.screenshot({ path: join(SHOTS, `thanks-crisis-${lang}-390.png`), fullPage: true });
      await crisis.close();
    }
  });

  it('has no accessibility violations on an open pulse, in both languages, in a 600 px window too', async () => {
    // The link names no language (beside a token it would single out a unit's Spanish speakers): the page asks.
    for (const [email, lang] of [
      ['deshawn.brooks.3@riverside.example', 'en'],
      ['carla.okafor.2@riverside.example', 'es'],
    ] as const) {
      for (const width of [390, 600]) {
        const page = await phonePage({ width });
        await page.goto(`${base}${linkOf(email)}${lang === 'es' ? '?lang=es' : ''}`);
        expect(await page.$eval('html', (html) => html.lang)).toBe(lang);
        // Who is asking, above the title: the organization and the pulse's days.
        expect(await page.$eval('header .org', (org) => (org as HTMLElement).innerText)).toMatch(
          lang === 'en' ? /^Riverside Community Health\nPulse of \w+ \d+/ : /^Riverside Community Health\nEncuesta del \d+ (al \d+ )?de \w+/,
        );
        expect(await violations(page), `${email} at ${width}`).toEqual([]);
        expect(await horizontalOverflow(page), `${email} at ${width}`).toBeLessThanOrEqual(0);
        await page.close();
      }
    }
  });

  it('has no accessibility violations on unknown, used and unsubscribe pages', async () => {
    const page = await phonePage();
    for (const [path, text] of [
      ['/p/nonsense', 'We do not recognize this link'],
      [linkOf('ben.hughes.1@riverside.example'), 'You have already answered'],
      [/\/u\/\S+/.exec(invitations.find((m) => m.to === 'ben.hughes.1@riverside.example')!.text)![0].replace('BASE', ''), 'email'],
    ] as const) {
      await page.goto(`${base}${path.replace(/^.*?(\/[pu]\/)/, '$1')}`);
      expect(await page.content(), path).toContain(text);
      expect(await violations(page), path).toEqual([]);
    }
    await page.close();
  });
});

describe('printed cards, in a browser', () => {
  it('prints a department’s sheet with a QR code and the link on every card, six to an A4 or Letter page, with no accessibility violations at 390 and 600 px', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cards-'));
    const deps = {
      org: p.org,
      orgFile: 'orgs/demo.json',
      waves: p.stores.waves,
      secrets: p.secrets,
      clock: p.clock,
      baseUrl: 'https://pulse.riverside.example',
    };
    const { file, cards } = await writeCardSheet(deps, 'med-surg', { cwd: folder });
    expect(cards).toBe(8);
    for (const width of [390, 600]) {
      const page = await phonePage({ width });
      await page.goto(pathToFileURL(file).href);
      expect(await page.$eval('html', (html) => html.lang)).toBe('en');
      expect(await violations(page), `card sheet at ${width}`).toEqual([]);
      expect(await horizontalOverflow(page), `card sheet at ${width}`).toBeLessThanOrEqual(0);
      const shown = await page.$$eval('li.card', (items) =>
        items.map((card) => ({
          qr: card.querySelector('svg[role=img]')?.getAttribute('aria-label') ?? '',
          qrWidth: card.querySelector('svg')?.getBoundingClientRect().width ?? 0,
          link: card.querySelector('.link')?.textContent ?? '',
        })),
      );
      expect(shown).toHaveLength(8);
      for (const card of shown) {
        expect(card.qr).toMatch(/^QR code/);
        expect(card.qrWidth).toBeGreaterThan(80);
        expect(card.link).toMatch(/^https:\/\/pulse\.riverside\.example\/p\/[A-Za-z0-9_-]{22}$/);
      }
      expect(new Set(shown.map((card) => card.link)).size).toBe(8);
      await page.screenshot({ path: join(SHOTS, `cards-${width}.png`), fullPage: true });
      await page.close();
    }
    // On paper, at A4's width inside its margins: two cards a row, none taller than the sheet
    // allows for three rows to a page, and the eight cards on two pages of either size.
    const paper = await browser.newPage();
    await paper.setViewport({ width: 718, height: 1047, deviceScaleFactor: 1 });
    await paper.emulateMediaType('print');
    await paper.goto(pathToFileURL(file).href);
    const printed = await paper.$$eval('li.card', (items) => items.map((card) => card.getBoundingClientRect()).map(({ top, height }) => ({ top, height })));
    expect(new Set(printed.map((card) => card.top)).size).toBe(4);
    expect(printed.filter((card) => card.height > (85 * 96) / 25.4 + 1)).toEqual([]);
    expect(await paper.$eval('.intro', (intro) => getComputedStyle(intro).display)).toBe('none');
    await paper.screenshot({ path: join(SHOTS, 'cards-print.png'), fullPage: true });
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = Buffer.from(await paper.pdf({ format }));
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g), format).toHaveLength(2);
    }
    await paper.close();
  });
});

describe('leaders, in a browser', () => {
  for (const [who, email] of [
    ['an executive', 'dana.whitfield@riverside.example'],
    ['a department manager', 'aisha.grant@riverside.example'],
    ['a supervisor who reads Spanish', 'rosa.delgado@riverside.example'],
  ] as const) {
    it(`shows ${who} a dashboard that opens on a heatmap with a text figure in every cell, with no accessibility violations and no sideways scrolling at 390 and 600 px`, async () => {
      for (const width of [390, 600]) {
        const page = await phonePage({ width });
        const response = await page.goto(`${base}${dashboardOf(email)}`);
        expect(response!.status()).toBe(200);
        expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
        expect(await page.$eval('html', (html) => html.lang)).toBe(email.startsWith('rosa') ? 'es' : 'en');
        expect(await violations(page), `${email} at ${width}`).toEqual([]);
        expect(await horizontalOverflow(page), `${email} at ${width}`).toBeLessThanOrEqual(0);
        // The first thing under the opening lines is the picture, and colour is never alone.
        expect(await page.$eval('main table', (table) => table.className)).toBe('heat');
        const cells = await page.$$eval('table.heat tbody td', (tds) =>
          tds.map((td) => ({ text: td.textContent.trim(), hot: td.classList.contains('h-hotspot') })),
        );
        expect(cells.length).toBeGreaterThan(0);
        for (const cell of cells) expect(cell.text, email).toMatch(/^\d+%|^–$|^(Hidden|Oculto): /);
        expect(cells.filter((cell) => cell.hot).every((cell) => cell.text.includes('!!'))).toBe(true);
        // The headline counts what the list below it lists.
        const listed = await page.$$eval(
          'h3',
          (headings) =>
            headings.find((h) => h.textContent === 'Hotspots' || h.textContent === 'Puntos críticos')?.nextElementSibling?.querySelectorAll('li').length ?? 0,
        );
        expect(cells.filter((cell) => cell.hot)).toHaveLength(listed);
        if (listed > 0)
          expect(await page.$eval('main > p', (p) => p.textContent)).toMatch(
            new RegExp(`(^|\\. )(${listed === 1 ? 'One hotspot|Un punto crítico' : `${listed} (hotspots|puntos críticos)`}) `),
          );
        await page.screenshot({ path: join(SHOTS, `dashboard-${email.split('.')[0]}-${width}.png`), fullPage: true });
        // The statistics are one tap away.
        await page.click('table.figures details summary');
        expect(await page.$eval('table.figures details', (d) => d.open)).toBe(true);
        await page.close();
      }
    });
  }

  it('lists in every demo leader’s digest exactly the hotspots their dashboard lists, on a dashboard with no accessibility violations at 390 px', async () => {
    const page = await phonePage();
    let compared = 0;
    for (const digest of digests) {
      await page.goto(`${base}${/BASE(\/d\/\S+)/.exec(digest.text)![1]}`);
      expect(await violations(page), digest.to).toEqual([]);
      expect(await horizontalOverflow(page), digest.to).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `dashboard-${digest.to.split('.')[0]}-390.png`), fullPage: true });
      const onDashboard = await page.$$eval('h3', (headings) => {
        const list = headings.find((h) => h.textContent === 'Hotspots' || h.textContent === 'Puntos críticos')?.nextElementSibling;
        return list ? Array.from(list.querySelectorAll('li')).map((li) => li.textContent.replace(/ \d+%.*$/, '')) : [];
      });
      const inDigest = [...digest.text.matchAll(/^(?:HOTSPOT|PUNTO CRÍTICO), ([a-zñóá ]+)(?: \([^)]*\))?: (?:In|En) (.+?), (?:el )?\d+%/gm)].map(
        (m) => `${m[2]}: ${m[1]}`,
      );
      expect(inDigest.sort(), digest.to).toEqual(onDashboard.sort());
      compared += inDigest.length;
      // Each finding's statistics (line, interval, baseline, streak) read word for word on the dashboard.
      const onPage = new Set(await page.$$eval('table.figures .range', (spans) => spans.map((span) => span.textContent)));
      for (const [statistics] of digest.text.matchAll(/(?:Line|Umbral) \d+%;[^\n]*\.$/gm))
        expect(onPage.has(statistics), `${digest.to}: ${statistics}`).toBe(true);
      // The count in the subject is the count the page opens with.
      const count = /^(\d+) (?:hotspots?|puntos? críticos?)/.exec(digest.subject!)?.[1];
      if (count) expect(await page.$eval('main > p', (p) => p.textContent)).toContain(Number(count) === 1 ? '' : `${count} `);
    }
    expect(compared).toBeGreaterThan(0);
    await page.close();
  });

  it('sends every demo leader a digest that reads on a phone and in a wide mail pane: doctype, title, no accessibility violations, no sideways scrolling, no word broken across lines', async () => {
    expect(digests.map((d) => d.to)).toContain('rosa.delgado@riverside.example');
    for (const width of [600, 390]) {
      const page = await phonePage({ width });
      for (const digest of digests) {
        await page.setContent(digest.html!, { waitUntil: 'load' });
        expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
        expect(await page.title()).toMatch(/^Riverside Community Health: (pulse of|encuesta del)/);
        expect(await violations(page), digest.to).toEqual([]);
        expect(await horizontalOverflow(page), `${digest.to} at ${width}`).toBeLessThanOrEqual(0);
        expect(await wordsBrokenAcrossLines(page), `${digest.to} at ${width}`).toEqual([]);
        expect(digest.subject!.length, digest.subject).toBeLessThanOrEqual(SUBJECT_CHARS);
        if (width === 390) await page.screenshot({ path: join(SHOTS, `digest-${digest.to.split('.')[0]}-390.png`), fullPage: true });
      }
      await page.close();
    }
  });

  it('has no accessibility violations on a group’s page, every group in one table, a notice, the outbox or a large organization’s summary, at 390 and 600 px', async () => {
    const marcus = dashboardOf('marcus.hale@riverside.example');
    const summary = largeOrganizationSummary();
    for (const width of [390, 600]) {
      const page = await phonePage({ width });
      for (const path of [`${marcus}/g/emergency`, `${marcus}/all`, '/d/nonsense']) {
        await page.goto(`${base}${path}`);
        expect(await violations(page), `${path} at ${width}`).toEqual([]);
        expect(await horizontalOverflow(page), `${path} at ${width}`).toBeLessThanOrEqual(0);
      }
      // The developer's outbox too: filtered to one leader's digest, and that digest as sent.
      await page.goto(`${base}/dev/outbox?to=marcus&kind=digest`);
      expect(await violations(page), `outbox at ${width}`).toEqual([]);
      expect(await horizontalOverflow(page), `outbox at ${width}`).toBeLessThanOrEqual(0);
      const message = await page.$eval('main a[href^="/dev/outbox/"]', (a) => a.getAttribute('href'));
      await page.goto(`${base}${message}`);
      expect(await violations(page), `outbox message at ${width}`).toEqual([]);
      await page.setContent(summary, { waitUntil: 'load' });
      expect(await page.$$eval('table.heat tbody tr', (rows) => rows.length)).toBe(5);
      expect(await violations(page), `summary at ${width}`).toEqual([]);
      expect(await horizontalOverflow(page), `summary at ${width}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `dashboard-summary-${width}.png`), fullPage: true });
      await page.close();
    }
  });

  it('shows a leader what staff wrote, by group, with themes, and no accessibility violations, sideways scrolling or word broken across lines at 390 and 600 px, in English and in Spanish', async () => {
    for (const email of ['dana.whitfield@riverside.example', 'rosa.delgado@riverside.example']) {
      const dashboard = await (await fetch(`${base}${dashboardOf(email)}`)).text();
      expect(dashboard).toContain(`href="${dashboardOf(email)}/comments"`);
      for (const width of [390, 600]) {
        const page = await phonePage({ width });
        const response = await page.goto(`${base}${dashboardOf(email)}/comments`);
        expect(response!.status()).toBe(200);
        expect(await violations(page), `${email} at ${width}`).toEqual([]);
        expect(await horizontalOverflow(page), `${email} at ${width}`).toBeLessThanOrEqual(0);
        expect(await wordsBrokenAcrossLines(page), `${email} at ${width}`).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `comments-${email.split('.')[0]}-${width}.png`), fullPage: true });
        if (email.startsWith('dana')) {
          expect(await page.$$eval('ul.quotes q', (quotes) => quotes.length)).toBeGreaterThan(5);
          expect(await page.$$eval('ul.themes li', (themes) => themes.length)).toBeGreaterThan(0);
          // Scrubbed as stored: the demo's one comment with a phone number and one with a name.
          const text = await page.$eval('main', (main) => main.textContent ?? '');
          expect(text).not.toMatch(/555-201-4477|Whitfield said|Karen Whitfield/);
        }
        await page.close();
      }
    }
  });

  it('has no accessibility violations on a closed pulse’s link', async () => {
    await closeWave(p.waveDeps, (await p.stores.waves.listWaves()).find((w) => w.status === 'open')!.id);
    const page = await phonePage();
    const response = await page.goto(`${base}${linkOf('ximena.dubois.49@riverside.example')}`);
    expect(response!.status()).toBe(410);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});

describe('a leader who reads Spanish', () => {
  it('meets no English on any page or email of theirs, whatever they lead: digest, dashboard, CSV, a refused form, every notice', async () => {
    const org = p.org;
    const spanish = { ...org, leaders: org.leaders.map((leader) => ({ ...leader, locale: 'es' as const })) };
    const app = createApp({ ...p.stores, clock: p.clock, org: spanish, log: p.log, outbox: p.outbox });
    // Names are the organization's own: its name, people's names, and what it calls its groups in Spanish.
    const names = [org.name, ...org.leaders.map((l) => l.name), ...org.departments.map((d) => d.name.es), ...org.roleGroups.map((r) => r.name.es)];
    const found: string[] = [];
    const check = (where: string, text: string) => found.push(...englishIn(text, names).map((word) => `${where}: ${word}`));
    const site = 'https://pulse.example';
    const request = (path: string, init: RequestInit = {}) => app.request(`${site}${path}`, init);
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site, ...headers }, body });

    const report = await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org: spanish, log: p.log, baseUrl: 'BASE' }, { dryRun: true });
    expect(report.digests.length).toBeGreaterThan(5);
    // What a Spanish reader sees on a phone: the digest and its dashboard, with the statistics of
    // every flag, neither scrolling sideways nor breaking a word across lines.
    const phone = await phonePage({ width: 390 });
    for (const digest of report.digests) {
      const name = digest.to.split('.')[0];
      await phone.setContent(digest.html, { waitUntil: 'load' });
      expect(await horizontalOverflow(phone), `${digest.to} digest (es)`).toBeLessThanOrEqual(0);
      expect(await wordsBrokenAcrossLines(phone), `${digest.to} digest (es)`).toEqual([]);
      await phone.screenshot({ path: join(SHOTS, `digest-es-${name}-390.png`), fullPage: true });
      await phone.setContent(await (await request(/BASE(\/d\/\S+)/.exec(digest.text)![1]!)).text(), { waitUntil: 'load' });
      expect(await horizontalOverflow(phone), `${digest.to} dashboard (es)`).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: join(SHOTS, `dashboard-es-${name}-390.png`), fullPage: true });
    }
    await phone.close();
    for (const digest of report.digests) {
      check(`${digest.to} digest subject`, digest.subject);
      check(`${digest.to} digest text`, digest.text.replace(/BASE\S+/g, ''));
      check(`${digest.to} digest html`, readableText(digest.html));
      const link = /BASE(\/d\/\S+)/.exec(digest.text)![1]!;
      const page = await request(link);
      expect(page.status).toBe(200);
      check(`${digest.to} dashboard`, readableText(await page.text()));
      check(`${digest.to} csv`, await (await request(`${link}/csv`)).text());
      // Staff's own words are theirs, in whatever language they wrote: everything around them is checked.
      const comments = await request(`${link}/comments`);
      expect(comments.status).toBe(200);
      check(`${digest.to} comments`, readableText((await comments.text()).replace(/<q>.*?<\/q>/gs, '')));
      const refused = await post(`${link}/actions`, 'department=nowhere&kind=workload&title=Ask+a%40b.example&targetOn=soon');
      expect(refused.status).toBe(422);
      check(`${digest.to} refused form`, readableText(await refused.text()));
    }

    const someone = spanish.leaders[0]!;
    const key = await ensureDashboardKey(p.stores.actions);
    const current = dashboardUrl(key, '', someone.id, p.clock.now());
    const expired = dashboardUrl(key, '', someone.id, new Date(p.clock.now().getTime() - 120 * 86_400_000));
    const notices: [string, Response][] = [
      ['expired', await request(expired)],
      ['unknown', await request('/d/nonsense', { headers: { 'accept-language': 'es-US,es;q=0.9' } })],
      ['cross-site', await post(`${current}/actions`, 'title=x', { origin: 'https://elsewhere.example' })],
      ['not-a-form', await request(`${current}/actions`, { method: 'POST', headers: { 'content-type': 'application/json', origin: site }, body: '{}' })],
      ['too-large', await post(`${current}/actions`, `title=${'x'.repeat(200_000)}`)],
    ];
    for (const [kind, response] of notices) {
      const html = await response.text();
      expect(html, kind).toContain('<html lang="es">');
      check(`${kind} notice`, readableText(html));
    }
    check('empty notice', readableText(String(DashboardNoticePage({ kind: 'empty', locale: 'es', leaderName: someone.name }))));
    expect(found).toEqual([]);
    // The same reading finds the English of an English leader's digest: it can see what it looks for.
    expect(englishIn(readableText(digests[0]!.html!), names).length).toBeGreaterThan(20);
  });
});

/** The first page of an executive over four regions of 25 units each, as the app renders it. */
function largeOrganizationSummary(): string {
  const { org, evaluation } = largeOrganization({ regions: 4, unitsPerRegion: 25, isHot: (unit) => unit % 5 === 0, hidden: ['r3'] });
  const dashboard = composeDashboard(org, org.leaders[0]!, [evaluation])!;
  return `${DashboardPage({ dashboard, expiresAt: new Date('2026-12-20T00:00:00Z'), link: 'LINK', view: 'summary' })}`;
}
