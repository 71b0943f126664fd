import { percent } from '../../shared/domain/leader-findings.js';
import type { Evaluation } from '../../shared/domain/evaluate-hotspots.js';

/**
 * The smoke test: one whole pulse cycle on a throwaway organization, each step's outcome on
 * a line of its own. The steps are the same wherever it runs; a target (the local platform,
 * or a deployed stack) says how each is done there. Answers and the dashboard always go over
 * HTTP to the public URL, as a phone and a leader's browser would.
 * CLI -> runSmoke -> target (open, deliver, close, alerts) + fetch (answer, dashboard)
 */

/** A step that did not do what it should, in words for the admin (never a token or a contact). */
export class SmokeFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SmokeFailure';
  }
}

export interface OpenedWave {
  waveId: string;
  /** Links issued: everyone the wave counts. */
  issued: number;
}

/** Where the smoke test runs, step by step. Each step returns what happened, in a few words. */
export interface SmokeTarget {
  /** Where it runs and on what, for the first line. */
  readonly description: string;
  /** Makes or checks the throwaway organization, and refuses any other. */
  prepare(): Promise<string>;
  open(): Promise<OpenedWave & { said: string }>;
  /** Waits until every invitation of the wave is sent, then gives every person's link. */
  links(wave: OpenedWave): Promise<{ links: string[]; said: string }>;
  close(waveId: string): Promise<string>;
  sendDigests(waveId: string): Promise<string>;
  /** A leader's dashboard link, and the figures the closed wave published. */
  dashboard(waveId: string): Promise<{ url: string; leaderName: string; published: Evaluation | undefined }>;
  /** Runs whatever happened before, failed or not. */
  cleanUp(): Promise<string>;
}

export type StepName = 'prepare' | 'open' | 'deliver' | 'answer' | 'close' | 'alerts' | 'dashboard' | 'clean up';

export interface SmokeOptions {
  print: (line: string) => void;
  fetch?: typeof fetch;
  random?: () => number;
  /** Milliseconds, for each step's duration. */
  now?: () => number;
}

const PASSED = '\u2714';
const FAILED = '\u2718';

/**
 * Runs the cycle: prepare, open, deliver, answer, close, alerts, dashboard, then cleans up
 * whatever happened. A step that fails stops the ones after it (they are listed as not run).
 * Returns whether every step passed.
 */
export async function runSmoke(target: SmokeTarget, options: SmokeOptions): Promise<boolean> {
  const http = options.fetch ?? fetch;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  let wave: OpenedWave | undefined;
  let links: string[] = [];
  // One link is kept back unanswered: after the close it must say the pulse has closed.
  let keptBack: string | undefined;

  const steps: [StepName, () => Promise<string>][] = [
    ['prepare', () => target.prepare()],
    [
      'open',
      async () => {
        const opened = await target.open();
        wave = { waveId: opened.waveId, issued: opened.issued };
        return opened.said;
      },
    ],
    [
      'deliver',
      async () => {
        const delivered = await target.links(wave!);
        links = delivered.links;
        return delivered.said;
      },
    ],
    [
      'answer',
      async () => {
        keptBack = links.at(-1);
        return answerLinks(http, links.slice(0, -1), random, links.length);
      },
    ],
    [
      'close',
      async () => {
        const said = await target.close(wave!.waveId);
        const status = keptBack === undefined ? undefined : (await http(keptBack)).status;
        if (status !== 410) throw new SmokeFailure(`${said}, but the link kept back unanswered answers ${status ?? 'nothing'} instead of 410 (closed)`);
        return `${said}; the link kept back unanswered now answers 410 (closed)`;
      },
    ],
    ['alerts', () => target.sendDigests(wave!.waveId)],
    [
      'dashboard',
      async () => {
        const { url, leaderName, published } = await target.dashboard(wave!.waveId);
        return checkDashboard(http, url, leaderName, published);
      },
    ],
  ];

  options.print(`Smoke test: ${target.description}`);
  let failedAt: StepName | undefined;
  for (const [name, run] of steps) {
    if (failedAt) {
      options.print(`- ${label(name)} not run (${failedAt} failed)`);
      continue;
    }
    if (!(await runStep(name, run, options.print, now))) failedAt = name;
  }
  const cleaned = await runStep('clean up', () => target.cleanUp(), options.print, now);
  const passed = failedAt === undefined && cleaned;
  options.print(passed ? 'Smoke test passed: every step worked.' : `Smoke test failed at ${failedAt ?? 'clean up'}.`);
  return passed;
}

async function runStep(name: StepName, run: () => Promise<string>, print: (line: string) => void, now: () => number): Promise<boolean> {
  const started = now();
  const took = () => `(${((now() - started) / 1000).toFixed(1)} s)`;
  try {
    const said = await run();
    print(`${PASSED} ${label(name)} ${said} ${took()}`);
    return true;
  } catch (error) {
    print(`${FAILED} ${label(name)} ${redact(failureText(error))} ${took()}`);
    return false;
  }
}

function label(name: StepName): string {
  return `${name}:`.padEnd(11);
}

/** What a failure says: ours in full; anything else by its name and message. */
function failureText(error: unknown): string {
  if (error instanceof SmokeFailure) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Takes out of a message anything that could be a link's token, a dashboard link or a
 * contact, should an error quote one: the output of a smoke run is for any terminal or log.
 */
export function redact(message: string): string {
  return message
    .replace(/\/p\/[A-Za-z0-9_-]{22}/g, '/p/<token>')
    .replace(/\/d\/[A-Za-z0-9_.-]+/g, '/d/<link>')
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '<address>')
    .replace(/\+[1-9]\d{6,14}/g, '<phone>');
}

/**
 * The form a browser without script would send: the page's hidden fields, and for each
 * question one of the options the page offers, at random.
 */
export function formFromPage(html: string, random: () => number): URLSearchParams {
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) form.set(match[1]!, unescapeHtml(match[2]!));
  const options = new Map<string, string[]>();
  for (const match of html.matchAll(/<input type="radio" name="([^"]+)" value="([^"]+)"/g))
    options.set(match[1]!, [...(options.get(match[1]!) ?? []), unescapeHtml(match[2]!)]);
  for (const [name, values] of options) form.set(name, values[Math.floor(random() * values.length)]!);
  return form;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const STATUS_WORDS: Record<number, string> = {
  404: 'not recognized',
  409: 'already answered',
  410: 'closed or expired',
  413: 'too large',
  415: 'not a form',
  422: 'refused as incomplete',
  503: 'busy',
};

/** Opens each link and sends its form, one after the other, as people on their phones would. */
async function answerLinks(http: typeof fetch, links: readonly string[], random: () => number, delivered: number): Promise<string> {
  if (links.length === 0) throw new SmokeFailure('no link to answer');
  const outcomes = new Map<string, number>();
  const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  for (const link of links) {
    const page = await http(link);
    if (page.status !== 200) {
      count(`page ${page.status} (${STATUS_WORDS[page.status] ?? 'unexpected'})`);
      continue;
    }
    const form = formFromPage(await page.text(), random);
    if (![...form.keys()].some((key) => key.startsWith('q_'))) {
      count('page without questions');
      continue;
    }
    const answered = await http(link, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await answered.body?.cancel();
    count(answered.status === 200 ? 'counted' : `${answered.status} (${STATUS_WORDS[answered.status] ?? 'unexpected'})`);
  }
  const counted = outcomes.get('counted') ?? 0;
  const base = new URL(links[0]!).origin;
  if (counted === links.length) return `${counted} of ${delivered} links answered by POST to ${base}/p/<token>, each counted (200); 1 kept back`;
  const others = [...outcomes].filter(([outcome]) => outcome !== 'counted').map(([outcome, n]) => `${n} ${outcome}`);
  throw new SmokeFailure(`${counted} of ${links.length} answers counted through ${base}/p/<token>; ${others.join(', ')}`);
}

/**
 * Opens the leader's dashboard as their browser would and checks it shows what the closed
 * wave published: every published figure's share, and no other.
 */
async function checkDashboard(http: typeof fetch, url: string, leaderName: string, published: Evaluation | undefined): Promise<string> {
  const origin = new URL(url).origin;
  const response = await http(url);
  if (response.status !== 200) throw new SmokeFailure(`${leaderName}'s dashboard at ${origin}/d/<link> answered ${response.status}, not 200`);
  const problems = dashboardProblems(await response.text(), published);
  if (problems.length > 0) throw new SmokeFailure(`${leaderName}'s dashboard at ${origin}/d/<link>: ${problems.join('; ')}`);
  const figures = published!.groups.reduce((sum, group) => sum + group.figures.length, 0);
  return `${leaderName}'s dashboard at ${origin}/d/<link> answers 200 and shows the ${figures} published figures of ${published!.groups.length} groups`;
}

/** Why a dashboard page does not show exactly the published figures, if it does not. */
export function dashboardProblems(html: string, published: Evaluation | undefined): string[] {
  if (!published || published.groups.length === 0) return ['the closed wave published no figures (too few answers, or the alert job did not run)'];
  const expected = published.groups.flatMap((group) => group.figures.map((figure) => percent(figure.share))).sort();
  const shown = [...html.matchAll(/<span class="share">(\d+%)<\/span>/g)].map((match) => match[1]!).sort();
  if (shown.join() === expected.join()) return [];
  return [`it shows ${shown.length} figures where ${expected.length} were published${shown.length === expected.length ? ', with other shares' : ''}`];
}
