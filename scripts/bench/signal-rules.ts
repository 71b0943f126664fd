import { borrowedStrengthRule, RULE_SETTINGS, type AlertRule } from '../../shared/domain/alert-rule.js';
import { twoPulseRule } from './two-pulse-rule.js';

/**
 * The rules the signal simulation compares, in one run over the same organizations: the
 * current rule (first: the known-rate test is held to its false rising flags), the one before
 * it, and each made stricter and looser, so the table shows where each sits on the trade
 * between what is found and what is flagged falsely.
 */
export const SIGNAL_RULES: Record<string, AlertRule> = {
  current: (evidence) => borrowedStrengthRule(evidence),
  'current, stricter': (evidence) => borrowedStrengthRule(evidence, { ...RULE_SETTINGS, hazard: 0.5, belief: { few: 0.7, many: 0.9 }, zOne: 3.5, zTwo: 2.4 }),
  'current, looser': (evidence) => borrowedStrengthRule(evidence, { ...RULE_SETTINGS, hazard: 0.2, belief: { few: 0.5, many: 0.8 }, zOne: 2.9, zTwo: 1.75 }),
  previous: (evidence) => twoPulseRule(evidence),
  'previous, stricter': (evidence) => twoPulseRule(evidence, { zHot: 2.326, zRiseOne: 3.5, zRiseTwo: 2.4 }),
  'previous, looser': (evidence) => twoPulseRule(evidence, { zHot: 1.645, zRiseOne: 2.9, zRiseTwo: 1.645 }),
};
