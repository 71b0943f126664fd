import type { Dashboard } from './dashboard.js';
import type { Domain } from './instrument.js';
import { commentSectionLabel, type CommentSection } from './comments.js';
import { KIND_ORDER } from './leader-findings.js';
import type { Locale } from './locale.js';
import type { OrgConfig } from './org-config.js';
import { WORDS } from '../words/words.js';

/**
 * The dashboard's table as CSV, exactly as the page shows it: one row per group, per kind the
 * share, its 95% interval, status, whether it is rising and the earlier pulses' shares.
 * Whole percents, like the page, so the file holds nothing the page does not.
 */
export function dashboardCsv(dashboard: Dashboard): string {
  const domains = KIND_ORDER.filter((domain) => dashboard.rows.some((row) => row.cells.some((c) => c.domain === domain)));
  const kinds = WORDS[dashboard.locale].leader.kind;
  const words = WORDS[dashboard.locale].leader.csv;
  const name = (domain: Domain) => kinds[domain].charAt(0).toUpperCase() + kinds[domain].slice(1);
  const withReferences = new Set(
    domains.filter((domain) => dashboard.rows.some((row) => row.cells.some((c) => c.domain === domain && c.references.length > 0))),
  );
  const header = [
    words.group,
    words.answered,
    words.staff,
    ...domains.flatMap((d) => [
      `${name(d)} %`,
      `${name(d)} ${words.low}`,
      `${name(d)} ${words.high}`,
      `${name(d)} ${words.status}`,
      `${name(d)} ${words.rising}`,
      `${name(d)} ${words.earlier}`,
      ...(withReferences.has(d) ? [`${name(d)} ${words.references}`] : []),
    ]),
  ];
  const whole = (x: number) => String(Math.round(x * 100));
  const rows = dashboard.rows.map((row) => [
    row.label,
    String(row.n),
    String(row.staff),
    ...domains.flatMap((domain) => {
      const cell = row.cells.find((c) => c.domain === domain);
      if (!cell) return ['', '', '', '', '', '', ...(withReferences.has(domain) ? [''] : [])];
      return [
        whole(cell.share),
        whole(cell.low),
        whole(cell.high),
        words.statuses[cell.status],
        cell.worsening ? words.yes : words.no,
        // In words: a lone "-" reads as a formula's start, and the guard below made it "'-".
        cell.history.map((h) => (h === undefined ? words.notPublished : whole(h))).join('; '),
        ...(withReferences.has(domain) ? [cell.references.map((r) => r.label).join('; ')] : []),
      ];
    }),
  ]);
  return csv([header, ...rows]);
}

/**
 * The comments page as CSV, for an organization that lets leaders download it: one row per
 * comment, in the page's random order, with its group and themes.
 */
export function commentsCsv(org: OrgConfig, sections: readonly CommentSection[], locale: Locale): string {
  const words = WORDS[locale].leader;
  const rows = sections.flatMap((section) => {
    const group = commentSectionLabel(org, section, locale);
    return section.quotes.map((quote) => [group, quote.themes.map((theme) => words.comments.theme[theme]).join('; '), quote.text]);
  });
  return csv([[words.csv.group, words.comments.themesLabel, words.comments.comment], ...rows]);
}

function csv(lines: readonly (readonly string[])[]): string {
  const field = (value: string) => {
    // A spreadsheet runs a cell that starts like a formula; names come from config files, comments from anyone.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  // The byte-order mark tells Excel the file is UTF-8; without it "Recepción" came out garbled.
  return '\uFEFF' + lines.map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
}
