import { ACTION_STATUSES } from '../../shared/domain/action-news.js';
import type { Dashboard, DashboardAction, DashboardCell } from '../../shared/domain/dashboard.js';
import { KIND_LABEL, KIND_ORDER, percent } from '../../shared/domain/digest.js';
import type { Domain } from '../../shared/domain/instrument.js';
import { Layout } from './layout.js';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function Cell(props: { cell: DashboardCell | undefined; earlierCount: number }) {
  const { cell } = props;
  if (!cell) return <td>–</td>;
  const earlier = cell.history.map((share) => (share === undefined ? '–' : percent(share))).join(' · ');
  return (
    <td>
      <span class="share">{percent(cell.share)}</span>
      {cell.status === 'hotspot' && <span class="tag hotspot">Hotspot</span>}
      {cell.status === 'watch' && <span class="tag watch">Watch</span>}
      {cell.worsening && <span class="tag rising">Rising</span>}
      <span class="range">
        {percent(cell.low)}–{percent(cell.high)}
      </span>
      {props.earlierCount > 0 && <span class="earlier">Earlier: {earlier}</span>}
    </td>
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
 * A leader's dashboard: every group they oversee with published figures from the newest
 * closed pulse, one column per hotspot kind, and the same figure in earlier pulses.
 * Server-rendered, no script; the table scrolls sideways on a phone.
 */
export function DashboardPage(props: { dashboard: Dashboard; expiresAt: Date; link: string; form?: { problems: string[]; values: Record<string, string> } }) {
  const { dashboard } = props;
  const domains = KIND_ORDER.filter((domain) => dashboard.rows.some((row) => row.cells.some((c) => c.domain === domain)));
  const title = `${dashboard.orgName}: pulse ${dashboard.waveId}`;
  // One threshold per domain for the whole organization; each figure carries it.
  // In a table of hundreds of groups, what a leader acts on comes first, linked to its row.
  const attention = dashboard.rows
    .map((row, index) => ({ row, index, cells: row.cells.filter((c) => c.status === 'hotspot' || c.worsening) }))
    .filter((entry) => entry.cells.length > 0);
  const thresholdOf = (domain: Domain) => dashboard.rows.flatMap((row) => row.cells).find((c) => c.domain === domain)?.threshold ?? 0;
  return (
    <Layout locale="en" title={title} wide>
      <h1>{title}</h1>
      <p>
        Hello {dashboard.leaderName}.{' '}
        {dashboard.groupsWithHotspot === 0
          ? `No hotspots in the ${dashboard.rows.length} groups you oversee.`
          : `${dashboard.groupsWithHotspot} of the ${dashboard.rows.length} groups you oversee ${dashboard.groupsWithHotspot > 1 ? 'have' : 'has'} a hotspot.`}
        {dashboard.earlierWaveIds.length > 0 && ` Earlier figures are from pulses ${dashboard.earlierWaveIds.join(', ')}, oldest first.`}
      </p>
      {attention.length > 0 && (
        <section aria-labelledby="attention">
          <h2 id="attention">Needs attention</h2>
          <ul class="attention">
            {attention.map(({ row, index, cells }) => (
              <li>
                <a href={`#g${index}`}>{row.label}</a>:{' '}
                {cells.map((c) => `${KIND_LABEL[c.domain]} ${percent(c.share)} (${c.status === 'hotspot' ? 'hotspot' : ''}${c.status === 'hotspot' && c.worsening ? ', ' : ''}${c.worsening ? 'rising' : ''})`).join('; ')}
              </li>
            ))}
          </ul>
        </section>
      )}
      <dl class="legend">
        <dt>Figure</dt>
        <dd>share of adverse answers, with its 95% interval</dd>
        <dt>Hotspot</dt>
        <dd>the whole interval is above the threshold</dd>
        <dt>Watch</dt>
        <dd>the share is above it, the interval not yet</dd>
        <dt>Rising</dt>
        <dd>clearly worse than the group's recent pulses</dd>
      </dl>
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
                    <span class="limit">threshold {percent(thresholdOf(domain))}</span>
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
                  <td>
                    {row.n}
                    <span class="rate">{row.staff > 0 ? `${percent(row.n / row.staff)} of ${row.staff}` : ''}</span>
                  </td>
                  {domains.map((domain) => (
                    <Cell cell={row.cells.find((c) => c.domain === domain)} earlierCount={dashboard.earlierWaveIds.length} />
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
