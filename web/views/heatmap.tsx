import type { Dashboard, DashboardCell } from '../../shared/domain/dashboard.js';
import { percent } from '../../shared/domain/leader-findings.js';
import type { LeaderWords } from '../../shared/words/shape.js';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A figure's marks: text beside the colour, so the picture reads without it. */
function HeatCell(props: { cell: DashboardCell | undefined; href: string; t: LeaderWords }) {
  const { cell, t } = props;
  if (!cell) return <td class="h-none">–</td>;
  const mark = cell.status === 'hotspot' ? '!!' : cell.status === 'watch' ? '!' : '';
  const spoken = [cell.status === 'hotspot' ? t.hotspotTag : cell.status === 'watch' ? t.watchTag : '', cell.worsening ? t.risingTitle : '']
    .filter(Boolean)
    .join(', ');
  return (
    <td class={`h-${cell.status}`}>
      <a href={props.href}>
        {percent(cell.share)}
        {mark || cell.worsening ? (
          <span class="mk" aria-hidden="true">
            {mark}
            {cell.worsening ? '↑' : ''}
          </span>
        ) : null}
        {spoken && <span class="vh">, {spoken}</span>}
      </a>
    </td>
  );
}

/**
 * Groups in the tree by hotspot kind, one figure per cell: the picture before the list and the
 * table. Hidden departments keep their row with the reason, and kinds this pulse did not ask
 * are named under it, so nothing missing goes unsaid.
 */
export function Heatmap(props: {
  dashboard: Dashboard;
  t: LeaderWords;
  /** The rows to draw; every group by default. */
  entries?: Dashboard['summary']['entries'];
  /** Where a row's figures lead: its row in the table below by default. */
  hrefOf?: (entry: Dashboard['summary']['entries'][number]) => string;
  /** Hotspots under each department, as a column of its own. */
  under?: Record<string, number>;
}) {
  const { dashboard, t } = props;
  const entries = props.entries ?? dashboard.heatmap;
  if (entries.length === 0) return null;
  const kinds = dashboard.kindsAsked;
  const hrefOf = props.hrefOf ?? ((entry) => ('row' in entry ? `#g${entry.row}` : '#'));
  const under = props.under;
  return (
    <section aria-labelledby="glance">
      <h2 id="glance">{t.atAGlance}</h2>
      <p class="note" id="glance-about">
        {t.heatmapCaption(dashboard.pulseName)}
      </p>
      <div class="heatwrap" role="region" aria-labelledby="glance" tabindex={0}>
        <table class="heat" aria-describedby="glance-about">
          <thead>
            <tr>
              <th scope="col">{t.group}</th>
              {kinds.map((domain) => (
                <th scope="col">{capitalized(t.kind[domain])}</th>
              ))}
              {under && <th scope="col">{t.hotspotsWithin}</th>}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const within = under && (
                <td class="h-count">
                  {entry.department === undefined ? '' : (under[entry.department] ?? 0).toLocaleString(dashboard.locale === 'es' ? 'es-US' : 'en-US')}
                </td>
              );
              if ('hidden' in entry) {
                return (
                  <tr>
                    <th scope="row" class={`d${Math.min(entry.depth, 3)}`}>
                      {entry.hidden}
                    </th>
                    <td class="h-hidden" colspan={Math.max(kinds.length, 1)}>
                      {under && entry.department !== undefined ? <a href={hrefOf(entry)}>{t.hiddenRow(dashboard.k)}</a> : t.hiddenRow(dashboard.k)}
                    </td>
                    {within}
                  </tr>
                );
              }
              const row = dashboard.rows[entry.row]!;
              return (
                <tr>
                  <th scope="row" class={`d${Math.min(row.depth, 3)}`}>
                    {row.label}
                  </th>
                  {kinds.map((domain) => (
                    <HeatCell cell={row.cells.find((c) => c.domain === domain)} href={hrefOf(entry)} t={t} />
                  ))}
                  {within}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="note">{t.heatmapMarks}</p>
      {dashboard.kindsNotAsked.length > 0 && (
        <p class="note">
          {t.notAsked(new Intl.ListFormat(dashboard.locale, { type: 'conjunction' }).format(dashboard.kindsNotAsked.map((kind) => t.kind[kind])))}
        </p>
      )}
    </section>
  );
}
