import type { OrgConfig } from './org-config.js';
import type { Wave } from './wave.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** A schedule for EventBridge Scheduler, in the organization's time zone. */
export interface ScheduleSpec {
  name: 'open' | 'remind' | 'close' | 'tick' | 'alerts';
  description: string;
  /** `cron(...)` fields, or a rate for the tick. */
  cron?: { minute: string; hour: string; weekDay?: string };
  rateMinutes?: number;
}

/**
 * The schedules one organization needs. Opening follows the cadence (weekly cron, with
 * every-other-week and monthly decided by the gates below, since cron cannot count
 * weeks); remind and close run daily at the same hour and act only when it is their day,
 * which works for every cadence and survives a missed run.
 */
export function scheduleSpecs(org: Pick<OrgConfig, 'cadence'>): ScheduleSpec[] {
  const [hour, minute] = org.cadence.openAt.split(':').map((part) => String(Number(part))) as [string, string];
  const day = org.cadence.openDay.toUpperCase();
  return [
    {
      name: 'open',
      description: `Open a wave (${org.cadence.every}, ${day} ${org.cadence.openAt})`,
      cron: { minute, hour, weekDay: org.cadence.every === 'month' ? `${day}#1` : day },
    },
    { name: 'remind', description: `Remind everyone in the open wave after ${org.cadence.remindAfterDays} days`, cron: { minute, hour } },
    { name: 'close', description: `Close the wave after ${org.cadence.openForDays} days`, cron: { minute, hour } },
    { name: 'tick', description: 'Send what waited for a send window; close a wave past its time', rateMinutes: 60 },
    // An hour after the close run: the newest closed wave's digests, once per leader.
    { name: 'alerts', description: 'Email leaders their digest for the newest closed wave', cron: { minute, hour: String((Number(hour) + 1) % 24) } },
  ];
}

const MIN_GAP_DAYS: Record<OrgConfig['cadence']['every'], number> = { week: 6, '2weeks': 13, month: 27 };

/** Whether the open schedule should open a wave now: none open, and the cadence's gap has passed. */
export function isOpenDue(org: Pick<OrgConfig, 'cadence'>, waves: readonly Wave[], now: Date): boolean {
  if (waves.some((w) => w.status === 'open')) return false;
  const last = Math.max(0, ...waves.map((w) => Date.parse(w.openedAt)));
  return now.getTime() - last >= MIN_GAP_DAYS[org.cadence.every] * DAY_MS;
}

/** Whether the daily remind run should remind now (once, on or after the reminder day). */
export function isReminderDue(org: Pick<OrgConfig, 'cadence'>, wave: Wave, now: Date): boolean {
  return !wave.reminderRequested && now.getTime() - Date.parse(wave.openedAt) >= org.cadence.remindAfterDays * DAY_MS - 12 * HOUR_MS;
}

/** Whether the daily close run should close now (from an hour before the closing time). */
export function isCloseDue(wave: Wave, now: Date): boolean {
  return now.getTime() >= Date.parse(wave.closesAt) - HOUR_MS;
}
