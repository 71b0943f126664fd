import { CRISIS_WORDS, GIVEN_NAMES, HONORIFICS, NOT_CRISIS_WORDS, NOT_NAMES, ROLE_TITLES, SURNAMES, THEME_WORDS } from './comment-lexicon.js';

/*
 * Staff's optional comment, made ready to store: tidied, stripped of what would point to a
 * person, tagged with themes, and checked for words of crisis.
 *
 * What is removed, each replaced by a placeholder that says what was there:
 * - email addresses, [email]: anything written name@domain (also with a space either side of
 *   the @), and addresses spelled out with "at" or "arroba" and "dot" or "punto" that end in a
 *   common domain ("ana at example dot org");
 * - links, [link]: from "http" or "https" to the next space, anything starting with another
 *   scheme followed by :// or with www., bare domains ending in .com, .org, .net, .edu, .gov or
 *   .io, and any domain followed by a path (hospital.es/quejas);
 * - phone numbers, [phone]: 7 to 11 digits in groups split by spaces, dots or dashes (up to 15
 *   after a + or 00 and country code), with or without an area code in brackets and an
 *   extension; 10 digits written together (11 starting with 1); a number after ext, x, pager,
 *   tel, phone, cell or teléfono;
 * - record and account numbers, [number]: any run of 6 or more digits, also with letters, # or
 *   dashes around it (MRN00123456, A12-345678, #4455667), and the number after MRN, acct,
 *   patient ID, CSN, SSN, expediente, historia clínica, NHC or NSS, or after record, account,
 *   ID, FIN, encounter or cuenta when it has 4 digits or more or follows "no.", "#" or ":";
 * - dates, [date]: 03/14/2026, 14.03.26, 2026-03-14, 03/2026, 3/14 and 14/3 (a day and month
 *   that could be a fraction or a score, such as 3/4 or 8/10, only after "on" or "el"), March
 *   14, Mar 14th, 14 March, March 2026, 14 de marzo, marzo 14 and marzo de 2026;
 * - names, [name]: a capitalised word in a list of a few hundred common given names and
 *   surnames in English and Spanish, wherever it stands; a listed name in any case, or a
 *   capitalised word, after an abbreviated title (Dr., Dra., Mr., Mrs., Ms., Sr., Sra., Srta.,
 *   Lic.), and after a role (nurse, enfermera, doctor, manager, jefe, RN and the like) unless
 *   the word ends like a department (Nurse Appreciation); two or more capitalised words in a
 *   row in mid-sentence that are not ordinary capitalised words (ICU, Epic, Monday, Urgencias,
 *   Code Blue) and do not end like a department (Nursing, Oncology); and a capitalised surname
 *   after any of these, with de, del, la, van or von between. The title stays ("Dr. [name]"); a
 *   whole name becomes one [name].
 * Digits of any script count as digits (stored as 0 to 9), and invisible characters are removed
 * before anything is looked for, so neither hides a number or a word.
 *
 * Kept on purpose: small numbers (2 nurses, 12 hours, 3 to 5, a 1:4 ratio, 8/10, 24/7, 95%),
 * ranges and shift times (100-200, 0700-1900), simple fractions (1/2, 3/4), days of the week, a
 * month without a day, words in capitals, and the first word of a sentence unless it is a
 * listed name.
 *
 * Not caught, so a comment can still point to its writer or to someone else:
 * - a name in lower case that is not in the list, even after a title ("dr whitfield"); an
 *   unlisted name standing alone or beginning a sentence ("Whitfield said", "I told Zoltan"),
 *   two in a row in a comment that capitalises most of its words, or one after a role that ends
 *   like a department word ("Nurse Manning"); initials, nicknames, @handles; names in capitals
 *   unless listed (MARIA) or after an abbreviated title (DR. OKAFOR), and listed ones of three
 *   letters or fewer (AMY); names that are also ordinary words, left out of the list (Hope,
 *   Grace, Rosa, Dolores);
 * - a misspelled, broken or unusually spelled email or link ("jane at example", "example .
 *   com"), a phone or record number written in words or split in other ways, a date in words
 *   ("the fourteenth") or with "march" or "may" in lower case, room and bed numbers under 6
 *   digits;
 * - and above all a description that fits one person: "the only night pharmacist", "the new
 *   grad who started in June", a rare event, a role, shift or language that few share.
 * So a comment is scrubbed, not made anonymous: it is shown only to groups large enough
 * (comments.minRespondents) and should be read with that in mind. What was removed is counted
 * by kind; the removed text is not kept anywhere.
 */
/** The longest comment, in characters as the writer sees them. */
export const COMMENT_MAX_CHARS = 500;

export const REMOVED_KINDS = ['email', 'phone', 'url', 'record-number', 'date', 'name'] as const;
export type RemovedKind = (typeof REMOVED_KINDS)[number];

export const COMMENT_THEMES = ['emr', 'staffing', 'scheduling', 'leadership', 'safety', 'connection'] as const;
export type CommentTheme = (typeof COMMENT_THEMES)[number];

export type ScrubbedComment = { text: string; removed: RemovedKind[] };
/** A comment ready to store: scrubbed, with its themes and the kinds of thing removed from it. */
export type PreparedComment = { text: string; themes: CommentTheme[]; removed: RemovedKind[] };
/** `crisis` whatever else: a comment refused for its length still brings its writer support. */
export type CommentOutcome = { ok: true; comment?: PreparedComment; crisis: boolean } | { ok: false; problem: 'too-long' | 'not-text'; crisis: boolean };

/** What a placeholder calls each kind, in brackets: [email], [link], [number]. */
const PLACEHOLDER_WORD: Record<RemovedKind, string> = { email: 'email', phone: 'phone', url: 'link', 'record-number': 'number', date: 'date', name: 'name' };

/** Whole words only: a match may neither start nor end inside a word or a number. */
const START = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{L}\p{N}])`;

const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;
/** Control, format and lone surrogate characters hide or reorder text unseen; a joiner between emoji is part of one picture (👩‍⚕️). */
const INVISIBLE =
  /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})|(?!\u200D)\p{Cf}|(?![\t\n\v\f])\p{Cc}|\p{Cs}/gu;
const OTHER_DIGITS = /(?![0-9])\p{Nd}/gu;
const DIGIT = /^\p{Nd}$/u;

/**
 * Tidies what was typed or pasted: invisible characters removed, spaces collapsed, blank lines
 * closed up to one line break, é one character however typed (NFC), other scripts' digits as 0 to 9.
 */
export function normalizeComment(raw: string): string {
  return (
    raw
      .replace(LINE_BREAKS, '\n')
      .replace(INVISIBLE, '')
      .replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : ' '))
      .trim()
      // Compatibility forms too (a full-width ＠ or digit is the ordinary one), so no pattern below is dodged by them.
      .normalize('NFKC')
      .replace(OTHER_DIGITS, asciiDigit)
      // A dash an autocorrect put between digits (555–123–4567) is a hyphen to the patterns.
      .replace(/(?<=\d) ?[\u2010-\u2015\u2212\uFE58\uFE63] ?(?=\d)/g, '-')
  );
}

/** Unicode encodes every script's digits as runs of ten from zero, so a digit's value is its place in its run. */
function asciiDigit(digit: string): string {
  const codePoint = digit.codePointAt(0) ?? 0;
  let zero = codePoint;
  while (DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((codePoint - zero) % 10);
}

/** Removes what could identify a person, in an order where each kind cannot eat the next: an email's domain is not a link, a date is not a phone number. */
export function scrubComment(text: string): ScrubbedComment {
  const found = new Set<RemovedKind>();
  const remove: Remove = (kind) => {
    found.add(kind);
    return `[${PLACEHOLDER_WORD[kind]}]`;
  };
  let scrubbed = text;
  for (const pass of PASSES) scrubbed = pass(scrubbed, remove);
  return { text: scrubbed, removed: REMOVED_KINDS.filter((kind) => found.has(kind)) };
}

type Remove = (kind: RemovedKind) => string;
const PASSES = [removeEmails, removeLinks, removeRecordNumbers, removeDates, removePhones, removeLongNumbers, removeNames];

/** name@domain, or with a space either side of the @ when the domain has a dot ("jane @ example.org", not "meet @ 5"). */
const EMAIL = /[^\s@<>()[\]",;:]+(?:@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*| ?@ ?[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+)/gu;
const SPELLED = (word: string) => String.raw`(?:\s+|\s*[([]\s*)(?:${word})(?:\s+|\s*[)\]]\s*)`;
const SPELLED_EMAIL = new RegExp(
  String.raw`${START}[\p{L}\p{N}._%+-]+${SPELLED('at|arroba')}[\p{L}\p{N}-]+(?:${SPELLED('dot|punto')}[\p{L}\p{N}-]+)*${SPELLED('dot|punto')}(?:com|org|net|edu|gov|io|es|mx|us)${END}`,
  'giu',
);

function removeEmails(text: string, remove: Remove): string {
  return text.replace(EMAIL, () => remove('email')).replace(SPELLED_EMAIL, () => remove('email'));
}

const LINK = new RegExp(
  String.raw`(?:https?|${START}(?:[a-z][a-z0-9+.-]*:\/\/|www\d{0,3}\.))[^\s<>"]*` +
    String.raw`|${START}(?:[\p{L}\p{N}-]+\.)+(?:(?:com|org|net|edu|gov|io)${END}(?:[:/][^\s<>"]*)?|[a-z]{2,6}\/[^\s<>"]*)`,
  'giu',
);
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»”’]+$/u;

function removeLinks(text: string, remove: Remove): string {
  // A link at the end of a sentence keeps the sentence's full stop.
  return text.replace(LINK, (link) => remove('url') + (TRAILING_PUNCTUATION.exec(link)?.[0] ?? ''));
}

/** Ordinary words that also name a record: the number after them must look like one. */
const WEAK_RECORD_WORDS = new Set(['record', 'account', 'id', 'fin', 'encounter', 'cuenta']);
const RECORD_NUMBER = new RegExp(
  String.raw`${START}(mrn|medical record|record|acct|account|patient id|pt id|id|fin|csn|encounter|ssn|cuenta|expediente|historia cl[ií]nica|nhc|nss)` +
    String.raw`((?:\s*(?:number|num|no|nro|n[º°o]|n[uú]mero)\.?)?\s*[:#]?\s*)(#?\p{L}{0,3}-?\d[\p{L}\p{N}-]*)`,
  'giu',
);

function removeRecordNumbers(text: string, remove: Remove): string {
  return text.replace(RECORD_NUMBER, (match, word: string, gap: string, number: string) => {
    // "number", "no.", "nº", "#" or ":" between them says it is one.
    const labelled = /[#:]|n/i.test(gap);
    const looksLikeRecord = !WEAK_RECORD_WORDS.has(word.toLowerCase()) || labelled || number.replace(/\D/g, '').length >= 4;
    return looksLikeRecord ? `${word}${gap}${remove('record-number')}` : match;
  });
}

const EN_MONTH = String.raw`(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|Mar(?:ch)?|[Aa]pr(?:il)?|May|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ept?(?:ember)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)${END}\.?`;
const ES_MONTH = String.raw`(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sept?iembre|octubre|noviembre|diciembre)${END}`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th|ro|º|°)?${END}`;
const YEAR = String.raw`\d{4}${END}`;
const OF_YEAR = String.raw`\s+del?\s+${YEAR}`;
const WORDED_DATES = [
  // "March" and "May" are verbs too: in English only capitalised month names count.
  new RegExp(String.raw`${START}(?:${EN_MONTH}\s+${DAY}(?:,?\s+${YEAR})?|${DAY}\s+(?:of\s+)?${EN_MONTH}(?:,?\s+${YEAR})?|${EN_MONTH},?\s+${YEAR})`, 'gu'),
  new RegExp(String.raw`${START}(?:${DAY}\s+de\s+${ES_MONTH}(?:${OF_YEAR})?|${ES_MONTH}\s+${DAY}(?:,?\s+(?:de\s+)?${YEAR})?|${ES_MONTH}${OF_YEAR})`, 'giu'),
];
/** Numbers joined by / . - or : on either side belong to something else: a version, a time, a longer date. */
const NUMERIC_START = String.raw`(?<![\p{L}\p{N}/.:-])`;
const NUMERIC_END = String.raw`(?![\p{L}\p{N}]|[/.:-]\d)`;
const YEAR_FIRST = new RegExp(String.raw`${NUMERIC_START}\d{4}[-/.](\d{1,2})[-/.](\d{1,2})${NUMERIC_END}`, 'gu');
const YEAR_LAST = new RegExp(String.raw`${NUMERIC_START}(\d{1,2})[-/.](\d{1,2})[-/.](?:\d{4}|\d{2})${NUMERIC_END}`, 'gu');
const MONTH_AND_YEAR = new RegExp(String.raw`${NUMERIC_START}(\d{1,2})\/((?:19|20)\d\d)${NUMERIC_END}`, 'gu');
const DATE_LEAD = 'on|el|del|since|desde|until|hasta|by|before|after';
const DAY_AND_MONTH = new RegExp(String.raw`${START}((?:${DATE_LEAD})\s+)?${NUMERIC_START}(\d{1,2})\/(\d{1,2})${NUMERIC_END}`, 'giu');

function removeDates(text: string, remove: Remove): string {
  const worded = WORDED_DATES.reduce((current, pattern) => current.replace(pattern, () => remove('date')), text);
  return worded
    .replace(YEAR_FIRST, (match, month: string, day: string) => (isMonth(Number(month)) && isDay(Number(day)) ? remove('date') : match))
    .replace(YEAR_LAST, (match, first: string, second: string) => (isDayAndMonth(Number(first), Number(second)) ? remove('date') : match))
    .replace(MONTH_AND_YEAR, (match, month: string) => (isMonth(Number(month)) ? remove('date') : match))
    .replace(DAY_AND_MONTH, (match, lead: string | undefined, first: string, second: string) => {
      const [a, b] = [Number(first), Number(second)];
      // Read alone, 3/4 and 8/10 are a fraction and a score, and 24/7 is always; "on 3/4" is a day.
      const readsAsDay = lead !== undefined || (!(a <= b && b <= 10) && !(a === 24 && b === 7));
      return isDayAndMonth(a, b) && readsAsDay ? `${lead ?? ''}${remove('date')}` : match;
    });
}

const isMonth = (n: number) => n >= 1 && n <= 12;
const isDay = (n: number) => n >= 1 && n <= 31;
const isDayAndMonth = (a: number, b: number) => (isMonth(a) && isDay(b)) || (isDay(a) && isMonth(b));

const PHONE =
  /(?:(?=\+)|(?<![\p{N}+]))((?:\+ ?\d{1,3}[ .-]?)?(?:\(\d{1,4}\) ?|\d{1,4}[ .-]){1,4}\d{2,4})(?: ?(?:ext\.?|extension|extensión|x) ?\d{1,6})?(?!\p{N})/giu;
const PHONE_WORDS = 'ext|x|extension|extensión|pager|beeper|busca|tel|phone|cell|tel[eé]fono|celular|m[oó]vil|cel';
const PHONE_WORD_NUMBER = new RegExp(String.raw`${START}((?:${PHONE_WORDS})\.?\s*[:#]?\s*)\d{3,6}${END}`, 'giu');

/** Phone numbers in groups, then a number after its word: "x4455" is all number, "pager 4455" keeps its word. */
function removePhones(text: string, remove: Remove): string {
  let out = '';
  let from = 0;
  PHONE.lastIndex = 0;
  for (let match = PHONE.exec(text); match; match = PHONE.exec(text)) {
    // Two numbers side by side read as one too long: take the longest run of whole groups that is one.
    const number = match[1]!;
    const ends = [...number.matchAll(/\d+\)?/g)].map((group) => group.index + group[0].length).reverse();
    const end = isPhoneNumber(number) ? match[0].length : ends.slice(1).find((candidate) => isPhoneNumber(number.slice(0, candidate)));
    if (end === undefined) {
      PHONE.lastIndex = match.index + (ends.at(-1) ?? 1);
      continue;
    }
    out += text.slice(from, match.index) + remove('phone');
    from = PHONE.lastIndex = match.index + end;
  }
  return (out + text.slice(from)).replace(PHONE_WORD_NUMBER, (_match, lead: string) => `${/^(?:x|ext)/i.test(lead) ? '' : lead}${remove('phone')}`);
}

/** Digit groups that are a phone number rather than a list, a range of years or shift times, or a large number written 1.200.000. */
function isPhoneNumber(number: string): boolean {
  const groups = number.match(/\d+/g) ?? [];
  const digits = groups.join('').length;
  if (digits < 7 || digits > (/^(?:\+|00)/.test(number) ? 15 : 11)) return false;
  if (/[+(]/.test(number)) return true;
  if (!groups.some((group) => group.length >= 3)) return false;
  const [first = '', ...rest] = groups;
  if (!/[ -]/.test(number) && first.length <= 3 && rest.every((group) => group.length === 3)) return false;
  const timeOrYear = (group: string) =>
    group.length === 4 && (/^(?:19|20)\d\d$/.test(group) || (Number(group.slice(0, 2)) <= 24 && Number(group.slice(2)) < 60));
  return !(groups.length <= 3 && groups.every(timeOrYear));
}

const LONG_NUMBER = /(?<![\p{L}\p{N}])[#+]?(?:\p{L}{1,4}-?)?\d[\d-]*(?:-?\p{L}{1,2})?(?![\p{L}\p{N}])/gu;

function removeLongNumbers(text: string, remove: Remove): string {
  return text
    .replace(LONG_NUMBER, (token) => {
      const digits = token.replace(/\D/g, '');
      if (digits.length < 6) return token;
      // Two short groups are a range (100-200, 12345-6789), not an identifier.
      if (!/\d{6}/.test(token) && !/[\p{L}#]/u.test(token) && (token.match(/\d+/g) ?? []).length < 3) return token;
      const isPhone = /^\+?[\d-]+$/.test(token) && (token.startsWith('+') || digits.length === 10 || (digits.length === 11 && digits.startsWith('1')));
      return remove(isPhone ? 'phone' : 'record-number');
    })
    .replace(/\d{6,}/g, () => remove('record-number'));
}

type Word = { start: number; end: number; text: string; key: string; suffix: string; shape: 'lower' | 'capital' | 'upper' };

const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;
const POSSESSIVE = /['’]s$/iu;
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'da', 'di', 'du', 'van', 'von', 'der', 'le']);
/** Endings of department, task and abstract words (Nursing, Oncology, Cardiología, Commission), rarely of a name standing without a title. */
const NOUN_ENDING = /(?:ology|ogy|ics|ing|tion|sion|ment|ness|ity|ance|ence|ship|logia|ria|gia|cia|cion|dad)$/;

const lexicon = memo(() => {
  const split = (list: string) => list.split(/\s+/).filter(Boolean);
  const inCapitals = (entry: string) => entry === entry.toUpperCase();
  const byCase = (list: string) => {
    const entries = split(list);
    return { exact: new Set(entries.filter(inCapitals)), folded: new Set(entries.filter((entry) => !inCapitals(entry)).map(fold)) };
  };
  const names = new Set(split(`${GIVEN_NAMES} ${SURNAMES}`));
  return { names, notNames: byCase(NOT_NAMES), honorifics: new Set(split(HONORIFICS)), roles: byCase(ROLE_TITLES) };
});

function toWord(match: RegExpMatchArray): Word {
  const text = match[0];
  const start = match.index ?? 0;
  const suffix = POSSESSIVE.exec(text)?.[0] ?? '';
  const base = text.slice(0, text.length - suffix.length);
  const letters = base.replace(/\P{L}/gu, '');
  const shape = !/^\p{Lu}/u.test(base) ? 'lower' : letters.length > 1 && letters === letters.toUpperCase() ? 'upper' : 'capital';
  return { start, end: start + text.length, text: base, key: fold(base), suffix, shape };
}

function removeNames(text: string, remove: Remove): string {
  const { names, notNames, honorifics, roles } = lexicon();
  const words = [...text.matchAll(WORD)].map(toWord);
  const gap = (a: Word, b: Word) => text.slice(a.end, b.start);
  const adjacent = (a: Word, b: Word | undefined): b is Word => b !== undefined && gap(a, b) === ' ';
  const isAllowed = (w: Word) => notNames.exact.has(w.text) || notNames.folded.has(w.key);
  const isHonorific = (w: Word) => honorifics.has(w.key);
  const isTitle = (w: Word) => isHonorific(w) || roles.exact.has(w.text) || roles.folded.has(w.key);
  const isListed = (w: Word) => w.key.split('-').some((part) => names.has(part));
  // Words in capitals are mostly acronyms; from four letters on, a listed name in capitals (MARIA) is still one.
  const isCapitalised = (w: Word) => w.shape === 'capital' || (w.shape === 'upper' && w.text.length >= 4);
  const couldBeName = (w: Word | undefined): w is Word => w !== undefined && isCapitalised(w) && !isAllowed(w) && !isTitle(w);
  const isBareCapital = (w: Word | undefined): w is Word => couldBeName(w) && w.shape === 'capital' && w.text.length > 1 && !NOUN_ENDING.test(w.key);
  const isSurname = (w: Word | undefined): w is Word => couldBeName(w) && (w.shape === 'capital' || isListed(w));

  // Written In Title Case, two capitals in a row say nothing. Listed names and placeholders are left out of the count, so scrubbing again changes nothing.
  const counted = words.filter((w) => !isListed(w) && text[w.start - 1] !== '[');
  const titleCased = counted.length >= 6 && counted.filter((w) => w.shape === 'capital').length * 2 > counted.length;
  const runs: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    let first = -1;
    if (isTitle(word)) {
      // After an abbreviation (Dr., Sra.) anything capitalised is a name; after a role word, not a department (Nurse Appreciation).
      const afterTitle = isHonorific(word) ? /^\.? ?$/.test(next ? gap(word, next) : '') : adjacent(word, next);
      if (afterTitle && next && !isTitle(next) && !isAllowed(next) && (isListed(next) || (isCapitalised(next) && (isHonorific(word) || isBareCapital(next)))))
        first = i + 1;
    } else if (couldBeName(word) && isListed(word)) {
      first = i;
    } else if (!titleCased && isBareCapital(word) && !startsSentence(text, word.start) && adjacent(word, next) && isBareCapital(next)) {
      first = i;
    }
    if (first < 0) continue;
    let last = first;
    for (;;) {
      let k = last + 1;
      while (PARTICLES.has(words[k]?.key ?? '') && words[k]?.shape === 'lower' && adjacent(words[k - 1]!, words[k])) k++;
      if (!adjacent(words[k - 1]!, words[k]) || !isSurname(words[k])) break;
      last = k;
    }
    runs.push([first, last]);
    i = last;
  }

  return runs.reduceRight((out, [first, last]) => out.slice(0, words[first]!.start) + remove('name') + words[last]!.suffix + out.slice(words[last]!.end), text);
}

/** What comes before a word in mid-sentence: a letter, digit, comma or closing bracket, then only spaces, quotes or opening brackets. */
const MID_SENTENCE = /[\p{L}\p{N},;)\]%&/][ "'“”‘’«»([{¿¡]*$/u;
const startsSentence = (text: string, index: number) => !MID_SENTENCE.test(text.slice(0, index));

const UNFOLDED = /[\p{M}'’‘`´ʼ]/gu;
/** Lower case, accents and apostrophes removed: "Don’t" and "dont", "Documentación" and "documentacion" match alike. */
function fold(text: string): string {
  return text.normalize('NFD').replace(UNFOLDED, '').toLowerCase();
}

/** A pattern for a lexicon list: see THEME_WORDS for how its entries are written. */
function lexiconPattern(entries: string, flags = 'u'): RegExp {
  const alternatives = entries.split('|').map((entry) => entry.trim().replace(/\*$/, String.raw`\p{L}*`).replaceAll(' ', String.raw`[\s-]*`));
  return new RegExp(`${START}(?:${alternatives.join('|')})${END}`, flags);
}

const themePatterns = memo(() => COMMENT_THEMES.map((theme) => [theme, lexiconPattern(THEME_WORDS[theme])] as const));
const crisisPatterns = memo(() => ({ crisis: lexiconPattern(CRISIS_WORDS), notCrisis: lexiconPattern(NOT_CRISIS_WORDS, 'gu') }));

/** The themes a comment touches, in COMMENT_THEMES order; none when it touches none. */
export function commentThemes(text: string): CommentTheme[] {
  const folded = fold(normalizeComment(text));
  return themePatterns().flatMap(([theme, pattern]) => (pattern.test(folded) ? [theme] : []));
}

/**
 * Whether a comment speaks of self-harm, suicide or acute crisis, so the writer can be shown where to
 * find help. Errs towards yes: a needless offer of help costs nothing. Meant for the text before
 * scrubbing, which can take away words around the ones that matter.
 */
export function mentionsCrisis(text: string): boolean {
  const { crisis, notCrisis } = crisisPatterns();
  return crisis.test(fold(normalizeComment(text)).replace(notCrisis, ' '));
}

/** A body this far beyond any comment is refused before any work is spent on it. */
const RAW_LIMIT = COMMENT_MAX_CHARS * 20;
const PLACEHOLDER = /\[(?:email|phone|link|number|date|name)\]/g;

/**
 * The one call the submit path makes. No comment (absent or blank) is fine; anything but a string
 * is refused, as is one longer than COMMENT_MAX_CHARS code points (an emoji is one). A comment left
 * with nothing but placeholders and punctuation is dropped, and a crisis in it still reported.
 */
export function prepareComment(raw: unknown): CommentOutcome {
  if (raw === undefined || raw === null || raw === '') return { ok: true, crisis: false };
  if (typeof raw !== 'string') return { ok: false, problem: 'not-text', crisis: false };
  if (raw.length > RAW_LIMIT) return { ok: false, problem: 'too-long', crisis: false };
  const text = normalizeComment(raw);
  const crisis = mentionsCrisis(text);
  if ([...text].length > COMMENT_MAX_CHARS) return { ok: false, problem: 'too-long', crisis };
  const scrubbed = scrubComment(text);
  if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(scrubbed.text.replace(PLACEHOLDER, ''))) return { ok: true, crisis };
  return { ok: true, crisis, comment: { text: scrubbed.text, themes: commentThemes(scrubbed.text), removed: scrubbed.removed } };
}

function memo<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
