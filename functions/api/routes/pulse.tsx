import { Hono } from 'hono/quick';
import { accepts } from 'hono/accepts';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { FieldProblem } from '../../../shared/errors.js';
import { pickLocale, type Locale } from '../../../shared/domain/locale.js';
import type { OrgConfig } from '../../../shared/domain/org-config.js';
import { newsLines } from '../../../shared/domain/actions.js';
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
type FormBody = z.infer<typeof formBodySchema>;

/** GET and POST /p/:token: the pulse page and its submit. route -> use case -> view */
export const pulseRoutes = new Hono<AppEnv>();

pulseRoutes.get('/:token', async (c) => {
  const pulse = await findPulse(c.var.deps, c.req.param('token'));
  return c.html(renderForm(c, pulse, pageLocale(c, c.req.query('lang'))));
});

pulseRoutes.post('/:token', async (c) => {
  const { deps } = c.var;
  const body = await readFormBody(c);
  if (body === 'not-a-form') {
    // Not something our page sends: show the form again, unanswered, and write nothing.
    const pulse = await findPulse(deps, c.req.param('token'));
    return c.html(renderForm(c, pulse, pageLocale(c, undefined)), 415);
  }
  if (body === 'too-large') return tooLarge(c);
  const form = readForm(body);
  const outcome = await submitPulse(deps, c.req.param('token'), form);
  const locale = pageLocale(c, typeof form.lang === 'string' ? form.lang : undefined);
  if (outcome.status === 'invalid') return c.html(renderForm(c, outcome.pulse, locale, outcome.chosen, outcome.problems), 422);
  if (outcome.status === 'not-yet-counted') return c.html(renderForm(c, outcome.pulse, locale, outcome.chosen, undefined, true), 409);
  const thanks = thanksPage(deps.org, locale);
  // The hot path's answer, compressed once per process rather than once per answer.
  if (accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) === 'gzip')
    return c.body(thanks.gzipped, 200, { 'content-type': 'text/html; charset=UTF-8', 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
  return c.html(thanks.html);
});

function tooLarge(c: Context<AppEnv>) {
  return c.html(<OutcomePage locale={requestLocale(c, c.var.deps.org.defaultLocale)} kind="error" />, 413);
}

/** The thanks page is the same for everyone of an organization in one language: rendered (and gzipped) once. */
const thanksPages = new WeakMap<OrgConfig, Map<Locale, { html: string; gzipped: Uint8Array<ArrayBuffer> }>>();
function thanksPage(org: OrgConfig, locale: Locale): { html: string; gzipped: Uint8Array<ArrayBuffer> } {
  let pages = thanksPages.get(org);
  if (!pages) thanksPages.set(org, (pages = new Map()));
  let page = pages.get(locale);
  if (page === undefined) {
    const html = String(<ThanksPage locale={locale} supportResources={org.supportResources} />);
    pages.set(locale, (page = { html, gzipped: new Uint8Array(gzipSync(html)) }));
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
  const parsed = formBodySchema.safeParse(fields);
  return parsed.success ? parsed.data : {};
}

/** The language a person reads: the one their link or form names, then their browser's, then the organization's. */
function pageLocale(c: Context<AppEnv>, requested: string | undefined): Locale {
  const { org } = c.var.deps;
  const chosen = pickLocale(requested, requestLocale(c, org.defaultLocale));
  return org.locales.includes(chosen) ? chosen : org.defaultLocale;
}

function renderForm(c: Context<AppEnv>, pulse: OpenPulse, locale: Locale, chosen?: Record<string, string>, problems?: FieldProblem[], notYetCounted?: boolean) {
  const { org } = c.var.deps;
  const department = org.departments.find((d) => d.id === pulse.token.department);
  const news = newsLines(org, pulse.wave, pulse.token.department, locale);
  const otherLocale = org.locales.find((l) => l !== locale);
  return (
    <PulseForm
      locale={locale}
      otherLocale={otherLocale}
      departmentName={department ? department.name[locale] : org.name}
      items={pulse.items}
      destination={{ [PULSE_FORM_FIELDS.wave]: pulse.wave.id, [PULSE_FORM_FIELDS.unit]: `${pulse.token.department}/${pulse.token.roleGroup}` }}
      k={org.k}
      news={news}
      chosen={chosen}
      problems={problems}
      notYetCounted={notYetCounted}
    />
  );
}
