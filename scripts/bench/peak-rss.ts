import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in MB: VmHWM in /proc where there is one, because
 * Linux carries a parent's resident memory at the moment it started a child into the
 * child's `maxRSS` (a process started by a 600 MB parent reports 325 MB doing nothing),
 * while VmHWM belongs to the program the child runs alone. Elsewhere, maxRSS.
 */
export function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb !== undefined) return Math.round(Number(kb) / 1024);
  } catch {
    // No /proc: not Linux.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
