import type { DomainFigure } from './evaluate-hotspots.js';
import { openingDayOf, percent } from './leader-findings.js';
import type { Locale } from './locale.js';
import { WORDS } from '../words/words.js';

/**
 * A finding as a leader reads it first: who, how many, what they said. A domain asked with one
 * question counts people; one with several averages its questions, so its share is of answers.
 */
export function plainFinding(label: string, figure: DomainFigure, n: number, locale: Locale): string {
  const text = WORDS[locale].leader;
  return text.plainFinding({ label, share: percent(figure.share), n, problem: text.problem[figure.domain], people: figure.items.length === 1 });
}

/**
 * The statistics behind a figure's tag, the same in the digest and on the dashboard: its line,
 * this pulse's interval, for a figure above the line how likely it is above it and over which
 * pulses (and whether the organization's other departments were read), the baseline its trend
 * was tested against with the pulses on both sides named by their days, and its streak.
 */
export function figureStatistics(figure: DomainFigure, locale: Locale): string {
  const text = WORDS[locale].leader;
  const day = dayOfPulse(locale);
  // Wave ids begin with the day they opened, so they sort oldest first.
  const span = (waveIds: readonly string[]) => {
    const sorted = [...waveIds].sort();
    return { pulses: sorted.length, first: day(sorted[0] ?? ''), last: day(sorted.at(-1) ?? '') };
  };
  // Above the line as decided, never recomputed from the share: a reader must not learn from the
  // text which side of a whole percent the exact share fell.
  const estimate = figure.estimate && figure.status !== 'ok' ? figure.estimate : undefined;
  const trend = figure.trend;
  const parts = [
    text.statLine(percent(figure.threshold)),
    figure.pooled && !figure.estimate
      ? text.statPooled({ share: percent(figure.pooled.share), n: figure.pooled.n, low: percent(figure.pooled.low), high: percent(figure.pooled.high) })
      : text.statInterval(percent(figure.low), percent(figure.high)),
    ...(estimate
      ? [
          text.statEstimate({
            above: percent(estimate.above),
            bar: percent(estimate.bar),
            pulses: estimate.waveIds.length,
            read: estimate.read,
            since: day(estimate.waveIds[0] ?? ''),
            share: percent(estimate.share),
            n: estimate.n,
            borrowed: estimate.borrowed,
            barLoweredFor: estimate.barLoweredFor,
          }),
        ]
      : []),
    trend
      ? trend.worsening
        ? text.statRising({ baseline: percent(trend.baselineShare), ...span(trend.baselineWaveIds), recent: trend.recentWaveIds?.length ?? 1 })
        : text.statRecent({ baseline: percent(trend.baselineShare), ...span(trend.baselineWaveIds) })
      : text.statFirst,
    ...(figure.hotspotStreak > 1 ? [text.statStreak(figure.hotspotStreak)] : []),
  ];
  const joined = parts.join('; ');
  return `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`;
}

// Made once, on first use: a formatter costs far more to make than to use, and a large
// organization's dashboard explains thousands of figures; made at import, it would slow every
// cold start of the API, most of which explain none.
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * A pulse named by the day it opened, from its id: "Nov 3"; in Spanish the month in full ("3
 * de noviembre"), as its short form of May reads as English.
 */
function dayOfPulse(locale: Locale): (waveId: string) => string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone: 'UTC', month: locale === 'es' ? 'long' : 'short', day: 'numeric' });
    dayFormats.set(locale, format);
  }
  return (waveId) => {
    const opened = openingDayOf(waveId);
    return opened ? format.format(opened) : waveId;
  };
}
