import { describe, expect, it } from 'vitest';
import { actionFormSchemas } from '../../shared/domain/action-form.js';
import { composeDashboard } from '../../shared/domain/dashboard.js';
import { dashboardCsv } from '../../shared/domain/dashboard-csv.js';
import { composeDigest } from '../../shared/domain/digest.js';
import { evaluateWave } from '../../shared/domain/evaluate-hotspots.js';
import { DEFAULT_INSTRUMENT, itemsForWave } from '../../shared/domain/instrument.js';
import { suggestedActions } from '../../shared/domain/leader-findings.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { ALL_ROLES } from '../../shared/domain/recording-units.js';
import { DashboardPage } from '../../web/views/dashboard-page.js';
import { closedWave, countsFor } from '../support/waves.js';

/**
 * Intent to leave, from the pulse that asks it to what a leader reads: the digest, the
 * heatmap, the table and its CSV, the national line beside it, and the form to act on it.
 */
const org = orgConfigSchema.parse({
  id: 'lakeside',
  name: 'Lakeside Health',
  timeZone: 'America/Chicago',
  departments: [
    { id: 'ed', name: 'Emergency' },
    { id: 'clinic', name: 'Clinic' },
  ],
  roleGroups: [{ id: 'nurse', name: 'Nurses', reference: 'nurse' }],
  channels: { email: { from: 'pulse@lakeside.example' } },
  deploy: { alarmEmail: 'it@lakeside.example' },
  leaders: [
    { id: 'ceo', name: 'Casey', email: 'ceo@lakeside.example', executive: true },
    { id: 'ed-lead', name: 'Eli', email: 'ed@lakeside.example', departments: ['ed'], reportsTo: 'ceo' },
  ],
});
const staff = { [`ed/${ALL_ROLES}`]: 30, [`clinic/${ALL_ROLES}`]: 25 };
// The second pulse (sequence 1) asks the intent-to-leave item; the first does not.
const ASKS = 1;
const wave = (sequence: number) =>
  closedWave(
    sequence,
    [
      { department: 'ed', roleGroup: ALL_ROLES, counts: countsFor(24, { retention: 0.75 }, sequence) },
      { department: 'clinic', roleGroup: ALL_ROLES, counts: countsFor(20, { retention: 0.2 }, sequence) },
    ],
    staff,
  );
const evaluation = evaluateWave(org, wave(ASKS));
const leader = (id: string, locale: 'en' | 'es' = 'en') => ({ ...org.leaders.find((l) => l.id === id)!, locale });

describe('intent to leave', () => {
  it('is asked every fourth pulse', () => {
    const asked = Array.from({ length: 12 }, (_, sequence) => sequence).filter((sequence) =>
      itemsForWave(DEFAULT_INSTRUMENT, sequence).some((item) => item.id === 'intent_to_leave'),
    );
    expect(asked).toEqual([1, 5, 9]);
    expect(evaluateWave(org, wave(0)).groups.every((g) => g.figures.every((f) => f.domain !== 'retention'))).toBe(true);
  });

  it('makes a department where three in four may leave a hotspot in its leader’s digest, with what helps retention', () => {
    const digest = composeDigest(org, evaluation, leader('ed-lead'));
    expect(digest.subject).toBe('1 hotspot: Emergency');
    expect(digest.text).toContain(
      'HOTSPOT, retention: In Emergency, 75% of 24 people rate their chance of leaving their job within two years as moderate or higher. Line 35%',
    );
    const [first] = suggestedActions(org, 'retention', 'en');
    expect(first).toMatch(/^Hold stay interviews/);
    expect(digest.text).toContain(`  - ${first}\n`);
    const spanish = composeDigest(org, evaluation, leader('ed-lead', 'es'));
    expect(spanish.text).toContain('consideran al menos moderadamente probable dejar su trabajo en los próximos dos años');
    expect(spanish.text).toContain(suggestedActions(org, 'retention', 'es')[0]!);
  });

  it('has its column after burnout on the heatmap, the table and the CSV, with the national rate beside it', () => {
    const dashboard = composeDashboard(org, leader('ceo'), [evaluation])!;
    expect(dashboard.kindsAsked).toEqual(['workload', 'admin_burden', 'burnout', 'retention']);
    expect(dashboard.kindsNotAsked).toEqual(['connection', 'safety']);
    const ed = dashboard.rows.find((row) => row.groupId === 'department:ed')!.cells.find((c) => c.domain === 'retention')!;
    expect(ed.status).toBe('hotspot');
    expect(ed.references.map((line) => line.label)).toEqual(['Health care workers nationally, 2020: 29% (Rotenstein et al., J Gen Intern Med 2023)']);

    const html = String(<DashboardPage dashboard={dashboard} expiresAt={new Date('2026-12-20T00:00:00Z')} link="LINK" />);
    const heatmapColumns = [...html.split('</thead>')[0]!.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heatmapColumns).toEqual(expect.arrayContaining(['Burnout', 'Retention']));
    expect(heatmapColumns.indexOf('Retention')).toBe(heatmapColumns.indexOf('Burnout') + 1);
    expect(html).toContain('<option value="retention">Retention</option>');

    const [header, ...rows] = dashboardCsv(dashboard).slice(1).split('\r\n');
    expect(header).toContain('Burnout reference rates,Retention %');
    expect(header).toMatch(/Retention status,.*,Retention reference rates$/);
    expect(rows.find((row) => row.startsWith('Emergency,'))).toContain(',hotspot,');
  });

  it('can be the kind of an action a leader logs, in either language', () => {
    for (const locale of ['en', 'es'] as const) {
      const parsed = actionFormSchemas(locale).newAction.safeParse({ department: 'ed', kind: 'retention', title: 'Stay interviews with every nurse' });
      expect(parsed.success).toBe(true);
    }
    const wrong = actionFormSchemas('en').newAction.safeParse({ department: 'ed', kind: 'turnover', title: 'Stay interviews' });
    expect(wrong.error?.issues[0]?.message).toBe('a kind is one of workload, admin_burden, burnout, retention, connection, safety');
  });
});
