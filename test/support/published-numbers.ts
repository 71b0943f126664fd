import { trendScale, trendX, trendY } from '../../web/views/trend.js';
import { DASHBOARD_CSS, PAGE_CSS } from '../../web/styles.js';

/**
 * Every number a published artefact holds, read back as its reader (or a script) would, and
 * held to the precision of the figure it draws. The rule, per kind of number:
 *
 * - A share (a figure, an interval end, a threshold, a baseline, a pooled share, a response
 *   rate, a before or an after) is drawn as a whole percent: every number followed by % is a
 *   whole number.
 * - A count (people, staff, answers, pulses, days) is a whole number.
 * - A change in points is a whole number, and is the difference of the two whole percents it
 *   sits between: a change worked out from the exact shares would tell which way each was
 *   rounded.
 * - A trend chart's dots and lines sit where the whole percents its text alternative shows
 *   sit, on a scale worked out from those percents and the shown threshold alone (trendScale,
 *   trendY); the dashed line is at the threshold, grid lines at tens, and an x coordinate
 *   depends on the point's position alone.
 * - Layout constants (the stylesheets, sizes, radii, stroke widths) are exempt: the pages'
 *   stylesheets must be exactly the constants in web/styles.ts, and a percent in an inline
 *   style must be whole. That they are constants, whatever the data, is what the jiggle test
 *   (test/unit/published-precision.test.tsx) shows: moving every share anywhere within its
 *   whole percent changes no byte of any artefact.
 * - Nothing else carries a decimal part or a fraction: no "63.6", "63,6" or "28/44" in any
 *   text, attribute, CSV field or email. Links are skipped (a signed token, no figure).
 */

export interface Artefact {
  name: string;
  kind: 'html' | 'text' | 'csv';
  body: string;
}

const URL = /\bhttps?:\/\/\S+/g;
/** A number with a decimal part in either language's notation, or a fraction of counts. */
const FRACTIONAL = /\d[.,]\d/;
const FRACTION = /\d\s*\/\s*\d/;
/** A number and its percent sign, with any space (Spanish writes "95 %"). */
const PERCENT = /(\d+(?:[.,]\d+)?)[\s\u00a0\u202f]?%/g;

function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&nbsp;', '\u00a0')
    .replaceAll('&amp;', '&');
}

/** What is wrong with the numbers in one piece of words a reader sees. */
export function textProblems(where: string, raw: string): string[] {
  const text = raw.replace(URL, ' ');
  const problems: string[] = [];
  if (FRACTIONAL.test(text)) problems.push(`${where}: a number with a decimal part in "${excerpt(text, FRACTIONAL)}"`);
  if (FRACTION.test(text)) problems.push(`${where}: a fraction in "${excerpt(text, FRACTION)}"`);
  for (const match of text.matchAll(PERCENT)) if (!/^\d+$/.test(match[1]!)) problems.push(`${where}: a percent that is not whole, ${match[0]}`);
  problems.push(...beforeAfterProblems(where, text));
  return problems;
}

/**
 * A before-and-after says "62% before 'X', 32% after: down 30 points": the change is the
 * difference of the two percents shown, in either language.
 */
export function beforeAfterProblems(where: string, text: string): string[] {
  const problems: string[] = [];
  const sentence = /(\d+)% (?:before|antes de) '[^']*', (\d+)% (?:after|después): (down|up|bajó|subió) (\d+) (?:points|puntos)/g;
  for (const match of text.matchAll(sentence)) {
    const [before, after, points] = [Number(match[1]), Number(match[2]), Number(match[4])];
    const down = match[3] === 'down' || match[3] === 'bajó';
    if (points !== Math.abs(after - before) || (points > 0 && down !== after < before)) {
      problems.push(`${where}: "${match[0]}" is not the difference of the percents it shows`);
    }
  }
  return problems;
}

function excerpt(text: string, pattern: RegExp): string {
  const at = text.search(pattern);
  return text.slice(Math.max(0, at - 30), at + 30).replace(/\s+/g, ' ');
}

interface Tag {
  name: string;
  closing: boolean;
  attributes: Map<string, string>;
  /** Offset of the text that follows the tag. */
  end: number;
}

function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attributes = new Map([...match[3]!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), decode(a[2] ?? '')]));
    tags.push({ name: match[2]!.toLowerCase(), closing: match[1] === '/', attributes, end: match.index + match[0].length });
  }
  return tags;
}

/** Attributes that hold a link, which is a signed token or a page address, not a figure. */
const LINK_ATTRIBUTES = new Set(['href', 'action', 'src']);
/** SVG and layout attributes that are the same for every trend line drawn. */
const LAYOUT_ATTRIBUTES = new Set(['width', 'height', 'viewbox', 'r', 'stroke-width', 'stroke-dasharray', 'x1', 'x2', 'maxlength']);
/** The trend line's geometry, checked against the figures it draws. */
const GEOMETRY_ATTRIBUTES = new Set(['y1', 'y2', 'points', 'cx', 'cy']);

function htmlProblems(artefact: Artefact): string[] {
  const { body: html, name } = artefact;
  const problems: string[] = [];
  const tags = tagsOf(html);
  const layout = new Map<string, string>();
  let inside: string | undefined;
  let svg: { at: number; tags: Tag[] } | undefined;
  const trends: { svg: Tag[]; text: string }[] = [];
  for (const [index, tag] of tags.entries()) {
    const nextTag = html.indexOf('<', tag.end);
    const following = html.slice(tag.end, nextTag < 0 ? undefined : nextTag);
    if (tag.name === 'style' && !tag.closing) {
      const css = html.slice(tag.end, html.indexOf('</style>', tag.end));
      if (css !== PAGE_CSS && css !== DASHBOARD_CSS) problems.push(`${name}: a stylesheet that is not one of the constant stylesheets`);
      inside = 'style';
      continue;
    }
    if (tag.name === 'style' && tag.closing) inside = undefined;
    if (tag.name === 'svg' && !tag.closing) svg = { at: index, tags: [] };
    if (svg) svg.tags.push(tag);
    if (tag.name === 'svg' && tag.closing && svg) {
      trends.push({ svg: svg.tags, text: cellTextAround(html, tags, svg.at) });
      svg = undefined;
    }
    for (const [attribute, value] of tag.attributes) {
      const where = `${name} <${tag.name} ${attribute}>`;
      if (LINK_ATTRIBUTES.has(attribute) || (svg && GEOMETRY_ATTRIBUTES.has(attribute))) continue;
      if (attribute === 'style') {
        for (const match of value.matchAll(/(\d+(?:\.\d+)?)%/g))
          if (!/^\d+$/.test(match[1]!)) problems.push(`${where}: a percent that is not whole, ${match[0]}`);
        continue;
      }
      if (LAYOUT_ATTRIBUTES.has(attribute)) {
        const key = `${tag.name} ${attribute}`;
        if (layout.has(key) && layout.get(key) !== value) problems.push(`${where}: a layout size that changes, ${layout.get(key)} then ${value}`);
        layout.set(key, value);
        continue;
      }
      problems.push(...textProblems(where, value));
    }
    if (inside !== 'style' && following.trim() !== '')
      problems.push(...textProblems(`${name} text after <${tag.closing ? '/' : ''}${tag.name}>`, decode(following)));
  }
  for (const trend of trends) problems.push(...trendProblems(name, trend.svg, trend.text));
  return problems;
}

/** The interval sentence of the table cell a trend line sits in, which ends with its threshold. */
function cellTextAround(html: string, tags: Tag[], svgIndex: number): string {
  const start = tags.slice(0, svgIndex).findLastIndex((t) => t.name === 'td' && !t.closing);
  const end = tags.findIndex((t, i) => i > svgIndex && t.name === 'td' && t.closing);
  if (start < 0 || end < 0) return '';
  const range = /<span class="range">([^<]*)<\/span>/.exec(html.slice(tags[start]!.end, tags[end]!.end));
  return range ? decode(range[1]!) : '';
}

/**
 * A trend chart draws the percents its text alternative lists, at their whole-percent places
 * on a scale worked out from those percents and the line alone, with its dashed line at the
 * threshold its cell shows and grid lines at tens: no coordinate says more than a figure.
 */
function trendProblems(name: string, svgTags: Tag[], cellText: string): string[] {
  const problems: string[] = [];
  const svg = svgTags[0]!;
  const label = svg.attributes.get('aria-label') ?? '';
  const shown = label
    .slice(label.indexOf(':') + 1)
    .split(',')
    .map((part) => /(\d+)%/.exec(part)?.[1])
    .map((p) => (p === undefined ? undefined : Number(p)));
  const known = shown.map((p, i) => ({ p, i })).filter((entry): entry is { p: number; i: number } => entry.p !== undefined);
  const where = `${name} trend "${label}"`;
  // The cell's details open with the threshold: "Line 40%; ..." / "Umbral 40%; ...".
  const threshold = /\b(?:line|umbral) (\d+)[\s\u00a0]?%/i.exec(cellText)?.[1];
  if (threshold === undefined) return [`${where}: its cell names no threshold`];
  const scale = trendScale(
    known.map((k) => k.p),
    Number(threshold),
  );
  const x = (index: number) => trendX(index, shown.length);
  const y = (percent: number) => trendY(percent, scale);
  const places = new Set(known.map((k) => `${x(k.i)},${y(k.p)}`));
  const drawn = svgTags.filter((t) => t.name === 'polyline' && !t.closing).flatMap((t) => (t.attributes.get('points') ?? '').split(' ').filter(Boolean));
  for (const point of drawn) if (!places.has(point)) problems.push(`${where}: a line passes through ${point}, where no listed percent sits`);
  const dots = svgTags.filter((t) => t.name === 'circle' && !t.closing).map((t) => `${t.attributes.get('cx')},${t.attributes.get('cy')}`);
  if (dots.length !== known.length) problems.push(`${where}: ${dots.length} dots for ${known.length} percents`);
  for (const dot of dots) if (!places.has(dot)) problems.push(`${where}: a dot at ${dot}, where no listed percent sits`);
  const tens = new Set(Array.from({ length: 11 }, (_, i) => y(i * 10)));
  for (const line of svgTags.filter((t) => t.name === 'line' && !t.closing)) {
    const isThreshold = line.attributes.get('class') === 'thr';
    for (const attribute of ['y1', 'y2']) {
      const at = Number(line.attributes.get(attribute));
      if (isThreshold ? at !== y(Number(threshold)) : !tens.has(at))
        problems.push(
          `${where}: ${isThreshold ? `the threshold line's ${attribute} ${at} is not where ${threshold}% sits` : `a grid line at ${at} is not at a ten`}`,
        );
    }
  }
  return problems;
}

/** RFC 4180 fields, quotes and all. */
function csvFields(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted && ch === '"' && csv[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\n') {
      rows.push([...row, field.replace(/\r$/, '')]);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function csvProblems(artefact: Artefact): string[] {
  const problems: string[] = [];
  csvFields(artefact.body).forEach((row, r) =>
    row.forEach((field, c) => {
      const where = `${artefact.name} row ${r + 1} column ${c + 1}`;
      problems.push(...textProblems(where, field));
      // A figure column holds whole numbers, or a list of them with "-" where none was shown.
      if (r > 0 && /^[\d\s.,;-]+$/.test(field) && !field.split(/;\s*/).every((part) => part === '-' || /^\d+$/.test(part)))
        problems.push(`${where}: "${field}" is not whole numbers`);
    }),
  );
  return problems;
}

/** Every precision problem in the artefact, each said in words; none when all is well. */
export function precisionProblems(artefact: Artefact): string[] {
  switch (artefact.kind) {
    case 'html':
      return htmlProblems(artefact);
    case 'csv':
      return csvProblems(artefact);
    case 'text':
      return textProblems(artefact.name, artefact.body);
  }
}

/** How many numbers the artefact holds outside links and stylesheets: a check that the checker read something. */
export function numbersIn(artefact: Artefact): number {
  const body = artefact.kind === 'html' ? artefact.body.replace(/<style>[\s\S]*?<\/style>/g, '') : artefact.body;
  return body.replace(URL, ' ').match(/\d+/g)?.length ?? 0;
}
