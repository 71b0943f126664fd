import { ACTION_STATUSES } from '../../shared/domain/action-news.js';
import type { AttentionItem, Dashboard, DashboardAction, DashboardCell } from '../../shared/domain/dashboard.js';
import { KIND_ORDER, percent } from '../../shared/domain/leader-findings.js';
import type { LeaderWords } from '../../shared/words/shape.js';
import { WORDS } from '../../shared/words/words.js';
import type { Domain } from '../../shared/domain/instrument.js';
import { Heatmap } from './heatmap.js';
import { Trend } from './trend.js';
import { Layout } from './layout.js';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function Cell(props: { cell: DashboardCell | undefined; label: string; days: readonly string[]; t: LeaderWords }) {
  const { cell, t } = props;
  if (!cell) return <td data-label={props.label}>–</td>;
  const earlier = cell.history.map((share) => (share === undefined ? '–' : percent(share))).join(' · ');
  return (
    <td data-label={props.label}>
      <span class="share">{percent(cell.share)}</span>
      {cell.status === 'hotspot' && <span class="tag hotspot">{t.hotspotTag}</span>}
      {cell.status === 'watch' && <span class="tag watch">{t.watchTag}</span>}
      {cell.persistent && <span class="tag persistent">{t.persistentTag}</span>}
      {cell.worsening && <span class="tag rising">{t.risingTitle}</span>}
      <Trend history={cell.history} share={cell.share} threshold={cell.threshold} days={props.days} t={t} />
      {cell.references.map((reference) =>
        reference.url ? (
          <a class="ref" href={reference.url}>
            {reference.label}
          </a>
        ) : (
          <span class="ref">{reference.label}</span>
        ),
      )}
      <details>
        <summary>{t.details}</summary>
        <span class="range">{cell.statistics}</span>
        {cell.history.length > 0 && <span class="earlier">{t.earlierPulses(earlier)}</span>}
      </details>
    </td>
  );
}

function AttentionList(props: {
  title: string;
  items: Dashboard['attention']['hotspots'];
  hrefOf: (item: Dashboard['attention']['hotspots'][number]) => string;
  tag: string;
  t: LeaderWords;
  /** At most this many, then a line saying how many more. */
  limit?: number;
}) {
  if (props.items.length === 0) return null;
  const shown = props.limit === undefined ? props.items : props.items.slice(0, props.limit);
  return (
    <>
      <h3>{props.title}</h3>
      <ul class="attention">
        {shown.map((item) => (
          <li>
            <a href={props.hrefOf(item)}>{item.label}</a>: {props.t.kind[item.domain]} {percent(item.share)}
            {props.tag === 'hotspot' && item.rising ? `, ${props.t.rising}` : ''}
            {props.tag === 'hotspot' && item.persistent ? `, ${props.t.persistentTag.toLowerCase()}` : ''}
          </li>
        ))}
      </ul>
      {shown.length < props.items.length && <p class="note">{props.t.moreFindings(props.items.length - shown.length)}</p>}
    </>
  );
}

function ActionItem(props: { action: DashboardAction; link: string; back: string; t: LeaderWords }) {
  const { action, t } = props;
  return (
    <li class="action">
      <p class="what">
        <strong>{action.title}</strong> ({action.departmentName}, {t.kind[action.kind]})
      </p>
      <p class="status">
        <span class={`tag ${action.status === 'done' ? 'done' : action.overdue ? 'hotspot' : 'open'}`}>{t.status[action.status]}</span>
        {action.status === 'done' && action.doneOn && t.doneOn(action.doneOn)}
        {action.status !== 'done' && action.targetOn && t.target(action.targetOn, action.overdue)}
        {t.loggedBy(action.createdByName)}
      </p>
      {action.measured && <p class="measured">{action.measured.sentence}</p>}
      {action.status === 'done' && !action.measured && <p class="note">{t.measuredLater(action.departmentName)}</p>}
      {action.status !== 'done' && (
        <form method="post" action={`/d/${props.link}/actions/${action.id}${props.back}`} class="inline">
          <label>
            {t.statusLabel}
            <select name="status">
              {ACTION_STATUSES.map((status) => (
                <option value={status} selected={status === action.status}>
                  {t.status[status]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.doneOnLabel}
            <input type="date" name="doneOn" />
          </label>
          <button type="submit">{t.update}</button>
        </form>
      )}
    </li>
  );
}

function ActionsSection(props: { dashboard: Dashboard; link: string; everyGroup?: boolean; form?: { problems: string[]; values: Record<string, string> } }) {
  const { dashboard, form } = props;
  const t = WORDS[dashboard.locale].leader;
  const value = (name: string) => form?.values[name] ?? '';
  // Back to the page the form was on once saved: a group's page, or every group's.
  const back = dashboard.within ? `?within=${encodeURIComponent(dashboard.within.id)}` : props.everyGroup ? '?back=all' : '';
  // The title is written in the leader's language; the other one is optional.
  const other = dashboard.locale === 'es' ? { field: 'titleEn', locale: 'en' } : { field: 'titleEs', locale: 'es' };
  return (
    <section aria-labelledby="actions" class="actions">
      <h2 id="actions">{t.actions}</h2>
      {dashboard.actions.length === 0 ? (
        <p>{t.noActions}</p>
      ) : (
        <ul class="actions">
          {dashboard.actions.map((action) => (
            <ActionItem action={action} link={props.link} back={back} t={t} />
          ))}
        </ul>
      )}
      <h3 id="commit">{t.commit}</h3>
      <p class="note">{t.commitNote}</p>
      {form && form.problems.length > 0 && (
        <div class="summary" role="alert">
          <p>{t.notSaved}</p>
          <ul>
            {form.problems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`/d/${props.link}/actions${back}`} class="commit">
        <label>
          {t.department}
          <select name="department" required>
            {dashboard.departmentChoices.map((d) => (
              <option value={d.id} selected={value('department') === d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.hotspotKind}
          <select name="kind" required>
            {KIND_ORDER.map((kind) => (
              <option value={kind} selected={value('kind') === kind}>
                {capitalized(t.kind[kind])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.titleLabel}
          <input type="text" name="title" list="suggestions" maxlength={120} required value={value('title')} />
        </label>
        <datalist id="suggestions">
          {KIND_ORDER.flatMap((kind) => dashboard.suggestions[kind]).map((text) => (
            <option value={text.length > 120 ? text.slice(0, 117) + '...' : text} />
          ))}
        </datalist>
        <label>
          {t.translationLabel}
          <input type="text" name={other.field} lang={other.locale} maxlength={120} value={value(other.field)} />
        </label>
        <label>
          {t.statusLabel}
          <select name="status">
            {ACTION_STATUSES.map((status) => (
              <option value={status} selected={(value('status') || 'planned') === status}>
                {t.status[status]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.targetLabel}
          <input type="date" name="targetOn" value={value('targetOn')} />
        </label>
        <button type="submit">{t.commitButton}</button>
      </form>
    </section>
  );
}

/** How many findings of each kind a summary lists before pointing at the group pages. */
const SUMMARY_FINDINGS = 10;

/**
 * A leader's dashboard: the picture first (a heatmap of their groups), what needs attention
 * (the same list as their digest), then every group with published figures from the newest
 * closed pulse, one column per hotspot kind, a trend line per figure and the statistics one tap
 * away. Server-rendered, no script; below 45rem each group becomes a card, so a phone never
 * scrolls sideways. `summary` is the first page of a large organization: the top of the tree,
 * each group linking to its own page, and no table.
 */
export function DashboardPage(props: {
  dashboard: Dashboard;
  expiresAt: Date;
  link: string;
  view?: 'full' | 'summary';
  /** Served at `/all`: every group in one table, whatever the first page is. */
  everyGroup?: boolean;
  form?: { problems: string[]; values: Record<string, string> };
  /** Whether the organization takes comments, so the page links to what staff wrote. */
  comments?: boolean;
}) {
  const { dashboard, link } = props;
  const summary = props.view === 'summary';
  const t = WORDS[dashboard.locale].leader;
  const domains = KIND_ORDER.filter((domain) => dashboard.rows.some((row) => row.cells.some((c) => c.domain === domain)));
  const title = t.pulseOf(dashboard.within ? `${dashboard.orgName}, ${dashboard.within.name}` : dashboard.orgName, dashboard.pulseName);
  const rowIndex = new Map(dashboard.rows.map((row, index) => [row.groupId, index]));
  const { hotspots, rising, watch } = dashboard.attention;
  const thresholdOf = (domain: Domain) => dashboard.rows.flatMap((row) => row.cells).find((c) => c.domain === domain)?.threshold ?? 0;
  const limit = summary ? SUMMARY_FINDINGS : undefined;
  const groupPage = (department: string) => `/d/${link}/g/${encodeURIComponent(department)}`;
  const itemHref = summary
    ? (item: AttentionItem) => (item.department ? groupPage(item.department) : `/d/${link}/all`)
    : (item: AttentionItem) => `#g${rowIndex.get(item.groupId) ?? 0}`;
  return (
    <Layout locale={dashboard.locale} title={title} wide>
      {dashboard.within && (
        <p class="note">
          <a href={`/d/${link}`}>{t.allYourGroups}</a>
        </p>
      )}
      <h1>{title}</h1>
      <p>
        {t.hello2(dashboard.leaderName)}{' '}
        {dashboard.groupsWithHotspot === 0
          ? t.noHotspotsIn(dashboard.rows.length)
          : t.groupsWithHotspot(hotspots.length, dashboard.groupsWithHotspot, dashboard.rows.length)}
        {dashboard.earlierPulseNames.length > 0 && !summary && t.trendsFrom(dashboard.earlierPulseNames[0]!)}
      </p>
      {dashboard.dueFromYou.length > 0 && (
        <section aria-labelledby="due">
          <h2 id="due">{t.dueTitle}</h2>
          <ul class="attention">
            {dashboard.dueFromYou.map((due) => (
              <li>
                {summary ? <a href={`${groupPage(due.department)}#commit`}>{due.sentence}</a> : due.sentence}
                {due.pastDue && <strong>{t.pastDue}</strong>}
              </li>
            ))}
          </ul>
          {!summary && (
            <p>
              <a href="#commit">{t.commit}</a>
            </p>
          )}
        </section>
      )}
      {summary ? (
        <>
          <p class="note">{t.summaryNote(dashboard.rows.length)}</p>
          <Heatmap
            dashboard={dashboard}
            t={t}
            entries={dashboard.summary.entries}
            hrefOf={(entry) => (entry.department ? groupPage(entry.department) : `/d/${link}/all`)}
            under={dashboard.summary.hotspotsUnder}
          />
          {dashboard.summary.more > 0 && <p class="note">{t.moreTopGroups(dashboard.summary.more)}</p>}
        </>
      ) : (
        <Heatmap dashboard={dashboard} t={t} />
      )}
      {props.comments && (
        <p>
          <a href={`/d/${link}/comments`}>{t.comments.readThem}</a>
        </p>
      )}
      {hotspots.length + rising.length + watch.length > 0 && (
        <section aria-labelledby="attention">
          <h2 id="attention">{t.needsAttention}</h2>
          <AttentionList title={t.hotspots} items={hotspots} hrefOf={itemHref} tag="hotspot" t={t} limit={limit} />
          <AttentionList title={t.risingTitle} items={rising} hrefOf={itemHref} tag="rising" t={t} limit={limit} />
          <AttentionList title={t.toWatchTitle} items={watch} hrefOf={itemHref} tag="watch" t={t} limit={limit} />
        </section>
      )}
      <dl class="legend">
        {t.legend.map(([term, meaning]) => (
          <>
            <dt>{term}</dt>
            <dd>{meaning}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={`/d/${link}/csv`} download="dashboard.csv">
          {t.downloadCsv}
        </a>
        {summary && (
          <>
            {' · '}
            <a href={`/d/${link}/all`}>{t.fullTable}</a>
          </>
        )}
      </p>
      {summary ? (
        <p class="note">{t.actionsOnGroupPages}</p>
      ) : (
        <>
          <FiguresTable dashboard={dashboard} domains={domains} thresholdOf={thresholdOf} t={t} />
          <ActionsSection dashboard={dashboard} link={link} everyGroup={props.everyGroup === true} form={props.form} />
        </>
      )}
      {dashboard.hiddenDepartments.length > 0 && !summary && <p class="note">{t.hiddenNote(dashboard.k, dashboard.hiddenDepartments.join(', '))}</p>}
      <p class="note">{t.personalNote(dashboard.k, props.expiresAt.toISOString().slice(0, 10))}</p>
    </Layout>
  );
}

function FiguresTable(props: { dashboard: Dashboard; domains: Domain[]; thresholdOf: (domain: Domain) => number; t: LeaderWords }) {
  const { dashboard, domains, t } = props;
  if (dashboard.rows.length === 0) return <p>{t.noFigures}</p>;
  return (
    <div class="scroll">
      <table class="figures">
        <thead>
          <tr>
            <th scope="col">{t.group}</th>
            <th scope="col">{t.answered}</th>
            {domains.map((domain) => (
              <th scope="col">
                {capitalized(t.kind[domain])}
                <span class="limit">{t.line(percent(props.thresholdOf(domain)))}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dashboard.rows.map((row, index) => (
            <tr id={`g${index}`}>
              <th scope="row" class={`d${Math.min(row.depth, 3)}`}>
                {row.label}
              </th>
              <td data-label={t.answered}>
                {row.n}
                <span class="rate">{row.staff > 0 ? t.ofStaff(percent(row.n / row.staff), row.staff) : ''}</span>
              </td>
              {domains.map((domain) => (
                <Cell cell={row.cells.find((c) => c.domain === domain)} label={capitalized(t.kind[domain])} days={dashboard.pulseDays} t={t} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
