import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { withSnapshot } from '../../scripts/bench/snapshot.js';

describe("the benchmark's snapshot in docs/benchmarks.md", () => {
  it('replaces the dated section with the run’s report and leaves the rest of the page as it was', async () => {
    const page = await readFile('docs/benchmarks.md', 'utf8');
    const written = withSnapshot(page, {
      date: '2027-01-31',
      machine: '2 cores, 24 GiB, Node v22.23.5, 2400 s',
      text: 'Care Pulse benchmark (full)\n  submit.ratio  0.93',
    });
    expect(written).toContain('## As measured on 2027-01-31, this machine\n');
    expect(written).toContain('```\nCare Pulse benchmark (full)\n  submit.ratio  0.93\n```');
    expect(written).not.toMatch(/## As measured on 2026-/);
    const before = page.slice(0, page.search(/^## As measured on/m));
    expect(written.startsWith(before)).toBe(true);
    const after = page.slice(page.indexOf('\n## ', page.search(/^## As measured on/m) + 1) + 1);
    expect(written.endsWith(after)).toBe(true);
    // Written twice, the page has one snapshot, the second.
    const again = withSnapshot(written, { date: '2027-02-01', machine: 'x', text: 'second' });
    expect(again.match(/^## As measured on/gm)).toHaveLength(1);
    expect(again).toContain('second');
  });

  it('refuses a page without the section instead of putting one where nobody looks', () => {
    expect(() => withSnapshot('# Benchmarks\n\n## Signal quality\n', { date: '2027-01-31', machine: 'x', text: 'y' })).toThrow(/no "## As measured on/);
  });
});
