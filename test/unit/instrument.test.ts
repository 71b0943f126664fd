import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT, instrumentSchema, isAdverse, itemsForWave } from '../../shared/domain/instrument.js';

describe('the default instrument', () => {
  it('passes its own schema unchanged', () => {
    expect(instrumentSchema.parse(DEFAULT_INSTRUMENT)).toEqual(DEFAULT_INSTRUMENT);
  });

  it('scores the single-item burnout question as burned out at level 3 or above', () => {
    const burnout = DEFAULT_INSTRUMENT.items.find((i) => i.id === 'burnout')!;
    expect(burnout.options.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map((level) => isAdverse(burnout, level))).toEqual([false, false, true, true, true]);
  });

  it('asks the five core items every wave and rotates one more, so every wave has six questions', () => {
    const waves = [0, 1, 2, 3, 4].map((sequence) => itemsForWave(DEFAULT_INSTRUMENT, sequence).map((i) => i.id));
    for (const ids of waves) {
      expect(ids.slice(0, 5)).toEqual(['burnout', 'workload', 'emr_frustration', 'after_hours_docs', 'admin_tasks']);
      expect(ids).toHaveLength(6);
    }
    expect(waves.map((ids) => ids[5])).toEqual(['team_connection', 'intent_to_leave', 'leaders_understand', 'verbal_abuse', 'team_connection']);
  });

  it('asks how likely staff are to leave within two years, counting moderate or more, as national surveys count it', () => {
    const leave = DEFAULT_INSTRUMENT.items.find((i) => i.id === 'intent_to_leave')!;
    expect(leave).toMatchObject({ domain: 'retention', module: 'rotating' });
    expect(leave.text.en).toBe('How likely is it that you will leave your current job within two years?');
    expect(leave.options.map((o) => o.label.en)).toEqual(['None', 'Slight', 'Moderate', 'Likely', 'Definitely']);
    expect(leave.options.filter((o) => isAdverse(leave, o.value)).map((o) => o.label.en)).toEqual(['Moderate', 'Likely', 'Definitely']);
    expect(leave.text.es).toContain('usted');
  });

  it('covers workload, admin burden, burnout, retention, connection and safety, in English and Spanish', () => {
    expect(new Set(DEFAULT_INSTRUMENT.items.map((i) => i.domain))).toEqual(
      new Set(['workload', 'admin_burden', 'burnout', 'retention', 'connection', 'safety']),
    );
    for (const item of DEFAULT_INSTRUMENT.items) {
      expect(item.text.en).not.toEqual(item.text.es);
      for (const option of item.options) expect(option.label.es.length).toBeGreaterThan(0);
    }
  });

  it('refuses an instrument whose adverse answers are not among its options', () => {
    const broken = structuredClone(DEFAULT_INSTRUMENT);
    broken.items[0]!.adverse = [9];
    const result = instrumentSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('adverse value 9 is not one of the options');
  });

  it('refuses an instrument that would make the pulse longer than six questions', () => {
    const long = structuredClone(DEFAULT_INSTRUMENT);
    long.items = long.items.map((item) => ({ ...item, module: 'core' as const }));
    expect(instrumentSchema.safeParse(long).error?.issues[0]?.message).toContain('must ask 4 to 6 questions; this instrument asks 9');
  });
});
