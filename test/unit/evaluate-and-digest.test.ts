import { describe, expect, it } from 'vitest';
import { composeDashboard } from '../../shared/domain/dashboard.js';
import { dashboardCsv } from '../../shared/domain/dashboard-csv.js';
import { composeDigest, SUBJECT_CHARS } from '../../shared/domain/digest.js';
import { suggestedActions } from '../../shared/domain/leader-findings.js';
import { evaluateWave } from '../../shared/domain/evaluate-hotspots.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { closedWave, countsFor, publishedAlone } from '../support/waves.js';

const org = orgConfigSchema.parse({
  id: 'valley',
  name: 'Valley Health',
  timeZone: 'America/Denver',
  departments: [
    { id: 'hospital', name: 'Hospital' },
    { id: 'ed', name: 'Emergency', parent: 'hospital' },
    { id: 'icu', name: 'ICU', parent: 'hospital' },
    { id: 'medsurg', name: 'Med-surg', parent: 'hospital' },
    { id: 'clinic', name: 'Clinic' },
  ],
  roleGroups: [{ id: 'nurse', name: 'Nurses' }],
  channels: { email: { from: 'pulse@valley.example' } },
  deploy: { alarmEmail: 'it@valley.example' },
  leaders: [
    { id: 'ceo', name: 'Casey', email: 'ceo@valley.example', executive: true },
    { id: 'cno', name: 'Nia', email: 'cno@valley.example', departments: ['hospital'], reportsTo: 'ceo' },
    { id: 'ed-lead', name: 'Eli', email: 'ed@valley.example', departments: ['ed'], reportsTo: 'cno' },
    { id: 'icu-lead', name: 'Ivy', email: 'icu@valley.example', departments: ['icu'], reportsTo: 'cno' },
    { id: 'clinic-lead', name: 'Cam', email: 'clinic@valley.example', departments: ['clinic'], reportsTo: 'ceo' },
  ],
});

const staff = { [`ed/${ALL_ROLES}`]: 30, [`icu/${ALL_ROLES}`]: 8, [`medsurg/${ALL_ROLES}`]: 25, [`clinic/${ALL_ROLES}`]: 20 };
const unit = (department: string, n: number, adverse: Parameters<typeof countsFor>[1], sequence = 0) => ({
  department,
  roleGroup: ALL_ROLES,
  counts: countsFor(n, adverse, sequence),
});

const current = closedWave(
  3,
  [
    unit('ed', 24, { admin_burden: 0.75, workload: 0.3 }, 3),
    unit('icu', 3, { workload: 1 }, 3),
    unit('medsurg', 18, { workload: 0.45 }, 3),
    unit('clinic', 15, {}, 3),
  ],
  staff,
);

describe('evaluateWave', () => {
  const evaluation = evaluateWave(org, current);
  const figure = (groupId: string, domain: string) => evaluation.groups.find((g) => g.id === groupId)?.figures.find((f) => f.domain === domain);

  it('flags a hotspot when the interval’s lower bound is above the threshold', () => {
    const admin = figure('department:ed', 'admin_burden')!;
    expect(admin.share).toBeCloseTo(0.75, 2);
    expect(admin.low).toBeGreaterThan(0.4);
    expect(admin.status).toBe('hotspot');
  });

  it('only watches a figure above threshold whose interval still reaches below it', () => {
    const everyoneCounted = evaluateWave(
      org,
      closedWave(3, [unit('ed', 24, {}, 3), unit('icu', 6, {}, 3), unit('medsurg', 18, { workload: 0.45 }, 3), unit('clinic', 15, {}, 3)], staff),
    );
    const workload = everyoneCounted.groups.find((g) => g.id === 'department:medsurg')!.figures.find((f) => f.domain === 'workload')!;
    expect(workload.share).toBeGreaterThan(0.4);
    expect(workload.low).toBeLessThan(0.4);
    expect(workload.status).toBe('watch');
  });

  it('publishes nothing for a group under k, nor anything that would reveal it by subtraction', () => {
    expect(evaluation.groups.some((g) => g.id === 'department:icu')).toBe(false);
    expect(evaluation.hiddenGroups).toContain('department:icu');
    // Hospital minus Emergency minus Med-surg would be the ICU, and so would the organization
    // minus the clinic minus both: hiding the smaller sibling closes both at once.
    expect(evaluation.groups.some((g) => g.id === 'department:medsurg')).toBe(false);
    expect(evaluation.groups.map((g) => g.id)).toEqual(['department:ed', 'department:hospital', 'department:clinic', 'org']);
  });

  it('names every department without figures alike, whether two people answered there or nobody did', () => {
    const nobodyInIcu = evaluateWave(org, closedWave(3, [unit('ed', 24, {}, 3), unit('medsurg', 18, {}, 3), unit('clinic', 15, {}, 3)], staff));
    expect(nobodyInIcu.hiddenGroups).toEqual(evaluation.hiddenGroups.filter((id) => id !== 'department:medsurg'));
    expect(nobodyInIcu.hiddenGroups).toContain('department:icu');
  });

  it('finds a department worsening against its own recent pulses', () => {
    const history = [1, 2, 3].map((weeksAgo) =>
      closedWave(3 - weeksAgo, [unit('clinic', 20, { burnout: 0.1 }, 3 - weeksAgo), unit('ed', 24, { admin_burden: 0.3 }, 3 - weeksAgo)], staff, weeksAgo),
    );
    const worse = closedWave(3, [unit('clinic', 20, { burnout: 0.45 }, 3), unit('ed', 24, { admin_burden: 0.75 }, 3)], staff);
    const result = evaluateWave(org, worse, publishedAlone(org, history));
    const burnout = result.groups.find((g) => g.id === 'department:clinic')!.figures.find((f) => f.domain === 'burnout')!;
    expect(burnout.trend).toMatchObject({ worsening: true });
    expect(burnout.trend!.baselineShare).toBeCloseTo(0.1, 2);
    expect(burnout.status).not.toBe('hotspot');
    const admin = result.groups.find((g) => g.id === 'department:ed')!.figures.find((f) => f.domain === 'admin_burden')!;
    expect(admin.trend?.worsening).toBe(true);
    expect(admin.hotspotStreak).toBe(1);
  });

  it('counts how many pulses in a row a hotspot has lasted', () => {
    const history = [1, 2].map((weeksAgo) => closedWave(3 - weeksAgo, [unit('ed', 24, { admin_burden: 0.8 }, 3 - weeksAgo)], staff, weeksAgo));
    const result = evaluateWave(org, current, publishedAlone(org, history));
    expect(result.groups.find((g) => g.id === 'department:ed')!.figures.find((f) => f.domain === 'admin_burden')!.hotspotStreak).toBe(3);
  });
});

describe('evaluateWave, read against its own percents', () => {
  it('publishes the same figure, interval, status and trend for counts its whole percent cannot tell apart', () => {
    // 100 and 101 adverse of 279 both read 36%; worked out from the exact share, their
    // intervals read 30% to 42% and 31% to 42%, which told them apart.
    const big = { ...staff, [`ed/${ALL_ROLES}`]: 400 };
    const history = [1, 2, 3].map((weeksAgo) =>
      closedWave(3 - weeksAgo, [unit('ed', 250, { burnout: 0.3 }, 3 - weeksAgo), unit('clinic', 15, {}, 3 - weeksAgo)], big, weeksAgo),
    );
    const figureFor = (adverse: number) =>
      evaluateWave(org, closedWave(3, [unit('ed', 279, { burnout: adverse / 279 }, 3), unit('clinic', 15, {}, 3)], big), publishedAlone(org, history))
        .groups.find((g) => g.id === 'department:ed')!
        .figures.find((f) => f.domain === 'burnout')!;
    expect(figureFor(100).trend).toBeDefined();
    expect(figureFor(101)).toEqual(figureFor(100));
    expect(figureFor(103)).not.toEqual(figureFor(100));
  });
});

describe('composeDigest', () => {
  const evaluation = evaluateWave(org, current);
  const digestFor = (id: string, e = evaluation) => composeDigest(org, e, org.leaders.find((l) => l.id === id)!);

  it('names the hotspot with its share, n and interval in the subject and body, with fitting actions', () => {
    const digest = digestFor('ed-lead');
    expect(digest.subject).toBe('1 hotspot: Emergency');
    // The kinds in the summary under the heading, in the text and the HTML.
    expect(digest.text.split('\n')[1]).toBe('1 hotspot: Emergency (admin burden)');
    expect(digest.html).toContain('>1 hotspot: Emergency (admin burden)</p>');
    // One plain sentence first, the statistics after it.
    expect(digest.text).toMatch(
      /HOTSPOT, admin burden: In Emergency, 75% of answers from 24 people report a heavy admin burden\. Line 40%; 95% interval \d+% to \d+%; 99% likely above the line \(a hotspot at \d+%\), reading this pulse alone[^;]*; first pulse with enough answers to compare\./,
    );
    expect(digest.html).toContain('<p style="margin:0">In Emergency, 75% of answers from 24 people report a heavy admin burden.</p>');
    expect(digest.text).toContain('EHR optimization sprint');
    expect(digest.html).toContain('<table role="presentation"');
    expect(digest.html).not.toMatch(/<img|<script|<style/);
  });

  it('never shows a hidden group’s figures, only that it had too few answers', () => {
    const digest = digestFor('icu-lead');
    // Nothing measured is not "all well".
    expect(digest.subject).toBe('Not enough answers to report this pulse');
    expect(digest.text).toContain(
      'Not enough answers to report for ICU: fewer than 5 people answered, or their figures would reveal a smaller group or how a few people answered.',
    );
    expect(digest.text).not.toContain('Thank your teams');
    expect(digest.text).toContain('Too few answers to report');
    expect(digest.text).not.toMatch(/ICU[^\n]*\d+%/);
    for (const leader of org.leaders) expect(digestFor(leader.id).text).not.toMatch(/ICU[,:][^\n]*adverse/);
  });

  it('gives a quiet department a short note with its response rate', () => {
    const digest = digestFor('clinic-lead');
    expect(digest.subject).toBe('No hotspots this pulse (75% answered)');
    expect(digest.text).toContain('Clinic: 75% (15 answers)');
  });

  it('speaks the leader’s language', () => {
    const spanish = { ...org.leaders.find((l) => l.id === 'ed-lead')!, locale: 'es' as const };
    const digest = composeDigest(org, evaluation, spanish);
    expect(digest.subject).toBe('1 punto crítico: Emergency');
    expect(digest.text.split('\n')[1]).toBe('1 punto crítico: Emergency (carga administrativa)');
    expect(digest.text).toMatch(
      /PUNTO CRÍTICO, carga administrativa: En Emergency, el 75% de las respuestas de 24 personas reportan una carga administrativa pesada\. Umbral 40%; intervalo del 95 %: \d+% a \d+%/,
    );
    expect(digest.html).toContain('<html lang="es">');
    expect(digest.text).not.toMatch(/Hello|Response rates|answered/);
    expect(digest.text).toContain('  - Mejore el expediente electrónico en un sprint');
    expect(digest.text).not.toContain('EHR optimization sprint');
  });

  it('suggests the organization’s own actions as written, in every language', () => {
    const ownActions = orgConfigSchema.parse({ ...org, actions: { admin_burden: ['Give the ED a scribe on every shift.'] } });
    for (const locale of ['en', 'es'] as const) {
      const digest = composeDigest(ownActions, evaluation, { ...ownActions.leaders.find((l) => l.id === 'ed-lead')!, locale });
      expect(digest.text).toContain('  - Give the ED a scribe on every shift.');
      expect(digest.text).not.toMatch(/EHR optimization|expediente electrónico/);
    }
  });

  it('gives executives the organization’s hotspots and response rate', () => {
    const digest = digestFor('ceo');
    expect(digest.hotspots.map((f) => f.label)).toEqual(['Emergency']);
    expect(digest.subject).toBe('1 hotspot: Emergency');
  });

  it('escalates a hotspot that persists to the leader’s own leader', () => {
    const history = [1, 2].map((weeksAgo) => closedWave(3 - weeksAgo, [unit('ed', 24, { admin_burden: 0.8 }, 3 - weeksAgo)], staff, weeksAgo));
    const persistent = evaluateWave(org, current, publishedAlone(org, history));
    const cno = composeDigest(org, persistent, org.leaders.find((l) => l.id === 'cno')!);
    expect(cno.hotspots[0]!.label).toBe('Emergency');
    expect(cno.text).toContain('a hotspot 3 pulses in a row.');
    // Marked persistent for the CNO, above the ED lead who answers for it, and not for the ED lead.
    expect(cno.text).toContain('HOTSPOT, admin burden (persistent, in a department your reports lead): In Emergency');
    expect(composeDigest(org, persistent, org.leaders.find((l) => l.id === 'ed-lead')!).text).not.toContain('persistent');
    // Not after one pulse.
    expect(composeDigest(org, evaluation, org.leaders.find((l) => l.id === 'cno')!).text).not.toContain('persistent');
    // The CNO's dashboard marks the same figure and gives the same statistics, streak included, word for word.
    const board = composeDashboard(org, org.leaders.find((l) => l.id === 'cno')!, [persistent])!;
    const cell = board.rows.find((row) => row.groupId === 'department:ed')!.cells.find((c) => c.domain === 'admin_burden')!;
    expect(cell.persistent).toBe(true);
    expect(cell.statistics).toMatch(/a hotspot 3 pulses in a row\.$/);
    expect(cno.text).toContain(cell.statistics);
    expect(board.attention.hotspots.find((item) => item.groupId === 'department:ed')!.persistent).toBe(true);
  });

  it('lists a role group flagged like its whole department too, as the dashboard shows both', () => {
    const roles = { 'ed/nurse': 14, 'ed/physician': 14, [`icu/${ALL_ROLES}`]: 8, [`medsurg/${ALL_ROLES}`]: 25 };
    const wave = closedWave(
      3,
      [
        { department: 'ed', roleGroup: 'nurse', counts: countsFor(12, { burnout: 0.5 }, 3) },
        { department: 'ed', roleGroup: 'physician', counts: countsFor(12, { burnout: 0.5 }, 3) },
        unit('icu', 8, {}, 3),
        unit('medsurg', 20, {}, 3),
      ],
      roles,
    );
    const digest = composeDigest(org, evaluateWave(org, wave), org.leaders.find((l) => l.id === 'ed-lead')!);
    expect(digest.watch.map((f) => f.label)).toEqual(['Emergency', 'Emergency: Nurses', 'Emergency: physician']);
  });

  it('lists several hotspots in the order leaders act on them: workload before admin burden', () => {
    const busy = evaluateWave(
      org,
      closedWave(3, [unit('ed', 24, { admin_burden: 0.8, workload: 0.8 }, 3), unit('medsurg', 25, { workload: 0.9 }, 3), unit('icu', 8, {}, 3)], staff),
    );
    const digest = composeDigest(org, busy, org.leaders.find((l) => l.id === 'cno')!);
    // The hospital is a hotspot for workload because its units are: the dashboard tags it, so the digest lists it.
    expect(digest.hotspots.map((f) => `${f.label}/${f.figure.domain}`)).toEqual([
      'Med-surg/workload',
      'Emergency/workload',
      'Hospital/workload',
      'Emergency/admin_burden',
    ]);
    expect(digest.subject).toBe('4 hotspots: Med-surg, Emergency, Hospital');
    expect(digest.text.split('\n')[1]).toBe('4 hotspots: Med-surg (workload), Emergency (workload; admin burden), Hospital (workload)');
  });

  it('keeps the subject short enough for a phone’s inbox, naming the groups that fit and how many more the summary lists', () => {
    const departments = Array.from({ length: 9 }, (_, i) => ({ id: `unit-${i}`, name: `Inpatient surgical unit ${i + 1}`, parent: 'hospital' }));
    const wide = orgConfigSchema.parse({ ...org, departments: [...org.departments, ...departments] });
    const wave = closedWave(
      3,
      departments.map((d) => unit(d.id, 24, { workload: 0.9 }, 3)),
      Object.fromEntries(departments.map((d) => [`${d.id}/${ALL_ROLES}`, 25])),
    );
    const digest = composeDigest(wide, evaluateWave(wide, wave), wide.leaders.find((l) => l.id === 'cno')!);
    expect(digest.hotspots.length).toBeGreaterThan(9);
    expect(digest.subject.length).toBeLessThanOrEqual(SUBJECT_CHARS);
    expect(digest.subject).toMatch(new RegExp(`^${digest.hotspots.length} hotspots: .+ and \\d+ more$`));
    const more = Number(/and (\d+) more$/.exec(digest.subject)![1]);
    const named = digest.subject
      .split(': ')[1]!
      .replace(/ and \d+ more$/, '')
      .split(', ').length;
    const summary = digest.text.split('\n')[1]!;
    expect(new Set(digest.hotspots.map((f) => f.label)).size).toBe(named + more);
    for (const finding of digest.hotspots) expect(summary).toContain(`${finding.label} (workload)`);
  });

  it('says only how many hotspots in the subject when not even the first group’s name fits', () => {
    const departments = [
      { id: 'long-a', name: 'Inpatient surgical and perioperative services, north tower and annex', parent: 'hospital' },
      { id: 'long-b', name: 'Outpatient infusion and oncology services, north tower and annex', parent: 'hospital' },
    ];
    const renamed = org.departments.map((d) =>
      d.id === 'hospital' ? { ...d, name: { en: 'Hospital services, inpatient and perioperative, all towers and annexes', es: 'Hospital' } } : d,
    );
    const wide = orgConfigSchema.parse({ ...org, departments: [...renamed, ...departments] });
    const wave = closedWave(
      3,
      departments.map((d) => unit(d.id, 24, { workload: 0.9 }, 3)),
      Object.fromEntries(departments.map((d) => [`${d.id}/${ALL_ROLES}`, 25])),
    );
    const digest = composeDigest(wide, evaluateWave(wide, wave), wide.leaders.find((l) => l.id === 'cno')!);
    expect(digest.subject).toBe(`${digest.hotspots.length} hotspots`);
    expect(digest.text.split('\n')[1]).toContain('Inpatient surgical and perioperative services, north tower and annex (workload)');
  });

  it('suggests what to try once per kind of hotspot, under the first of that kind, in the text and the HTML', () => {
    const busy = evaluateWave(
      org,
      closedWave(3, [unit('ed', 24, { admin_burden: 0.8, workload: 0.8 }, 3), unit('medsurg', 25, { workload: 0.9 }, 3), unit('icu', 8, {}, 3)], staff),
    );
    const digest = composeDigest(org, busy, org.leaders.find((l) => l.id === 'cno')!);
    const suggestions = [...suggestedActions(org, 'workload', 'en').slice(0, 3), ...suggestedActions(org, 'admin_burden', 'en').slice(0, 3)];
    expect(suggestions).toHaveLength(6);
    for (const suggestion of suggestions) {
      expect(digest.text.split(`  - ${suggestion}\n`), suggestion).toHaveLength(2);
      expect(digest.html.split(`<li>${suggestion.replace(/'/g, '&#39;')}</li>`), suggestion).toHaveLength(2);
    }
    // Under the first workload hotspot (Med-surg), not under the later ones of that kind.
    const medSurg = digest.text.indexOf('HOTSPOT, workload: In Med-surg');
    expect(digest.text.indexOf(suggestions[0]!)).toBeGreaterThan(medSurg);
    expect(digest.text.indexOf(suggestions[0]!)).toBeLessThan(digest.text.indexOf('HOTSPOT, workload: In Emergency'));
  });
});

describe('composeDashboard', () => {
  const history = [1, 2].map((weeksAgo) =>
    closedWave(
      3 - weeksAgo,
      [
        unit('ed', 24, { admin_burden: 0.5 }, 3 - weeksAgo),
        unit('icu', 8, {}, 3 - weeksAgo),
        unit('medsurg', 20, {}, 3 - weeksAgo),
        unit('clinic', 15, {}, 3 - weeksAgo),
      ],
      staff,
      weeksAgo,
    ),
  );
  // Newest first, as the dashboard reads them.
  const published = [current, ...history].map((wave, index, all) => evaluateWave(org, wave, publishedAlone(org, all.slice(index + 1))));
  const leader = (id: string) => org.leaders.find((l) => l.id === id)!;
  const rowIds = (id: string) => composeDashboard(org, leader(id), published)!.rows.map((r) => r.groupId);

  it('writes a CSV that Excel opens as UTF-8, in the leader’s language, with words where a pulse published no figure', () => {
    // The pulse a week ago had too few answers in the ED to publish anything there.
    const sparse = closedWave(2, [unit('ed', 3, {}, 2), unit('icu', 8, {}, 2), unit('medsurg', 20, {}, 2), unit('clinic', 15, {}, 2)], staff, 1);
    const withGap = [current, sparse, history[1]!].map((wave, index, all) => evaluateWave(org, wave, publishedAlone(org, all.slice(index + 1))));
    const csv = dashboardCsv(composeDashboard(org, { ...leader('ed-lead'), locale: 'es' }, withGap)!);
    expect(csv.startsWith('\uFEFFGrupo,Respondieron,Personal,')).toBe(true);
    const [header, row] = csv
      .slice(1)
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (name: string) => row![header!.indexOf(name)];
    expect(column('Carga administrativa estado')).toBe('punto crítico');
    expect(['sí', 'no']).toContain(column('Carga administrativa en aumento'));
    expect(column('Carga administrativa encuestas anteriores (la más antigua primero)')).toBe('50; no publicada');
    expect(csv).not.toMatch(/hotspot|\byes\b|not published|'-/);
    // The national rate measured as the burnout item is, with its source, beside the department's figure.
    expect(header).toContain('Agotamiento tasas de referencia');
    expect(csv).toContain(',"Personal de salud a nivel nacional, 2020: 50% (Rotenstein et al., J Gen Intern Med 2023)"');
  });

  it('shows a manager only their own departments, with the earlier pulses’ figures oldest first', () => {
    const dashboard = composeDashboard(org, leader('ed-lead'), published)!;
    expect(dashboard.rows.map((r) => r.groupId)).toEqual(['department:ed']);
    const admin = dashboard.rows[0]!.cells.find((c) => c.domain === 'admin_burden')!;
    expect(admin.status).toBe('hotspot');
    expect(admin.history.map((share) => Math.round(share! * 100))).toEqual([50, 50]);
    expect(dashboard.earlierWaveIds).toEqual([history[1]!.wave.id, history[0]!.wave.id]);
    expect(dashboard.groupsWithHotspot).toBe(1);
  });

  it('shows a leader the departments of everyone who reports to them, and executives everything published', () => {
    expect(rowIds('cno')).toEqual(['department:hospital', 'department:ed']);
    // Config order; Med-surg stays hidden because, beside the hospital, it would reveal the ICU.
    expect(rowIds('ceo')).toEqual(['org', 'department:hospital', 'department:ed', 'department:clinic']);
  });

  it('names a hidden department without a single figure for it', () => {
    const icu = composeDashboard(org, leader('icu-lead'), published)!;
    expect(icu.rows).toEqual([]);
    expect(icu.hiddenDepartments).toEqual(['ICU']);
    expect(JSON.stringify(composeDashboard(org, leader('ceo'), published))).not.toContain('department:icu');
  });

  it('opens on a heatmap in the tree: hidden departments in their places by name, and the kinds this pulse did not ask named', () => {
    const ceo = composeDashboard(org, leader('ceo'), published)!;
    const order = ceo.heatmap.map((entry) => ('hidden' in entry ? `hidden: ${entry.hidden} at depth ${entry.depth}` : ceo.rows[entry.row]!.groupId));
    expect(order).toEqual(['org', 'department:hospital', 'department:ed', 'hidden: ICU at depth 2', 'hidden: Med-surg at depth 2', 'department:clinic']);
    // Pulse 3 asks the rotating verbal-abuse item: safety, not the other rotating kinds.
    expect(ceo.kindsAsked).toEqual(['workload', 'admin_burden', 'burnout', 'safety']);
    expect(ceo.kindsNotAsked).toEqual(['retention', 'connection']);
    // A manager sees their own hidden unit as a row of its own, and nobody else's.
    const icu = composeDashboard(org, leader('icu-lead'), published)!;
    expect(icu.heatmap).toEqual([{ hidden: 'ICU', depth: 0, department: 'icu' }]);
    expect(composeDashboard(org, leader('ed-lead'), published)!.heatmap).toEqual([{ row: 0 }]);
  });

  it('is empty before any pulse has been published', () => {
    expect(composeDashboard(org, leader('ceo'), [])).toBeUndefined();
  });

  it('suggests action titles in the leader’s language, the organization’s own as written', () => {
    const ownActions = orgConfigSchema.parse({ ...org, actions: { safety: ['Keep a guard at the ED door at night.'] } });
    const spanish = composeDashboard(ownActions, { ...leader('ed-lead'), locale: 'es' }, published)!;
    expect(spanish.suggestions.admin_burden[0]).toMatch(/^Mejore el expediente electrónico/);
    expect(spanish.suggestions.safety).toEqual(['Keep a guard at the ED door at night.']);
    expect(composeDashboard(ownActions, leader('ed-lead'), published)!.suggestions.admin_burden[0]).toMatch(/^Run an EHR optimization sprint/);
  });
});
