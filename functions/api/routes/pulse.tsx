import { Hono } from 'hono';
import type { Context } from 'hono';
import * as z from 'zod';
import type { FieldProblem } from '../../../shared/errors.js';
import { pickLocale, type Locale } from '../../../shared/domain/locale.js';
import { findPulse, type OpenPulse } from '../../../shared/use-cases/find-pulse.js';
import { submitPulse } from '../../../shared/use-cases/submit-pulse.js';
import { PulseForm } from '../../../web/views/pulse-form.js';
import { ThanksPage } from '../../../web/views/outcome-pages.js';
import type { AppEnv } from '../app.js';

/** A form post: short string fields only; anything else is treated as no answer at all. */
const formBodySchema = z.record(z.string().max(64), z.string().max(16));

/** GET and POST /p/:token: the pulse page and its submit. route -> use case -> view */
export const pulseRoutes = new Hono<AppEnv>();

pulseRoutes.get('/:token', async (c) => {
  const { deps } = c.var;
  const pulse = await findPulse(deps, c.req.param('token'));
  const locale = localeFor(c, pulse, c.req.query('lang'));
  return c.html(renderForm(c, pulse, locale));
});

pulseRoutes.post('/:token', async (c) => {
  const { deps } = c.var;
  const parsed = formBodySchema.safeParse(await c.req.parseBody());
  const form = parsed.success ? parsed.data : {};
  const outcome = await submitPulse(deps, c.req.param('token'), form);
  const locale = localeFor(c, outcome.pulse, form.lang);
  if (outcome.status === 'invalid') return c.html(renderForm(c, outcome.pulse, locale, outcome.chosen, outcome.problems), 422);
  return c.html(<ThanksPage locale={locale} supportResources={deps.org.supportResources} />);
});

function localeFor(c: Context<AppEnv>, pulse: OpenPulse, requested: string | undefined): Locale {
  const locales = c.var.deps.org.locales;
  const chosen = pickLocale(requested, pulse.locale);
  return locales.includes(chosen) ? chosen : pulse.locale;
}

function renderForm(c: Context<AppEnv>, pulse: OpenPulse, locale: Locale, chosen?: Record<string, string>, problems?: FieldProblem[]) {
  const { org } = c.var.deps;
  const department = org.departments.find((d) => d.id === pulse.token.department);
  const otherLocale = org.locales.find((l) => l !== locale);
  return (
    <PulseForm
      locale={locale}
      otherLocale={otherLocale}
      departmentName={department ? department.name[locale] : org.name}
      items={pulse.items}
      k={org.k}
      chosen={chosen}
      problems={problems}
    />
  );
}
