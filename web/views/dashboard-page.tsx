import { ACTION_STATUSES } from '../../shared/domain/action-news.js';
import type { Dashboard, DashboardAction, DashboardCell } from '../../shared/domain/dashboard.js';
import { KIND_LABEL, KIND_ORDER, percent } from '../../shared/domain/digest.js';
import type { Domain } from '../../shared/domain/instrument.js';
import { Layout } from './layout.js';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The figure and the ones before it as a small line, with its threshold dashed: a trend read
 * at a glance, no script. The text alternative says the same in words.
 */
function Trend(props: { history: (number | undefined)[]; share: number; threshold: number }) {
  const points = [...props.history, props.share];
  const known = points.map((value, index) => ({ value, index })).filter((p): p is { value: number; index: number } => p.value !== undefined);
  if (known.length < 2) return null;
  const width = 72;
  const height = 22;
  const x = (index: number) => (index / (points.length - 1)) * (width - 4) + 2;
  const y = (value: number) => height - 2 - value * (height - 4);
  const words = points.map((value) => (value === undefined ? 'not shown' : percent(value))).join(', ');
  return (
    <svg class="trend" role="img" aria-label={`Trend, oldest first: ${words}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <line x1="0" x2={width} y1={y(props.threshold)} y2={y(props.threshold)} stroke="#b3261e" stroke-width="1" stroke-dasharray="3 2" />
      <polyline points={known.map((p) => `${x(p.index).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')} fill="none" stroke="#0b5cad" stroke-width="1.75" />
      <circle cx={x(points.length - 1)} cy={y(props.share)} r="2.5" fill="#0b5cad" />
    </svg>
  );
}

function Cell(props: { cell: DashboardCell | undefined; label: string }) {
  const { cell } = props;
  if (!cell) return <td data-label={props.label}>–</td>;
  const earlier = cell.history.map((share) => (share === undefined ? '–' : percent(share))).join(' · ');
  return (
    <td data-label={props.label}>
      <span class="share">{percent(cell.share)}</span>
      {cell.status === 'hotspot' && <span class="tag hotspot">Hotspot</span>}
      {cell.status === 'watch' && <span class="tag watch">Watch</span>}
      {cell.worsening && <span class="tag rising">Rising</span>}
      <Trend history={cell.history} share={cell.share} threshold={cell.threshold} />
      <details>
        <summary>Details</summary>
        <span class="range">
          95% sure the true figure is between {percent(cell.low)} and {percent(cell.high)}; the line is {percent(cell.threshold)}.
        </span>
        {cell.history.length > 0 && <span class="earlier">Earlier pulses: {earlier}</span>}
      </details>
    </td>
  );
}

function AttentionList(props: { title: string; items: Dashboard['attention']['hotspots']; rowIndex: Map<string, number>; tag: string }) {
  if (props.items.length === 0) return null;
  return (
    <>
      <h3>{props.title}</h3>
      <ul class="attention">
        {props.items.map((item) => (
          <li>
            <a href={`#g${props.rowIndex.get(item.groupId) ?? 0}`}>{item.label}</a>: {KIND_LABEL[item.domain]} {percent(item.share)}
            {props.tag === 'hotspot' && item.rising ? ', rising' : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

const STATUS_LABEL = { planned: 'Planned', 'in-progress': 'In progress', done: 'Done' } as const;

function ActionItem(props: { action: DashboardAction; link: string }) {
  const { action } = props;
  return (
    <li class="action">
      <p class="what">
        <strong>{action.title}</strong> ({action.departmentName}, {KIND_LABEL[action.kind]})
      </p>
      <p class="status">
        <span class={`tag ${action.status === 'done' ? 'done' : action.overdue ? 'hotspot' : 'open'}`}>{STATUS_LABEL[action.status]}</span>
        {action.status === 'done' && action.doneOn && ` on ${action.doneOn}`}
        {action.status !== 'done' && action.targetOn && ` · target ${action.targetOn}${action.overdue ? ' (past due)' : ''}`}
        {` · logged by ${action.createdByName}`}
      </p>
      {action.measured && <p class="measured">{action.measured.sentence}</p>}
      {action.status === 'done' && !action.measured && <p class="note">Before and after will show once a pulse on each side has published figures for {action.departmentName}.</p>}
      {action.status !== 'done' && (
        <form method="post" action={`/d/${props.link}/actions/${action.id}`} class="inline">
          <label>
            Status
            <select name="status">
              {ACTION_STATUSES.map((status) => (
                <option value={status} selected={status === action.status}>
                  {STATUS_LABEL[status]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Done on (if done)
            <input type="date" name="doneOn" />
          </label>
          <button type="submit">Update</button>
        </form>
      )}
    </li>
  );
}

function ActionsSection(props: { dashboard: Dashboard; link: string; form?: { problems: string[]; values: Record<string, string> } }) {
  const { dashboard, form } = props;
  const value = (name: string) => form?.values[name] ?? '';
  return (
    <section aria-labelledby="actions" class="actions">
      <h2 id="actions">Actions</h2>
      {dashboard.actions.length === 0 ? (
        <p>No actions logged yet for the departments you oversee.</p>
      ) : (
        <ul class="actions">
          {dashboard.actions.map((action) => (
            <ActionItem action={action} link={props.link} />
          ))}
        </ul>
      )}
      <h3>Commit to an action</h3>
      <p class="note">Staff of the department see the title and status on their next pulse ("you said, we did"), so name no one. Once it is done, this page compares the figures before and after it.</p>
      {form && form.problems.length > 0 && (
        <div class="summary" role="alert">
          <p>The action was not saved:</p>
          <ul>
            {form.problems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`/d/${props.link}/actions`} class="commit">
        <label>
          Department
          <select name="department" required>
            {dashboard.departmentChoices.map((d) => (
              <option value={d.id} selected={value('department') === d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Hotspot kind
          <select name="kind" required>
            {KIND_ORDER.map((kind) => (
              <option value={kind} selected={value('kind') === kind}>
                {capitalized(KIND_LABEL[kind])}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title (pick a suggestion or write your own)
          <input type="text" name="title" list="suggestions" maxlength={120} required value={value('title')} />
        </label>
        <datalist id="suggestions">
          {KIND_ORDER.flatMap((kind) => dashboard.suggestions[kind]).map((text) => (
            <option value={text.length > 120 ? text.slice(0, 117) + '...' : text} />
          ))}
        </datalist>
        <label>
          Title in Spanish (optional; otherwise staff read it as written)
          <input type="text" name="titleEs" lang="es" maxlength={120} value={value('titleEs')} />
        </label>
        <label>
          Status
          <select name="status">
            {ACTION_STATUSES.map((status) => (
              <option value={status} selected={(value('status') || 'planned') === status}>
                {STATUS_LABEL[status]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target date (optional)
          <input type="date" name="targetOn" value={value('targetOn')} />
        </label>
        <button type="submit">Commit to this action</button>
      </form>
    </section>
  );
}

/**
 * A leader's dashboard: what needs attention (the same list as their digest), then every
 * group they oversee with published figures from the newest closed pulse, one column per
 * hotspot kind, a trend line per figure and the statistics one tap away. Server-rendered, no
 * script; below 45rem each group becomes a card, so a phone never scrolls sideways.
 */
export function DashboardPage(props: { dashboard: Dashboard; expiresAt: Date; link: string; form?: { problems: string[]; values: Record<string, string> } }) {
  const { dashboard } = props;
  const domains = KIND_ORDER.filter((domain) => dashboard.rows.some((row) => row.cells.some((c) => c.domain === domain)));
  const title = `${dashboard.orgName}: pulse of ${dashboard.pulseName}`;
  const rowIndex = new Map(dashboard.rows.map((row, index) => [row.groupId, index]));
  const { hotspots, rising, watch } = dashboard.attention;
  const thresholdOf = (domain: Domain) => dashboard.rows.flatMap((row) => row.cells).find((c) => c.domain === domain)?.threshold ?? 0;
  return (
    <Layout locale="en" title={title} wide>
      <h1>{title}</h1>
      <p>
        Hello {dashboard.leaderName}.{' '}
        {dashboard.groupsWithHotspot === 0
          ? `No hotspots in the ${dashboard.rows.length} groups you oversee.`
          : `${dashboard.groupsWithHotspot} of the ${dashboard.rows.length} groups you oversee ${dashboard.groupsWithHotspot > 1 ? 'have' : 'has'} a hotspot.`}
        {dashboard.earlierPulseNames.length > 0 && ` Trends run from the pulse of ${dashboard.earlierPulseNames[0]} to this one.`}
      </p>
      {hotspots.length + rising.length + watch.length > 0 && (
        <section aria-labelledby="attention">
          <h2 id="attention">Needs attention</h2>
          <AttentionList title="Hotspots" items={hotspots} rowIndex={rowIndex} tag="hotspot" />
          <AttentionList title="Rising" items={rising} rowIndex={rowIndex} tag="rising" />
          <AttentionList title="To watch" items={watch} rowIndex={rowIndex} tag="watch" />
        </section>
      )}
      <dl class="legend">
        <dt>Figure</dt>
        <dd>the share of answers that report a problem</dd>
        <dt>Hotspot</dt>
        <dd>clearly above the line we set for it</dd>
        <dt>Watch</dt>
        <dd>above the line, but too few answers to be sure</dd>
        <dt>Rising</dt>
        <dd>clearly worse than the group's recent pulses</dd>
      </dl>
      <p>
        <a href={`/d/${props.link}/csv`} download="dashboard.csv">
          Download this table (CSV)
        </a>
      </p>
      {dashboard.rows.length === 0 ? (
        <p>No group you oversee had enough answers in this pulse to show figures.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Answered</th>
                {domains.map((domain) => (
                  <th scope="col">
                    {capitalized(KIND_LABEL[domain])}
                    <span class="limit">line {percent(thresholdOf(domain))}</span>
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
                  <td data-label="Answered">
                    {row.n}
                    <span class="rate">{row.staff > 0 ? `${percent(row.n / row.staff)} of ${row.staff}` : ''}</span>
                  </td>
                  {domains.map((domain) => (
                    <Cell cell={row.cells.find((c) => c.domain === domain)} label={capitalized(KIND_LABEL[domain])} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionsSection dashboard={dashboard} link={props.link} form={props.form} />
      {dashboard.hiddenDepartments.length > 0 && (
        <p class="note">
          Too few answers to report (fewer than {dashboard.k}, or they would reveal a smaller group): {dashboard.hiddenDepartments.join(', ')}.
        </p>
      )}
      <p class="note">
        Figures are shown only for groups of at least {dashboard.k} people, after the pulse has closed. Nobody can see individual answers. This link is
        personal: please do not forward it. It works until {props.expiresAt.toISOString().slice(0, 10)}; every digest brings a new one.
      </p>
    </Layout>
  );
}

/** What a dashboard link shows when it shows no figures. */
export function DashboardNoticePage(props: { kind: 'empty' | 'unknown' | 'expired' | 'cross-site' | 'not-a-form' | 'too-large'; leaderName?: string }) {
  const notices = {
    empty: ['No figures yet', `Hello ${props.leaderName ?? ''}. No pulse has closed with figures to show yet. Your next digest will say when one has.`],
    expired: ['This dashboard link has expired', 'Dashboard links work for a few weeks. Use the link in your newest digest.'],
    unknown: ['We do not recognize this dashboard link', 'Check that the whole link was copied from your digest, or use the link in your newest digest.'],
    'cross-site': ['Nothing was saved', 'This form was sent from another site. Open your dashboard from the link in your digest and use the form there.'],
    'not-a-form': ['Nothing was saved', 'This was not sent by the dashboard’s form. Open your dashboard from the link in your digest and use the form there.'],
    'too-large': ['Nothing was saved', 'The form was far larger than the dashboard ever sends. Open your dashboard again and use the form there.'],
  } as const;
  const [title, body] = notices[props.kind];
  return (
    <Layout locale="en" title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
    </Layout>
  );
}
