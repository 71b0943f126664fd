import type { WaveDates } from './actions.js';
import { DepartmentTree } from './department-tree.js';
import { figureStatistics, plainFinding } from './explain-figure.js';
import type { DueFromLeader, FollowUp } from './follow-ups.js';
import type { Evaluation, PublishedGroup } from './evaluate-hotspots.js';
import {
  dayName,
  findingsFor,
  groupLabel,
  percent,
  roleGroupName,
  pulseName,
  pulseNameFromId,
  scopeOf,
  suggestedActions,
  type Finding,
} from './leader-findings.js';
import type { Locale } from './locale.js';
import type { OrgConfig } from './org-config.js';
import { WORDS } from '../words/words.js';

/** One finding in plain words, then its statistics: "In Emergency department, 65% of 20 people say ... Line 40%; ...". */
export function describeFinding(finding: Finding, locale: Locale = 'en'): string {
  return `${plainFinding(finding.label, finding.figure, finding.group.n, locale)} ${figureStatistics(finding.figure, locale)}`;
}

/** A department, or one of its role groups, as a leader reads it ("Emergency: Nurses"). */
function departmentGroupName(org: OrgConfig, department: string, roleGroup: string | undefined, locale: Locale): string {
  const name = org.departments.find((d) => d.id === department)?.name[locale] ?? department;
  const role = roleGroup ? roleGroupName(org, roleGroup, locale) : undefined;
  return `${name}${role ? `: ${role}` : ''}`;
}

/** What a leader owes in plain words: by when, an action for which hotspot. */
export function describeDue(org: OrgConfig, due: DueFromLeader, locale: Locale = 'en'): string {
  const text = WORDS[locale].leader;
  return text.due({
    group: departmentGroupName(org, due.department, due.roleGroup, locale),
    kind: text.kind[due.domain],
    pulse: pulseNameFromId(due.waveId, org.timeZone, locale),
    due: dayName(due.dueOn, locale),
  });
}

/** One follow-up in plain words: what is owed, since when, and by whom. */
export function describeFollowUp(org: OrgConfig, followUp: FollowUp, locale: Locale = 'en'): string {
  const text = WORDS[locale].leader;
  const department = departmentGroupName(org, followUp.department, undefined, locale);
  const owner = org.leaders.find((l) => l.id === followUp.ownerId)?.name ?? followUp.ownerId;
  const kind = text.kind[followUp.domain];
  if (followUp.reason === 'overdue' && followUp.action) {
    return text.overdue({
      department,
      title: followUp.action.translations[locale] ?? followUp.action.title,
      kind,
      due: dayName(followUp.dueOn, locale),
      status: followUp.action.status,
      owner,
    });
  }
  return text.noAction({
    group: departmentGroupName(org, followUp.department, followUp.roleGroup, locale),
    kind,
    pulse: pulseNameFromId(followUp.waveId ?? '', org.timeZone, locale),
    due: dayName(followUp.dueOn, locale),
    owner,
  });
}

/** What a phone's inbox shows of a subject, about: the rest goes in the summary under the heading. */
export const SUBJECT_CHARS = 70;

/**
 * The subject (the count and as many groups as fit in `room`) and the summary (every group
 * with its kinds), for a digest with findings.
 */
function subjectAndSummary(hotspots: Finding[], worsening: Finding[], locale: Locale, room: number): { subject: string; summary: string } {
  const text = WORDS[locale].leader;
  const byGroup = new Map<string, string[]>();
  for (const finding of [...hotspots, ...worsening]) {
    const kind = text.kind[finding.figure.domain];
    const words =
      finding.figure.trend?.worsening && finding.figure.status === 'hotspot'
        ? `${kind}, ${text.rising}`
        : finding.figure.status !== 'hotspot'
          ? `${kind} ${text.rising}`
          : kind;
    byGroup.set(finding.label, [...(byGroup.get(finding.label) ?? []), words]);
  }
  const parts = [...byGroup].map(([label, kinds]) => `${label} (${kinds.join('; ')})`);
  const count = hotspots.length > 0 ? text.hotspotsSubject(hotspots.length) : text.worseningSubject(worsening.length);
  const labels = [...byGroup.keys()];
  const naming = (shown: number) => `${count}: ${labels.slice(0, shown).join(', ')}${shown < labels.length ? text.andMore(labels.length - shown) : ''}`;
  let shown = labels.length;
  while (shown > 1 && naming(shown).length > room) shown--;
  // A first group's name too long for the room leaves the count alone; the summary names them all.
  return { subject: naming(shown).length > room ? count : naming(shown), summary: `${count}: ${parts.join(', ')}` };
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
  /** What this leader owes: an action for each hotspot in their own departments, by its day. */
  dueFromYou: DueFromLeader[];
}

export interface DigestOptions {
  /** A signed link to the leader's dashboard. */
  dashboardUrl?: string;
  /** What the leaders who report to this one owe (see follow-ups.ts). */
  followUps?: readonly FollowUp[];
  /** What this leader owes before their own leader hears of it (see follow-ups.ts). */
  dueFromYou?: readonly DueFromLeader[];
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
  const locale = leader.locale;
  const text = WORDS[locale].leader;
  const scope = scopeOf(org, leader, tree);
  const { hotspots, rising: worsening, watch } = findingsFor(org, evaluation, leader);
  const followUps = [...(options.followUps ?? [])];
  const pulse = options.wave ? pulseName(options.wave, org.timeZone, locale) : pulseNameFromId(evaluation.waveId, org.timeZone, locale);

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
  const responseRate = totals.staff > 0 ? percent(totals.n / totals.staff) : text.tooFewAnswered;
  const rates = departmentsShown.map((g) => ({ label: groupLabel(org, g, tree, locale), rate: g.staff > 0 ? percent(g.n / g.staff) : '-', n: g.n }));
  const departmentName = (id: string) => org.departments.find((d) => d.id === id)?.name[locale] ?? id;
  const hiddenInScope = evaluation.hiddenGroups
    .filter((id) => id.startsWith('department:') && (leader.executive || scope.has(id.slice('department:'.length))))
    .map((id) => departmentName(id.slice('department:'.length)));
  // Nothing measured is not "all well": when none of the leader's own departments has a
  // figure, say so, with the response rate of the nearest published group that holds them.
  const ownHidden = !leader.executive && leader.departments.length > 0 && top.length === 0;
  const nearestShown = ownHidden ? nearestPublishedAbove(org, evaluation, leader.departments, tree) : undefined;
  const quietNote = ownHidden ? text.notEnough(leader.departments.map(departmentName).join(', '), org.k) : text.allWell;
  // The nearest published group that holds them gives a response rate without revealing theirs.
  const quietRate =
    ownHidden && nearestShown
      ? text.acrossIncluding(groupLabel(org, nearestShown, tree, locale), percent(nearestShown.n / Math.max(1, nearestShown.staff)))
      : undefined;

  const waiting = followUps.map((f) => describeFollowUp(org, f, locale));
  const dueFromYou = [...(options.dueFromYou ?? [])];
  const owed = dueFromYou.map((d) => describeDue(org, d, locale));
  const waitingNote = waiting.length > 0 ? text.waitingSubject(waiting.length) : '';
  const named =
    hotspots.length + worsening.length > 0
      ? subjectAndSummary(hotspots, worsening, locale, SUBJECT_CHARS - waitingNote.length)
      : { subject: ownHidden ? text.notEnoughSubject : text.noHotspotsSubject(responseRate), summary: undefined };
  const subject = named.subject + waitingNote;
  const summary = (named.summary ?? named.subject) + waitingNote;
  // Suggestions once per kind of hotspot, under its first: three findings of one kind used to
  // repeat the same three lines.
  const suggestionsUnder = new Map<Finding, string[]>();
  for (const finding of hotspots) {
    const kind = finding.figure.domain;
    if (![...suggestionsUnder.keys()].some((f) => f.figure.domain === kind)) suggestionsUnder.set(finding, suggestedActions(org, kind, locale).slice(0, 3));
  }
  const persistent = (f: Finding) => f.escalated && f.figure.hotspotStreak >= org.escalateAfterWaves;
  const describe = (f: Finding) => describeFinding(f, locale);
  const title = text.pulseOf(org.name, pulse);

  const lines: string[] = [title, summary, '', text.hello(leader.name), ''];
  // What the reader must do comes before what they read about.
  if (owed.length > 0) lines.push(`${text.dueTitle.toUpperCase()} (${text.dueIntro(org.actionDueDays)})`, ...owed.map((o) => `  - ${o}`), '');
  if (hotspots.length === 0 && worsening.length === 0) lines.push(quietNote, ...(quietRate ? [quietRate] : []), '');
  for (const finding of hotspots) {
    lines.push(`${text.hotspotTag.toUpperCase()}, ${text.kind[finding.figure.domain]}${persistent(finding) ? text.persistent : ''}: ${describe(finding)}`);
    for (const action of suggestionsUnder.get(finding) ?? []) lines.push(`  - ${action}`);
    lines.push('');
  }
  for (const finding of worsening) lines.push(`${text.worseningTag.toUpperCase()}, ${text.kind[finding.figure.domain]}: ${describe(finding)}`, '');
  if (watch.length > 0) lines.push(text.toWatch, ...watch.map((f) => `  - ${text.kind[f.figure.domain]}: ${describe(f)}`), '');
  if (waiting.length > 0) lines.push(`${text.waitingTitle} (${text.waitingIntro(org.actionDueDays)})`, ...waiting.map((w) => `  - ${w}`), '');
  lines.push(`${text.responseRates}:`, ...rates.map((r) => `  - ${r.label}: ${r.rate} (${text.answers(r.n)})`));
  if (hiddenInScope.length > 0) lines.push(`  - ${text.tooFewToReport(org.k)}: ${hiddenInScope.join(', ')}`);
  if (options.dashboardUrl) lines.push('', text.dashboardLine(options.dashboardUrl));
  lines.push('', text.footer(org.k));

  const cell = 'padding:8px 10px;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top';
  // Each finding a block with its tag on a line of its own: a tag column beside the text left
  // the tag a few characters of a phone's width, and it broke inside the word.
  const findingBlocks = (findings: Finding[], tag: string, color: string) =>
    findings
      .map((f) => {
        const suggestions = suggestionsUnder.get(f) ?? [];
        return (
          `<div style="padding:10px 0;border-bottom:1px solid #d0d7de"><p style="margin:0 0 4px"><strong style="color:${color};white-space:nowrap">${escapeHtml(tag)}</strong>` +
          ` · ${escapeHtml(text.kind[f.figure.domain])}${tag === text.hotspotTag && persistent(f) ? escapeHtml(text.persistent) : ''}</p>` +
          `<p style="margin:0">${escapeHtml(plainFinding(f.label, f.figure, f.group.n, locale))}</p>` +
          `<p style="margin:2px 0 0;font-size:13px;color:#41505f">${escapeHtml(figureStatistics(f.figure, locale))}</p>` +
          (suggestions.length > 0 ? `<ul style="margin:6px 0 0;padding-left:18px">${suggestions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : '') +
          `</div>`
        );
      })
      .join('');
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    // overflow-wrap:break-word breaks only a word too long for the line; "anywhere" also let
    // every cell shrink to one letter's width.
    `<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;font-size:15px;line-height:1.5;overflow-wrap:break-word"><main>` +
    `<h1 style="font-size:20px;margin:0 0 8px">${escapeHtml(title)}</h1>` +
    `<p style="margin:0 0 12px;font-weight:bold">${escapeHtml(summary)}</p>` +
    `<p style="margin:0 0 12px">${escapeHtml(text.intro(leader.name, org.name, pulse))}</p>` +
    (owed.length > 0
      ? `<h2 style="font-size:16px;margin:16px 0 8px">${escapeHtml(text.dueTitle)}</h2><p style="margin:0 0 8px">${escapeHtml(text.dueIntro(org.actionDueDays))}</p><ul style="margin:0 0 16px;padding-left:18px">${owed.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>`
      : '') +
    (hotspots.length + worsening.length + watch.length > 0
      ? `<div style="max-width:720px;border-top:1px solid #d0d7de">${findingBlocks(hotspots, text.hotspotTag, '#b3261e')}${findingBlocks(worsening, text.worseningTag, '#8a4b00')}${findingBlocks(watch, text.watchTag, '#41505f')}</div>`
      : '') +
    (hotspots.length + worsening.length === 0
      ? `<p style="margin:0 0 12px">${escapeHtml(quietNote)}</p>${quietRate ? `<p style="margin:0 0 12px">${escapeHtml(quietRate)}</p>` : ''}`
      : '') +
    (waiting.length > 0
      ? `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(text.waitingTitle)}</h2><p style="margin:0 0 8px">${escapeHtml(text.waitingIntro(org.actionDueDays))}</p><ul style="margin:0;padding-left:18px">${waiting.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
      : '') +
    `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(text.responseRates)}</h2><table role="presentation" style="border-collapse:collapse;width:100%;max-width:720px">` +
    rates
      .map(
        (r) =>
          `<tr><td style="${cell}">${escapeHtml(r.label)}</td><td style="${cell}">${r.rate}</td><td style="${cell}">${escapeHtml(text.answers(r.n))}</td></tr>`,
      )
      .join('') +
    (hiddenInScope.length > 0
      ? `<tr><td style="${cell}" colspan="3">${escapeHtml(text.tooFewToReport(org.k))}: ${escapeHtml(hiddenInScope.join(', '))}</td></tr>`
      : '') +
    `</table>` +
    (options.dashboardUrl
      ? `<p style="margin:16px 0 0"><a href="${escapeHtml(options.dashboardUrl)}" style="color:#0b5cad;font-weight:bold">${escapeHtml(text.openDashboard)}</a>${escapeHtml(text.dashboardLinkNote)}</p>`
      : '') +
    `<p style="margin:16px 0 0;font-size:13px;color:#41505f">${escapeHtml(text.footer(org.k))}</p></main></body></html>`;

  return { leaderId: leader.id, to: leader.email, subject, text: lines.join('\n'), html, hotspots, worsening, watch, followUps, dueFromYou };
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
