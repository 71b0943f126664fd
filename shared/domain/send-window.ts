/** Minutes since local midnight in a time zone. */
function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Whether a department's staff can be sent a link now. A window may wrap midnight
 * ("19:00" to "07:00" for a night shift); no window means any time.
 */
export function withinSendWindow(window: { start: string; end: string } | undefined, timeZone: string, now: Date): boolean {
  if (!window) return true;
  const current = localMinutes(now, timeZone);
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  return start <= end ? current >= start && current < end : current >= start || current < end;
}
