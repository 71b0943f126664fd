import { describe, expect, it } from 'vitest';
import { differenceInterval, normalUpperTail, twoProportionZ, wilsonInterval } from '../../shared/domain/statistics.js';
import { Z_RISE_ONE_PULSE, Z_RISE_TWO_PULSES } from '../../shared/domain/alert-rule.js';

describe('wilsonInterval', () => {
  // Reference values: Newcombe (1998), "Two-sided confidence intervals for the single
  // proportion", Statistics in Medicine 17:857-872, Table I, method 3 (score, no correction).
  const newcombe: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [x, n, low, high] of newcombe) {
    it(`matches Newcombe's published interval for ${x}/${n}`, () => {
      const interval = wilsonInterval(x, n);
      expect(interval.low).toBeCloseTo(low, 4);
      expect(interval.high).toBeCloseTo(high, 4);
    });
  }

  it('stays within 0 and 1 at the extremes', () => {
    expect(wilsonInterval(5, 5).high).toBe(1);
    expect(wilsonInterval(5, 5).low).toBeCloseTo(0.5655, 4);
  });
});

describe('twoProportionZ', () => {
  it('matches a textbook pooled two-proportion test', () => {
    // 45/100 vs 30/100: pooled p = 0.375, SE = sqrt(0.375*0.625*0.02) = 0.06847, z = 2.191
    expect(twoProportionZ(45, 100, 30, 100)).toBeCloseTo(2.1909, 3);
    expect(twoProportionZ(30, 100, 45, 100)).toBeCloseTo(-2.1909, 3);
  });

  it('is zero when a side is empty or nothing varies', () => {
    expect(twoProportionZ(3, 10, 0, 0)).toBe(0);
    expect(twoProportionZ(0, 10, 0, 10)).toBe(0);
  });
});

describe('normalUpperTail', () => {
  it('matches standard normal table values', () => {
    expect(normalUpperTail(1.6448536)).toBeCloseTo(0.05, 6);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 6);
    expect(normalUpperTail(-1.959964)).toBeCloseTo(0.975, 6);
  });

  it('puts the rise tests at the levels the design record states: one pulse 0.1%, two pulses 2.5%', () => {
    expect(normalUpperTail(Z_RISE_ONE_PULSE)).toBeCloseTo(0.001, 6);
    expect(normalUpperTail(Z_RISE_TWO_PULSES)).toBeCloseTo(0.025, 6);
  });
});

describe('differenceInterval', () => {
  // Reference values: Newcombe (1998), "Interval estimation for the difference between
  // independent proportions: comparison of eleven methods", Statistics in Medicine
  // 17:873-890, Table II, method 10 (hybrid score, no continuity correction).
  const newcombe: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  for (const [x1, n1, x2, n2, low, high] of newcombe) {
    it(`matches Newcombe's published interval for ${x1}/${n1} - ${x2}/${n2}`, () => {
      const interval = differenceInterval(x1, n1, x2, n2);
      expect(interval.difference).toBeCloseTo(x1 / n1 - x2 / n2, 10);
      expect(interval.low).toBeCloseTo(low, 4);
      expect(interval.high).toBeCloseTo(high, 4);
    });
  }

  it('mirrors when the two sides swap', () => {
    const forward = differenceInterval(31, 50, 16, 51);
    const back = differenceInterval(16, 51, 31, 50);
    expect(back.low).toBeCloseTo(-forward.high, 10);
    expect(back.high).toBeCloseTo(-forward.low, 10);
  });
});
