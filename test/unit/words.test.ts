import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/domain/locale.js';
import { WORDS } from '../../shared/words/words.js';

/**
 * The type of the words makes every locale name every string. What it cannot see: a string
 * left empty, English pasted in untranslated, or a list (the dashboard's legend) that has
 * lost an entry. Words that are functions of a figure are covered by the tests of what they
 * build.
 */
/** Words spelled the same in English and the other languages, by where they are. */
const SAME_EVERYWHERE = new Set(['leader.csv.no']);

function untranslated(english: unknown, other: unknown, path: string): string[] {
  if (typeof english === 'string') {
    if (typeof other !== 'string' || other.trim() === '') return [`${path}: missing or empty`];
    return other === english && !SAME_EVERYWHERE.has(path) ? [`${path}: still the English "${english}"`] : [];
  }
  if (Array.isArray(english)) {
    if (!Array.isArray(other) || other.length !== english.length)
      return [`${path}: ${english.length} entries in English, ${Array.isArray(other) ? other.length : 'none'} here`];
    return english.flatMap((entry, index) => untranslated(entry, other[index], `${path}[${index}]`));
  }
  if (typeof english === 'object' && english !== null) {
    return Object.entries(english).flatMap(([key, value]) =>
      untranslated(value, (other as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`),
    );
  }
  return [];
}

describe('the words people read', () => {
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`are all said in ${locale}, none left empty or in English, every list as long`, () => {
      expect(untranslated(WORDS.en, WORDS[locale], '')).toEqual([]);
    });
  }

  it('find what a locale left in English or dropped from a list', () => {
    const leader = WORDS.es.leader;
    const careless = { ...WORDS.es, leader: { ...leader, downloadCsv: WORDS.en.leader.downloadCsv, legend: leader.legend.slice(1), notShown: ' ' } };
    expect(untranslated(WORDS.en, careless, '')).toEqual([
      'leader.legend: 4 entries in English, 3 here',
      'leader.downloadCsv: still the English "Download this table (CSV)"',
      'leader.notShown: missing or empty',
    ]);
  });
});
