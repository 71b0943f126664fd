import type { WaveDates } from './actions.js';
import { DepartmentTree } from './department-tree.js';
import type { FollowUp } from './follow-ups.js';
import type { Evaluation, PublishedGroup } from './evaluate-hotspots.js';
import { findingsFor, groupLabel, KIND_LABEL, percent, pulseName, pulseNameFromId, scopeOf, type Finding } from './leader-findings.js';
import type { OrgConfig } from './org-config.js';

export { groupLabel, KIND_LABEL, KIND_ORDER, percent, scopeOf, type Finding } from './leader-findings.js';

/** The plain-words line for one finding: figure, n, interval, threshold, change. */
export function describeFinding(finding: Finding): string {
  const { figure, group } = finding;
  const kind = KIND_LABEL[figure.domain];
  // A hotspot found over two pulses gives the interval that found it.
  const tested = figure.pooled ?? figure;
  const pooled = figure.pooled ? `; with the previous pulse ${percent(figure.pooled.share)} from ${figure.pooled.n} answers` : '';
  const base = `${finding.label}, ${kind}: ${percent(figure.share)} adverse answers from ${group.n} people${pooled} (95% interval ${percent(tested.low)} to ${percent(tested.high)}; threshold ${percent(figure.threshold)})`;
  const trend = figure.trend
    ? figure.trend.worsening
      ? `, rising from ${percent(figure.trend.baselineShare)} over recent pulses`
      : `; recent pulses: ${percent(figure.trend.baselineShare)}`
    : '; first pulse with enough answers to compare';
  const streak = figure.hotspotStreak > 1 ? ` A hotspot ${figure.hotspotStreak} pulses in a row.` : '';
  return `${base}${trend}.${streak}`;
}

/** One follow-up in plain words: what is owed, since when, and by whom. */
export function describeFollowUp(org: OrgConfig, followUp: FollowUp): string {
  const department = org.departments.find((d) => d.id === followUp.department)?.name.en ?? followUp.department;
  const role = followUp.roleGroup ? org.roleGroups.find((r) => r.id === followUp.roleGroup)?.name.en ?? followUp.roleGroup : undefined;
  const owner = org.leaders.find((l) => l.id === followUp.ownerId)?.name ?? followUp.ownerId;
  const kind = KIND_LABEL[followUp.domain];
  if (followUp.reason === 'overdue' && followUp.action) {
    const status = followUp.action.status === 'planned' ? 'still planned' : 'still in progress';
    return `${department}: "${followUp.action.title}" (${kind}) was due ${followUp.dueOn} and is ${status} (${owner}).`;
  }
  return `${department}${role ? `: ${role}` : ''}: ${kind} hotspot in the pulse of ${pulseNameFromId(followUp.waveId ?? '', org.timeZone)}, no action logged by ${followUp.dueOn} (${owner}).`;
}

function subjectLine(hotspots: Finding[], worsening: Finding[], responseRate: string): string {
  if (hotspots.length === 0 && worsening.length === 0) return `No hotspots this pulse (${responseRate} answered)`;
  const byGroup = new Map<string, string[]>();
  for (const finding of [...hotspots, ...worsening]) {
    const words = `${KIND_LABEL[finding.figure.domain]}${finding.figure.trend?.worsening && finding.figure.status === 'hotspot' ? ', rising' : finding.figure.status !== 'hotspot' ? ' rising' : ''}`;
    byGroup.set(finding.label, [...(byGroup.get(finding.label) ?? []), words]);
  }
  const parts = [...byGroup].map(([label, kinds]) => `${label} (${kinds.join('; ')})`);
  const count = hotspots.length > 0 ? `${hotspots.length} hotspot${hotspots.length > 1 ? 's' : ''}` : `${worsening.length} worsening`;
  return `${count}: ${parts.join(', ')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

type Leader = OrgConfig['leaders'][number];

export interface Digest {
  leaderId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  hotspots: Finding[];
  worsening: Finding[];
  watch: Finding[];
  /** What the leaders who report to this one owe: hotspots without action, actions past their date. */
  followUps: FollowUp[];
}

export interface DigestOptions {
  /** A signed link to the leader's dashboard. */
  dashboardUrl?: string;
  /** What the leaders who report to this one owe (see follow-ups.ts). */
  followUps?: readonly FollowUp[];
  /** The pulse's dates, to name it as people do; its id otherwise gives the opening day. */
  wave?: Pick<WaveDates, 'openedAt' | 'closesAt'>;
}

/**
 * One leader's digest for one wave: exactly the hotspots, rising and watch figures their
 * dashboard shows (findingsFor), response rates, two or three actions that fit each
 * hotspot's kind, and what their reports owe. Only published figures appear: a group under
 * k, or one that could be derived by subtraction, shows no number at all.
 */
export function composeDigest(org: OrgConfig, evaluation: Evaluation, leader: Leader, options: DigestOptions = {}): Digest {
  const tree = DepartmentTree.of(org.departments);
  const scope = scopeOf(org, leader, tree);
  const { hotspots, rising: worsening, watch } = findingsFor(org, evaluation, leader);
  const followUps = [...(options.followUps ?? [])];
  const pulse = options.wave ? pulseName(options.wave, org.timeZone) : pulseNameFromId(evaluation.waveId, org.timeZone);

  const position = new Map(org.departments.map((d, index) => [d.id, index]));
  const order = (g: PublishedGroup) => position.get(g.department ?? '') ?? -1;
  const departmentsShown = evaluation.groups
    .filter((g) => g.kind === 'department' && (leader.executive || (g.department !== undefined && scope.has(g.department))))
    .sort((a, b) => order(a) - order(b));
  // The leader's own top-level departments, added up; the whole organization for executives.
  const top = leader.executive
    ? evaluation.groups.filter((g) => g.kind === 'org')
    : departmentsShown.filter((g) => g.department !== undefined && leader.departments.includes(g.department));
  const totals = top.reduce((sum, g) => ({ n: sum.n + g.n, staff: sum.staff + g.staff }), { n: 0, staff: 0 });
  const responseRate = totals.staff > 0 ? percent(totals.n / totals.staff) : 'too few';
  const rates = departmentsShown.map((g) => ({ label: groupLabel(org, g, tree), rate: g.staff > 0 ? percent(g.n / g.staff) : '-', n: g.n }));
  const departmentName = (id: string) => org.departments.find((d) => d.id === id)?.name.en ?? id;
  const hiddenInScope = evaluation.hiddenGroups.filter((id) => id.startsWith('department:') && (leader.executive || scope.has(id.slice('department:'.length)))).map((id) => departmentName(id.slice('department:'.length)));
  // Nothing measured is not "all well": when none of the leader's own departments has a
  // figure, say so, with the response rate of the nearest published group that holds them.
  const ownHidden = !leader.executive && leader.departments.length > 0 && top.length === 0;
  const nearestShown = ownHidden ? nearestPublishedAbove(org, evaluation, leader.departments, tree) : undefined;
  const quietNote = ownHidden
    ? `Not enough answers to report for ${leader.departments.map(departmentName).join(', ')}: fewer than ${org.k} people answered, or their figures would reveal a smaller group.`
    : 'No department you oversee is a hotspot this pulse. Thank your teams for answering.';
  // The nearest published group that holds them gives a response rate without revealing theirs.
  const quietRate = ownHidden && nearestShown ? `Across ${groupLabel(org, nearestShown, tree)}, which includes them, ${percent(nearestShown.n / Math.max(1, nearestShown.staff))} answered.` : undefined;

  const waiting = followUps.map((f) => describeFollowUp(org, f));
  const subject =
    (ownHidden && hotspots.length === 0 && worsening.length === 0 ? `Not enough answers to report this pulse` : subjectLine(hotspots, worsening, responseRate)) +
    (waiting.length > 0 ? `; ${waiting.length} waiting for action` : '');
  const actionsFor = (finding: Finding) => org.actions[finding.figure.domain].slice(0, 3);
  const persistent = (f: Finding) => f.escalated && f.figure.hotspotStreak >= org.escalateAfterWaves;
  const title = `${org.name}: pulse of ${pulse}`;

  const lines: string[] = [title, '', `Hello ${leader.name},`, ''];
  if (hotspots.length === 0 && worsening.length === 0) lines.push(quietNote, ...(quietRate ? [quietRate] : []), '');
  for (const finding of hotspots) {
    lines.push(`HOTSPOT${persistent(finding) ? ' (persistent, in a department your reports lead)' : ''}: ${describeFinding(finding)}`);
    for (const action of actionsFor(finding)) lines.push(`  - ${action}`);
    lines.push('');
  }
  for (const finding of worsening) lines.push(`WORSENING: ${describeFinding(finding)}`, '');
  if (watch.length > 0) lines.push('To watch (above threshold, but not yet confidently):', ...watch.map((f) => `  - ${describeFinding(f)}`), '');
  if (waiting.length > 0) lines.push(`Waiting for action (from the leaders who report to you; actions are due within ${org.actionDueDays} days of a digest):`, ...waiting.map((w) => `  - ${w}`), '');
  lines.push('Response rates:', ...rates.map((r) => `  - ${r.label}: ${r.rate} (${r.n} answers)`));
  if (hiddenInScope.length > 0) lines.push(`  - Too few answers to report (fewer than ${org.k}, or would reveal a smaller group): ${hiddenInScope.join(', ')}`);
  if (options.dashboardUrl) lines.push('', `Every department you oversee, with the last pulses side by side (a personal link, do not forward): ${options.dashboardUrl}`);
  lines.push('', `Figures are shown only for groups of at least ${org.k} people, after the pulse has closed. Nobody can see individual answers.`);

  const cell = 'padding:8px 10px;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top';
  const findingRows = (findings: Finding[], tag: string, color: string) =>
    findings
      .map(
        (f) =>
          `<tr><td style="${cell}"><strong style="color:${color}">${tag}</strong></td><td style="${cell}">${escapeHtml(describeFinding(f))}` +
          (tag === 'Hotspot' ? `<ul style="margin:6px 0 0;padding-left:18px">${actionsFor(f).map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : '') +
          `</td></tr>`,
      )
      .join('');
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;font-size:15px;line-height:1.5;overflow-wrap:anywhere"><main>` +
    `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(subject)}</h1>` +
    `<p style="margin:0 0 12px">Hello ${escapeHtml(leader.name)}, here is what ${escapeHtml(org.name)}’s pulse of ${escapeHtml(pulse)} says about the departments you oversee.</p>` +
    (hotspots.length + worsening.length + watch.length > 0
      ? `<table role="presentation" style="border-collapse:collapse;width:100%;max-width:720px">${findingRows(hotspots, 'Hotspot', '#b3261e')}${findingRows(worsening, 'Worsening', '#8a4b00')}${findingRows(watch, 'Watch', '#41505f')}</table>`
      : '') +
    (hotspots.length + worsening.length === 0 ? `<p style="margin:0 0 12px">${escapeHtml(quietNote)}</p>${quietRate ? `<p style="margin:0 0 12px">${escapeHtml(quietRate)}</p>` : ''}` : '') +
    (waiting.length > 0
      ? `<h2 style="font-size:16px;margin:20px 0 8px">Waiting for action</h2><p style="margin:0 0 8px">From the leaders who report to you; actions are due within ${org.actionDueDays} days of a digest.</p><ul style="margin:0;padding-left:18px">${waiting.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
      : '') +
    `<h2 style="font-size:16px;margin:20px 0 8px">Response rates</h2><table role="presentation" style="border-collapse:collapse;width:100%;max-width:720px">` +
    rates.map((r) => `<tr><td style="${cell}">${escapeHtml(r.label)}</td><td style="${cell}">${r.rate}</td><td style="${cell}">${r.n} answers</td></tr>`).join('') +
    (hiddenInScope.length > 0 ? `<tr><td style="${cell}" colspan="3">Too few answers to report: ${escapeHtml(hiddenInScope.join(', '))}</td></tr>` : '') +
    `</table>` +
    (options.dashboardUrl
      ? `<p style="margin:16px 0 0"><a href="${escapeHtml(options.dashboardUrl)}" style="color:#0b5cad;font-weight:bold">Open your dashboard</a>: every department you oversee, with the last pulses side by side. The link is personal; please do not forward it.</p>`
      : '') +
    `<p style="margin:16px 0 0;font-size:13px;color:#41505f">Figures are shown only for groups of at least ${org.k} people, after the pulse has closed. Nobody can see individual answers.</p></main></body></html>`;

  return { leaderId: leader.id, to: leader.email, subject, text: lines.join('\n'), html, hotspots, worsening, watch, followUps };
}

/** The nearest published department rollup (or the organization) that holds all the given departments. */
function nearestPublishedAbove(org: OrgConfig, evaluation: Evaluation, departments: readonly string[], tree: DepartmentTree): PublishedGroup | undefined {
  const byId = new Map(evaluation.groups.map((g) => [g.id, g]));
  for (const id of tree.ancestors(departments[0]!)) {
    const group = byId.get(`department:${id}`);
    if (group && departments.every((d) => tree.subtree(id).includes(d))) return group;
  }
  return byId.get('org');
}
