import { DepartmentTree } from './department-tree.js';
import type { FollowUp } from './follow-ups.js';
import type { DomainFigure, Evaluation, PublishedGroup } from './evaluate-hotspots.js';
import type { Domain } from './instrument.js';
import type { OrgConfig } from './org-config.js';
import { ALL_ROLES, OTHER_ROLES } from './recording-units.js';

/** Hotspot kinds in the order leaders act on them: what the organization can change comes first. */
export const KIND_ORDER: Domain[] = ['workload', 'admin_burden', 'burnout', 'connection', 'safety'];
export const KIND_LABEL: Record<Domain, string> = {
  workload: 'workload',
  admin_burden: 'admin burden',
  burnout: 'burnout',
  connection: 'connection',
  safety: 'safety',
};

export interface Finding {
  group: PublishedGroup;
  figure: DomainFigure;
  label: string;
  /** From a report's department, for a leader above them. */
  escalated: boolean;
}

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

type Leader = OrgConfig['leaders'][number];

/** A leader's departments: the ones named and everything under them. */
export function scopeOf(org: OrgConfig, leader: Leader, tree = new DepartmentTree(org.departments)): Set<string> {
  return new Set(leader.departments.flatMap((id) => tree.subtree(id)));
}

/** A name a leader recognizes, saying which other units' staff are counted in it. */
export function groupLabel(org: OrgConfig, group: PublishedGroup, tree = new DepartmentTree(org.departments)): string {
  const name = (id: string) => org.departments.find((d) => d.id === id)?.name.en ?? id;
  const roleName = (id: string) =>
    id === OTHER_ROLES ? 'other roles' : id === ALL_ROLES ? 'all roles' : (org.roleGroups.find((r) => r.id === id)?.name.en ?? id);
  if (group.kind === 'org') return org.name;
  if (group.kind === 'role' && !group.department) return `${roleName(group.roleGroup!)}, whole organization`;
  if (group.kind === 'role') return `${name(group.department!)}: ${roleName(group.roleGroup!)}`;
  const own = new Set(tree.subtree(group.department!));
  const extra = group.covers.filter((id) => !own.has(id));
  return extra.length > 0 ? `${name(group.department!)} (with ${extra.map(name).join(', ')})` : name(group.department!);
}

/** A share as leaders read it: whole percent. */
export const percent = (x: number) => `${Math.round(x * 100)}%`;

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
  return `${department}${role ? `: ${role}` : ''}: ${kind} hotspot in pulse ${followUp.waveId}, no action logged by ${followUp.dueOn} (${owner}).`;
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

const sortFindings = (a: Finding, b: Finding) => KIND_ORDER.indexOf(a.figure.domain) - KIND_ORDER.indexOf(b.figure.domain) || b.figure.share - a.figure.share;

/**
 * One leader's digest for one wave: their departments' hotspots (and their reports'
 * persistent ones), what is worsening, what to watch, response rates, and two or three
 * actions that fit each hotspot's kind. Only published figures appear: a group under k,
 * or one that could be derived by subtraction, shows no number at all.
 */
export function composeDigest(org: OrgConfig, evaluation: Evaluation, leader: Leader, dashboardUrl?: string, followUps: readonly FollowUp[] = []): Digest {
  const tree = new DepartmentTree(org.departments);
  const scope = scopeOf(org, leader, tree);
  const reports = org.leaders.filter((l) => l.reportsTo === leader.id);
  const reportScope = new Set(reports.flatMap((l) => [...scopeOf(org, l, tree)]));
  const inScope = (group: PublishedGroup, departments: Set<string>) =>
    leader.executive && departments === scope ? true : group.kind !== 'org' && group.department !== undefined && departments.has(group.department);
  const findingsFor = (departments: Set<string>, escalated: boolean) =>
    evaluation.groups
      .filter((g) => g.kind !== 'org' && inScope(g, departments))
      .flatMap((group) => {
        const label = groupLabel(org, group, tree);
        return group.figures.map((figure) => ({ group, figure, label, escalated }));
      });

  // Say each thing once: a rollup flagged for the same kind as one of its units adds
  // nothing (keep the unit), and nor does a role group flagged like its whole department
  // (keep the department; a role shows up alone only when it differs). Indexed, so an
  // executive digest over thousands of departments stays linear.
  const severity = (f: Finding) => (f.figure.status === 'hotspot' ? 3 : f.figure.trend?.worsening ? 2 : f.figure.status === 'watch' ? 1 : 0);
  const ownAll = findingsFor(scope, false);
  const departmentSeverity = new Map<string, number>();
  const descendantSeverity = new Map<string, number>();
  const raise = (map: Map<string, number>, key: string, value: number) => map.set(key, Math.max(map.get(key) ?? 0, value));
  for (const f of ownAll) {
    if (f.group.kind !== 'department' || severity(f) === 0) continue;
    raise(departmentSeverity, `${f.figure.domain}|${f.group.department}`, severity(f));
    for (const ancestor of tree.ancestors(f.group.department!)) raise(descendantSeverity, `${f.figure.domain}|${ancestor}`, severity(f));
  }
  const explainedByUnit = (f: Finding) => {
    const key = `${f.figure.domain}|${f.group.department}`;
    if (severity(f) === 0) return false;
    if (f.group.kind === 'role') return (departmentSeverity.get(key) ?? 0) >= severity(f);
    return f.group.kind === 'department' && (descendantSeverity.get(key) ?? 0) >= severity(f);
  };
  const own = ownAll.filter((f) => !explainedByUnit(f));
  const ownGroups = new Set(own.map((o) => o.group.id));
  const escalated = findingsFor(reportScope, true).filter((f) => f.figure.status === 'hotspot' && f.figure.hotspotStreak >= org.escalateAfterWaves && !ownGroups.has(f.group.id));
  const hotspots = [...own.filter((f) => f.figure.status === 'hotspot'), ...escalated].sort(sortFindings);
  const worsening = own.filter((f) => f.figure.status !== 'hotspot' && f.figure.trend?.worsening).sort(sortFindings);
  const watch = own.filter((f) => f.figure.status === 'watch' && !f.figure.trend?.worsening).sort(sortFindings);

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
  const hiddenInScope = evaluation.hiddenGroups.filter((id) => id.startsWith('department:') && (leader.executive || scope.has(id.slice('department:'.length)))).map((id) => org.departments.find((d) => d.id === id.slice('department:'.length))?.name.en ?? id);

  const waiting = followUps.map((f) => describeFollowUp(org, f));
  const subject = subjectLine(hotspots, worsening, responseRate) + (waiting.length > 0 ? `; ${waiting.length} waiting for action` : '');
  const actionsFor = (finding: Finding) => org.actions[finding.figure.domain].slice(0, 3);

  const lines: string[] = [`${org.name}: pulse ${evaluation.waveId}`, '', `Hello ${leader.name},`, ''];
  if (hotspots.length === 0 && worsening.length === 0) lines.push('No department you oversee is a hotspot this pulse. Thank your teams for answering.', '');
  for (const finding of hotspots) {
    lines.push(`HOTSPOT${finding.escalated ? ' (from a department your reports lead)' : ''}: ${describeFinding(finding)}`);
    for (const action of actionsFor(finding)) lines.push(`  - ${action}`);
    lines.push('');
  }
  for (const finding of worsening) lines.push(`WORSENING: ${describeFinding(finding)}`, '');
  if (watch.length > 0) lines.push('To watch (above threshold, but not yet confidently):', ...watch.map((f) => `  - ${describeFinding(f)}`), '');
  if (waiting.length > 0) lines.push(`Waiting for action (from the leaders who report to you; actions are due within ${org.actionDueDays} days of a digest):`, ...waiting.map((w) => `  - ${w}`), '');
  lines.push('Response rates:', ...rates.map((r) => `  - ${r.label}: ${r.rate} (${r.n} answers)`));
  if (hiddenInScope.length > 0) lines.push(`  - Too few answers to report (fewer than ${org.k}, or would reveal a smaller group): ${hiddenInScope.join(', ')}`);
  if (dashboardUrl) lines.push('', `Every department you oversee, with the last pulses side by side (a personal link, do not forward): ${dashboardUrl}`);
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
    `<!doctype html><html lang="en"><body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;font-size:15px;line-height:1.5">` +
    `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(subject)}</h1>` +
    `<p style="margin:0 0 12px">Hello ${escapeHtml(leader.name)}, here is what ${escapeHtml(org.name)}’s pulse ${escapeHtml(evaluation.waveId)} says about the departments you oversee.</p>` +
    (hotspots.length + worsening.length + watch.length > 0
      ? `<table role="presentation" style="border-collapse:collapse;width:100%;max-width:720px">${findingRows(hotspots, 'Hotspot', '#b3261e')}${findingRows(worsening, 'Worsening', '#8a4b00')}${findingRows(watch, 'Watch', '#41505f')}</table>`
      : `<p style="margin:0 0 12px">No department you oversee is a hotspot this pulse. Thank your teams for answering.</p>`) +
    (waiting.length > 0
      ? `<h2 style="font-size:16px;margin:20px 0 8px">Waiting for action</h2><p style="margin:0 0 8px">From the leaders who report to you; actions are due within ${org.actionDueDays} days of a digest.</p><ul style="margin:0;padding-left:18px">${waiting.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
      : '') +
    `<h2 style="font-size:16px;margin:20px 0 8px">Response rates</h2><table role="presentation" style="border-collapse:collapse;width:100%;max-width:720px">` +
    rates.map((r) => `<tr><td style="${cell}">${escapeHtml(r.label)}</td><td style="${cell}">${r.rate}</td><td style="${cell}">${r.n} answers</td></tr>`).join('') +
    (hiddenInScope.length > 0 ? `<tr><td style="${cell}" colspan="3">Too few answers to report: ${escapeHtml(hiddenInScope.join(', '))}</td></tr>` : '') +
    `</table>` +
    (dashboardUrl
      ? `<p style="margin:16px 0 0"><a href="${escapeHtml(dashboardUrl)}" style="color:#0b5cad;font-weight:bold">Open your dashboard</a>: every department you oversee, with the last pulses side by side. The link is personal; please do not forward it.</p>`
      : '') +
    `<p style="margin:16px 0 0;font-size:13px;color:#41505f">Figures are shown only for groups of at least ${org.k} people, after the pulse has closed. Nobody can see individual answers.</p></body></html>`;

  return { leaderId: leader.id, to: leader.email, subject, text: lines.join('\n'), html, hotspots, worsening, watch, followUps: [...followUps] };
}
