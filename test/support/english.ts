import { WORDS } from '../../shared/words/words.js';

/**
 * Every word a reader can meet in the app's English that its Spanish never uses: drawn from the
 * words files themselves (strings, and what each function returns for sample arguments), so a
 * string added in English only is caught without anyone listing it here.
 */
function vocabulary(words: unknown): Set<string> {
  const found = new Set<string>();
  const sample = new Proxy(
    {},
    { get: (_target, name) => (name === Symbol.toPrimitive ? () => 7 : typeof name === 'string' && name.startsWith('status') ? 'planned' : 'x') },
  );
  const collect = (value: unknown): void => {
    if (typeof value === 'string') for (const word of value.toLowerCase().match(/\p{L}+/gu) ?? []) found.add(word);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'function') {
      for (const args of [[7, 7, 7], [1, 1, 1], [sample], ['x', 'x', 'x']]) {
        try {
          collect((value as (...a: unknown[]) => unknown)(...args));
        } catch {
          // A sample that does not fit this function's arguments; another one will.
        }
      }
    } else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(words);
  return found;
}

// Month names and the abbreviations Spanish does not share (it writes "nov" and "oct" too).
const ENGLISH_MONTHS = [
  'jan',
  'apr',
  'aug',
  'dec',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const spanish = vocabulary(WORDS.es);
/** English-only words: in the English words, nowhere in the Spanish ones. */
export const ENGLISH_ONLY = new Set([...vocabulary(WORDS.en), ...ENGLISH_MONTHS].filter((word) => word.length > 1 && !spanish.has(word)));

/** What a person reads in an HTML page: its text, and the attributes read aloud or shown. */
export function readableText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  return [text, ...attributes].join(' ');
}

/**
 * The English-only words in `text`, each with a little of what surrounds it, leaving out the
 * words of `names` (an organization's, departments' and people's names are theirs to choose).
 */
export function englishIn(text: string, names: readonly string[] = []): string[] {
  const allowed = new Set(names.flatMap((name) => name.toLowerCase().match(/\p{L}+/gu) ?? []));
  const found: string[] = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const word = match[0].toLowerCase();
    if (!ENGLISH_ONLY.has(word) || allowed.has(word)) continue;
    found.push(`${match[0]} in “…${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).replace(/\s+/g, ' ')}…”`);
  }
  return found;
}
