import type { FieldProblem } from '../errors.js';
import type { Item } from './instrument.js';

/** One person's answers to a wave: item id -> chosen option value. */
export type Answers = Record<string, number>;

export type ParsedAnswers = { ok: true; answers: Answers } | { ok: false; problems: FieldProblem[]; partial: Record<string, string> };

/** The form field that carries an item's answer. */
export function fieldName(itemId: string): string {
  return `q_${itemId}`;
}

/**
 * Checks a submitted form against the wave's items: every item answered, with one of its
 * options, and nothing else counted. Returns what was valid so the form can be shown again.
 */
export function parseAnswers(items: readonly Item[], form: Readonly<Record<string, unknown>>): ParsedAnswers {
  const answers: Answers = {};
  const partial: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  for (const item of items) {
    const raw = form[fieldName(item.id)];
    if (raw === undefined || raw === '' || raw === null) {
      problems.push({ field: item.id, problem: 'missing' });
      continue;
    }
    // A repeated field (two radio values) is malformed, not a choice between them.
    if (Array.isArray(raw)) {
      problems.push({ field: item.id, problem: 'repeated' });
      continue;
    }
    const value = typeof raw === 'string' && /^\d$/.test(raw) ? Number(raw) : Number.NaN;
    if (!item.options.some((o) => o.value === value)) {
      problems.push({ field: item.id, problem: 'not-an-option' });
      continue;
    }
    answers[item.id] = value;
    partial[item.id] = String(value);
  }
  return problems.length === 0 ? { ok: true, answers } : { ok: false, problems, partial };
}
