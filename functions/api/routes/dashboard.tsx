import type { Context } from 'hono';
import { Hono } from 'hono/quick';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { commentsCsv, dashboardCsv } from '../../../shared/domain/dashboard-csv.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { changeAction, logAction } from '../../../shared/use-cases/log-action.js';
import { leaderFromLink, showComments, showDashboard, type DashboardResult } from '../../../shared/use-cases/show-dashboard.js';
import { CommentsPage } from '../../../web/views/comments-page.js';
import { DashboardPage } from '../../../web/views/dashboard-page.js';
import { DashboardNoticePage } from '../../../web/views/dashboard-notice-page.js';
import type { Locale } from '../../../shared/domain/locale.js';
import type { DashboardNotice } from '../../../shared/words/shape.js';
import type { AppEnv } from '../app-env.js';
import { readFormBody } from '../form-body.js';
import { requestLocale } from '../request-locale.js';

/**
 * GET /d/:link: a leader's dashboard, from the signed link in their digest. POST
 * /d/:link/actions and /d/:link/actions/:id: commit to an action, or change one.
 * route -> use case -> view
 */
export const dashboardRoutes = new Hono<AppEnv>();

// The signed link is the credential, and a link can be opened by any page that knows it: a
// form on another site must not act with it. Browsers name a post's origin; ours only.
const sameOrigin = csrf();
dashboardRoutes.use(async (c, next) => {
  if (c.req.method !== 'POST') return next();
  try {
    await sameOrigin(c, async () => {});
  } catch (error) {
    if (error instanceof HTTPException && error.status === 403) return notice(c, 'cross-site', 403, await localeOf(c, /^\/d\/([^/]+)/.exec(c.req.path)?.[1]));
    throw error;
  }
  return next();
});

dashboardRoutes.get('/:link', async (c) => render(c, c.req.param('link'), { view: 'first' }));
dashboardRoutes.get('/:link/all', async (c) => render(c, c.req.param('link'), { everyGroup: true }));
dashboardRoutes.get('/:link/g/:department', async (c) => render(c, c.req.param('link'), { within: c.req.param('department') }));

dashboardRoutes.get('/:link/csv', async (c) => {
  const result = await showDashboard(c.var.deps, c.req.param('link'));
  if (result.kind !== 'dashboard') return render(c, c.req.param('link'));
  return c.body(dashboardCsv(result.dashboard), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="care-pulse-${result.dashboard.waveId}.csv"`,
  });
});

dashboardRoutes.get('/:link/comments', async (c) => comments(c, c.req.param('link'), 'page'));
dashboardRoutes.get('/:link/comments/csv', async (c) => comments(c, c.req.param('link'), 'csv'));

/** What staff wrote in the newest closed pulse, as a page, or as CSV where the organization allows it. */
async function comments(c: Context<AppEnv>, link: string, as: 'page' | 'csv') {
  const { org } = c.var.deps;
  const result = await showComments(c.var.deps, link, as);
  if (result.kind !== 'comments') return withoutFigures(c, result);
  const { locale } = result.leader;
  if (as === 'page')
    return c.html(<CommentsPage org={org} locale={locale} link={link} wave={result.wave} sections={result.sections} withheld={result.withheld} />);
  return c.body(commentsCsv(org, result.sections, locale), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="care-pulse-comments-${result.wave.id}.csv"`,
  });
}

dashboardRoutes.post('/:link/actions', async (c) => {
  const link = c.req.param('link');
  const form = await readForm(c);
  if (typeof form === 'string') return refuse(c, form, link);
  return act(c, link, form, (deps, leaderId) => logAction(deps, leaderId, form), backTo(c));
});

dashboardRoutes.post('/:link/actions/:id', async (c) => {
  const link = c.req.param('link');
  const form = await readForm(c);
  if (typeof form === 'string') return refuse(c, form, link);
  return act(c, link, form, (deps, leaderId) => changeAction(deps, c.req.param('id'), form, leaderId), backTo(c));
});

async function act(
  c: Context<AppEnv>,
  link: string,
  form: Record<string, string>,
  run: (deps: AppEnv['Variables']['deps'], leaderId: string) => Promise<unknown>,
  back: { within?: string; everyGroup?: boolean },
) {
  const signed = await leaderFromLink(c.var.deps, link);
  if (signed.kind === 'expired') return notice(c, 'expired', 410, signed.locale);
  if (signed.kind === 'unknown') return notice(c, 'unknown', 404, askedLocale(c));
  try {
    await run(c.var.deps, signed.leader.id);
  } catch (error) {
    if (error instanceof InvalidInputError) return render(c, link, { ...back, form: { problems: error.problems, values: form } }, 422);
    throw error;
  }
  // Post, redirect, get: a reload does not log the action twice. Back to the page it came from.
  const page = back.within ? `/g/${encodeURIComponent(back.within)}` : back.everyGroup ? '/all' : '';
  return c.redirect(`/d/${link}${page}#actions`, 303);
}

/**
 * A dashboard page: the first page (a summary when the leader oversees more groups than a page
 * holds), every group (`/all`), or one department and everything under it (`/g/:department`).
 */
async function render(
  c: Context<AppEnv>,
  link: string,
  page: { view?: 'first'; within?: string; everyGroup?: boolean; form?: { problems: string[]; values: Record<string, string> } } = {},
  status: 200 | 422 = 200,
) {
  const result = await showDashboard(c.var.deps, link, page.within ? { within: page.within } : { firstPage: page.view === 'first' });
  switch (result.kind) {
    case 'dashboard': {
      const { dashboard } = result;
      // A department the leader does not oversee is a link we do not recognize, as any other.
      if (page.within && !dashboard.departmentChoices.some((d) => d.id === page.within)) return notice(c, 'unknown', 404, dashboard.locale);
      return c.html(
        <DashboardPage
          dashboard={dashboard}
          expiresAt={result.expiresAt}
          link={link}
          view={result.summary ? 'summary' : 'full'}
          everyGroup={page.everyGroup === true}
          form={page.form}
          comments={c.var.deps.org.comments.enabled}
        />,
        status,
      );
    }
    default:
      return withoutFigures(c, result);
  }
}

/** What a genuine link shows before any pulse is published, and what any other link shows. */
function withoutFigures(c: Context<AppEnv>, result: Exclude<DashboardResult, { kind: 'dashboard' }>) {
  switch (result.kind) {
    case 'empty':
      return c.html(<DashboardNoticePage kind="empty" leaderName={result.leaderName} locale={result.locale} />);
    case 'expired':
      return notice(c, 'expired', 410, result.locale);
    case 'unknown':
      return notice(c, 'unknown', 404, askedLocale(c));
  }
}

/** The page a form was sent from, as its action's query says: a group's, every group's, or the first. */
function backTo(c: Context<AppEnv>): { within?: string; everyGroup?: boolean } {
  const within = c.req.query('within');
  if (within) return { within };
  return c.req.query('back') === 'all' ? { everyGroup: true } : {};
}

async function refuse(c: Context<AppEnv>, problem: 'not-a-form' | 'too-large', link: string) {
  return notice(c, problem, problem === 'too-large' ? 413 : 415, await localeOf(c, link));
}

function notice(c: Context<AppEnv>, kind: DashboardNotice, status: 403 | 404 | 410 | 413 | 415, locale: Locale) {
  return c.html(<DashboardNoticePage kind={kind} locale={locale} />, status);
}

/** The language of the leader a link was signed for, if it is theirs; else what the browser asks for. */
async function localeOf(c: Context<AppEnv>, link: string | undefined): Promise<Locale> {
  const signed = link ? await leaderFromLink(c.var.deps, link) : { kind: 'unknown' as const };
  if (signed.kind === 'leader') return signed.leader.locale;
  return signed.kind === 'expired' ? signed.locale : askedLocale(c);
}

/** What the browser asks for (`?lang=`, then Accept-Language), as pages shown before we know the person do. */
function askedLocale(c: Context<AppEnv>): Locale {
  return requestLocale(c, c.var.deps.org.defaultLocale);
}

/** A urlencoded form (all our pages send) as single strings; an empty field is no value. */
async function readForm(c: Context<AppEnv>): Promise<Record<string, string> | 'not-a-form' | 'too-large'> {
  const body = await readFormBody(c);
  if (body === 'not-a-form' || body === 'too-large') return body;
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(body)) {
    // Our forms send each field once; a repeated one is refused rather than half taken.
    if (seen.has(name)) return 'not-a-form';
    seen.add(name);
    if (value.trim() !== '') fields[name] = value;
  }
  return fields;
}
