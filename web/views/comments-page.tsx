import { commentSectionLabel, commentThreshold, type CommentSection } from '../../shared/domain/comments.js';
import { pulseDays, type Wave } from '../../shared/domain/wave.js';
import type { Locale } from '../../shared/domain/locale.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { WORDS } from '../../shared/words/words.js';
import { Layout } from './layout.js';

export interface CommentsPageProps {
  org: OrgConfig;
  locale: Locale;
  link: string;
  /** The closed pulse the comments belong to. */
  wave: Wave;
  sections: readonly CommentSection[];
  /** Shown groups in the leader's view whose comments stay hidden. */
  withheld: number;
}

/**
 * What staff wrote in the newest closed pulse, by group, each comment once and in random
 * order. Text only: a comment is put on the page as text, never as markup.
 */
export function CommentsPage(props: CommentsPageProps) {
  const t = WORDS[props.locale].leader.comments;
  const total = props.sections.reduce((sum, section) => sum + section.quotes.length, 0);
  return (
    <Layout locale={props.locale} title={t.title}>
      <p>
        <a href={`/d/${props.link}`}>{t.back}</a>
      </p>
      <h1>{t.title}</h1>
      <p>
        {t.intro(pulseDays(props.wave, props.org.timeZone, props.locale, WORDS[props.locale].staffPage.rangeJoin), commentThreshold(props.org, props.wave))}
      </p>
      <p class="note">{t.scrubbed}</p>
      {total === 0 && <p>{t.none}</p>}
      {props.withheld > 0 && <p class="note">{t.withheld(props.withheld, commentThreshold(props.org, props.wave))}</p>}
      {props.org.comments.csv && total > 0 && (
        <p>
          <a href={`/d/${props.link}/comments/csv`} download="comments.csv">
            {t.downloadCsv}
          </a>
        </p>
      )}
      {props.sections.map((section, index) => {
        return (
          <section aria-labelledby={`comments-${index}`} class="comments">
            <h2 id={`comments-${index}`}>{commentSectionLabel(props.org, section, props.locale)}</h2>
            <p class="note">{t.count(section.quotes.length)}</p>
            {section.themes.length > 0 && (
              <ul class="themes" aria-label={t.themesLabel}>
                {section.themes.map(({ theme, count }) => (
                  <li>
                    {t.theme[theme]} <span class="count">{count}</span>
                  </li>
                ))}
              </ul>
            )}
            <ul class="quotes">
              {section.quotes.map((quote) => (
                <li>
                  <q>{quote.text}</q>
                  {quote.themes.length > 0 && <span class="quote-themes">{quote.themes.map((theme) => t.theme[theme]).join(' · ')}</span>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
