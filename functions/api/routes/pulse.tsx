import { Hono } from 'hono/quick';
import { accepts } from 'hono/accepts';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { AlreadyAnsweredError, LinkExpiredError, type FieldProblem } from '../../../shared/errors.js';
import { pickLocale, type Locale } from '../../../shared/domain/locale.js';
import type { OrgConfig } from '../../../shared/domain/org-config.js';
import { newsLines } from '../../../shared/domain/actions.js';
import { commentThreshold } from '../../../shared/domain/comments.js';
import { pulseDays, WAVE_ID, type TokenRecord, type Wave } from '../../../shared/domain/wave.js';
import { WORDS } from '../../../shared/words/words.js';
import { findPulse, type OpenPulse } from '../../../shared/services/pulse-links.js';
import { PULSE_FORM_FIELDS, submitPulse } from '../../../shared/use-cases/submit-pulse.js';
import { PulseForm } from '../../../web/views/pulse-form.js';
import { OutcomePage, ThanksPage } from '../../../web/views/outcome-pages.js';
import { requestLocale } from '../request-locale.js';
import type { AppEnv } from '../app-env.js';
import { readFormBody } from '../form-body.js';

/**
 * A form post: short string fields only; a field sent twice stays a list so the answer
 * parser can refuse it rather than count one of the two values. Anything else is no answer.
 */
const formBodySchema = z.record(
  z.string().check(z.maxLength(64)),
  z.union([z.string().check(z.maxLength(160)), z.array(z.string().check(z.maxLength(160))).check(z.maxLength(8))]),
);
/**
 * The comment is the one long field, taken apart from the others: room for 500 characters of
 * any script, and for the comment parser to say one too long is too long, beyond which it is
 * cut (the body is 8 KB at most).
 */
const COMMENT_FIELD_MAX = 4001;
type FormBody = z.infer<typeof formBodySchema>;

/** GET and POST /p/:token: the pulse page and its submit. route -> use case -> view */
export const pulseRoutes = new Hono<AppEnv>();

pulseRoutes.get('/:token', async (c) => {
  const locale = pageLocale(c, c.req.query('lang'));
  return answerable(c, locale, undefined, async (deps) => c.html(renderForm(c, await findPulse(deps, c.req.param('token')), locale)));
});

pulseRoutes.post('/:token', async (c) => {
  const { deps } = c.var;
  const body = await readFormBody(c);
  if (body === 'not-a-form') {
    // Not something our page sends: show the form again, unanswered, and write nothing.
    const locale = pageLocale(c, undefined);
    return answerable(c, locale, undefined, async (seen) => c.html(renderForm(c, await findPulse(seen, c.req.param('token')), locale), 415));
  }
  if (body === 'too-large') return tooLarge(c);
  const form = readForm(body);
  const locale = pageLocale(c, typeof form.lang === 'string' ? form.lang : undefined);
  const claimedWave = typeof form.wave === 'string' ? form.wave : undefined;
  return answerable(c, locale, claimedWave, async (seen, knownWave) => {
    const outcome = await submitPulse(seen, c.req.param('token'), form);
    if (outcome.status === 'invalid')
      return c.html(
        renderForm(c, outcome.pulse, locale, { chosen: outcome.chosen, problems: outcome.problems, typed: outcome.comment, crisis: outcome.crisis }),
        422,
      );
    if (outcome.status === 'not-yet-counted')
      return c.html(renderForm(c, outcome.pulse, locale, { chosen: outcome.chosen, notYetCounted: true, typed: outcome.comment, crisis: outcome.crisis }), 409);
    const thanks = thanksPage(deps.org, locale, await knownWave(), outcome.crisis);
    // The hot path's answer, compressed once per process rather than once per answer.
    if (accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) === 'gzip')
      return c.body(thanks.gzipped, 200, { 'content-type': 'text/html; charset=UTF-8', 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    return c.html(thanks.html);
  });
});

function tooLarge(c: Context<AppEnv>) {
  return c.html(<OutcomePage locale={requestLocale(c, c.var.deps.org.defaultLocale)} orgName={c.var.deps.org.name} kind="error" />, 413);
}

type Deps = AppEnv['Variables']['deps'];

/**
 * Runs what a link asks for. A link that is used or closed gets its page here, with the dates
 * of the pulse it belongs to: the wave the token named (its read remembered, not repeated) or
 * the form named, from the per-process cache the submit has just filled, so the hot path
 * reads nothing more. Other failures go to the app's error page.
 */
async function answerable(
  c: Context<AppEnv>,
  locale: Locale,
  claimedWave: string | undefined,
  run: (deps: Deps, knownWave: () => Promise<Wave | undefined>) => Promise<Response>,
): Promise<Response> {
  const { deps } = c.var;
  let token: TokenRecord | undefined;
  const answers: Deps['answers'] = Object.create(deps.answers, {
    getToken: { value: async (hash: string) => (token = await deps.answers.getToken(hash)) },
  });
  const knownWave = async () => {
    const id = token?.waveId ?? claimedWave;
    if (id === undefined || !WAVE_ID.test(id)) return undefined;
    return deps.waveCache.get(id, () => deps.waves.getWave(id), deps.clock.now()).catch(() => undefined);
  };
  try {
    return await run({ ...deps, answers }, knownWave);
  } catch (error) {
    if (!(error instanceof AlreadyAnsweredError || error instanceof LinkExpiredError)) throw error;
    const used = error instanceof AlreadyAnsweredError;
    const page = (
      <OutcomePage
        locale={locale}
        kind={used ? 'used' : 'expired'}
        orgName={deps.org.name}
        dates={datesOf(deps.org, await knownWave(), locale)}
        supportResources={deps.org.supportResources}
      />
    );
    return c.html(page, used ? 409 : 410);
  }
}

/** The pulse's days in the reader's language, when the page knows its pulse. */
function datesOf(org: OrgConfig, wave: Pick<Wave, 'openedAt' | 'closesAt'> | undefined, locale: Locale): string | undefined {
  return wave && pulseDays(wave, org.timeZone, locale, WORDS[locale].staffPage.rangeJoin);
}

/**
 * The thanks page is the same for everyone of an organization who answered one pulse in one
 * language: rendered (and gzipped) once. A process sees a pulse or two at a time; the oldest
 * page goes when it has more.
 */
const THANKS_PAGES_KEPT = 8;
const thanksPages = new WeakMap<OrgConfig, Map<string, { html: string; gzipped: Uint8Array<ArrayBuffer> }>>();
function thanksPage(org: OrgConfig, locale: Locale, wave: Wave | undefined, crisis: boolean): { html: string; gzipped: Uint8Array<ArrayBuffer> } {
  let pages = thanksPages.get(org);
  if (!pages) thanksPages.set(org, (pages = new Map()));
  const key = `${locale}/${wave?.id ?? ''}/${crisis ? 'crisis' : ''}`;
  let page = pages.get(key);
  if (page === undefined) {
    const html = String(
      <ThanksPage locale={locale} orgName={org.name} dates={datesOf(org, wave, locale)} supportResources={org.supportResources} crisis={crisis} />,
    );
    pages.set(key, (page = { html, gzipped: new Uint8Array(gzipSync(html)) }));
    if (pages.size > THANKS_PAGES_KEPT) pages.delete(pages.keys().next().value!);
  }
  return page;
}

/** Parses a urlencoded body, keeping repeated fields as lists. Never throws: malformed is empty. */
function readForm(body: string): FormBody {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  const { [PULSE_FORM_FIELDS.comment]: comment, ...short } = fields;
  const parsed = formBodySchema.safeParse(short);
  if (!parsed.success) return {};
  const cut = (text: string) => text.slice(0, COMMENT_FIELD_MAX);
  return comment === undefined ? parsed.data : { ...parsed.data, [PULSE_FORM_FIELDS.comment]: Array.isArray(comment) ? comment.map(cut) : cut(comment) };
}

/** The language a person reads: the one their link or form names, then their browser's, then the organization's. */
function pageLocale(c: Context<AppEnv>, requested: string | undefined): Locale {
  const { org } = c.var.deps;
  const chosen = pickLocale(requested, requestLocale(c, org.defaultLocale));
  return org.locales.includes(chosen) ? chosen : org.defaultLocale;
}

function renderForm(
  c: Context<AppEnv>,
  pulse: OpenPulse,
  locale: Locale,
  back: { chosen?: Record<string, string>; problems?: FieldProblem[]; notYetCounted?: boolean; typed?: string | undefined; crisis?: boolean } = {},
) {
  const { org } = c.var.deps;
  const { chosen, problems, notYetCounted } = back;
  const department = org.departments.find((d) => d.id === pulse.token.department);
  const news = newsLines(org, pulse.wave, pulse.token.department, locale);
  const otherLocale = org.locales.find((l) => l !== locale);
  return (
    <PulseForm
      locale={locale}
      otherLocale={otherLocale}
      orgName={org.name}
      dates={datesOf(org, pulse.wave, locale)}
      departmentName={department ? department.name[locale] : org.name}
      items={pulse.items}
      destination={{ [PULSE_FORM_FIELDS.wave]: pulse.wave.id, [PULSE_FORM_FIELDS.unit]: `${pulse.token.department}/${pulse.token.roleGroup}` }}
      k={org.k}
      news={news}
      chosen={chosen}
      problems={problems}
      notYetCounted={notYetCounted}
      crisisSupport={back.crisis ? org.supportResources : undefined}
      comment={org.comments.enabled ? { field: PULSE_FORM_FIELDS.comment, minRespondents: commentThreshold(org, pulse.wave), typed: back.typed } : undefined}
    />
  );
}
