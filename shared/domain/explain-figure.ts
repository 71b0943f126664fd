import type { DomainFigure } from './evaluate-hotspots.js';
import { percent } from './leader-findings.js';
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
 * The statistics behind a figure's tag, the same in the digest and on the dashboard: its
 * line, the interval that decided it (the two pulses together when they did), the baseline
 * its trend was tested against and how many pulses that is, and its streak.
 */
export function figureStatistics(figure: DomainFigure, locale: Locale): string {
  const text = WORDS[locale].leader;
  const parts = [
    text.statLine(percent(figure.threshold)),
    figure.pooled
      ? text.statPooled({ share: percent(figure.pooled.share), n: figure.pooled.n, low: percent(figure.pooled.low), high: percent(figure.pooled.high) })
      : text.statInterval(percent(figure.low), percent(figure.high)),
    figure.trend
      ? (figure.trend.worsening ? text.statRising : text.statRecent)(percent(figure.trend.baselineShare), figure.trend.baselineWaveIds.length)
      : text.statFirst,
    ...(figure.hotspotStreak > 1 ? [text.statStreak(figure.hotspotStreak)] : []),
  ];
  const joined = parts.join('; ');
  return `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`;
}
