/**
 * The benchmark's report as printed, kept so a full run can write it into docs/benchmarks.md
 * as that page's dated snapshot: the figures live there, written by the run that measured them.
 */
const printed: string[] = [];

/** Prints a line of the report and keeps it for the snapshot. */
export function report(line: string): void {
  console.log(line);
  printed.push(line);
}

export function printedReport(): string {
  return printed.join('\n').trim();
}

const SNAPSHOT_HEADING = /^## As measured on \d{4}-\d{2}-\d{2}, this machine$/m;

/**
 * The page with its snapshot section (heading to the next `## `) replaced by this run's:
 * its date, what it ran on, and the report as printed. Throws when the page has no such
 * section, rather than adding one somewhere a reader would not look.
 */
export function withSnapshot(page: string, snapshot: { date: string; machine: string; text: string }): string {
  const heading = SNAPSHOT_HEADING.exec(page);
  if (!heading) throw new Error('docs/benchmarks.md has no "## As measured on <date>, this machine" section to replace.');
  const next = page.indexOf('\n## ', heading.index + heading[0].length);
  const section = [
    `## As measured on ${snapshot.date}, this machine`,
    '',
    `Snapshot written by a full \`npm run bench\` (${snapshot.machine}). The machine is shared and`,
    'noisy: read the ratios, not the absolute times.',
    '',
    '```',
    snapshot.text,
    '```',
    '',
  ].join('\n');
  return page.slice(0, heading.index) + section + (next === -1 ? '' : page.slice(next + 1));
}
