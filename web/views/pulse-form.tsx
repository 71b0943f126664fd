import type { FieldProblem } from '../../shared/errors.js';
import { fieldName } from '../../shared/domain/answers.js';
import type { NewsLine } from '../../shared/domain/actions.js';
import type { Item } from '../../shared/domain/instrument.js';
import type { Locale } from '../../shared/domain/locale.js';
import { WORDS } from '../../shared/words/words.js';
import { Layout, Origin, type PageOrigin } from './layout.js';
import { Support } from './outcome-pages.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';

export interface PulseFormProps extends PageOrigin {
  locale: Locale;
  otherLocale: Locale | undefined;
  departmentName: string;
  items: readonly Item[];
  /** Hidden fields that let the submit write without reading the link first. */
  destination: Readonly<Record<string, string>>;
  k: number;
  /** What leaders did since the last pulse, for this department and those above it. */
  news?: readonly NewsLine[];
  /** Answers already chosen, when the form comes back with problems. */
  chosen?: Readonly<Record<string, string>>;
  problems?: readonly FieldProblem[];
  /** The answers came back uncounted: their unit has not yet been sent its links by k people. */
  notYetCounted?: boolean;
  /** The comment sent back spoke of crisis: where to turn now, above everything else. */
  crisisSupport?: OrgConfig['supportResources'] | undefined;
  /** The optional comment, when the organization takes comments: who may read them, and what was typed if the form came back. */
  comment?: { field: string; minRespondents: number; typed?: string | undefined };
}

/**
 * The pulse: one form of fieldsets with real labels, usable with a keyboard, a screen
 * reader and no JavaScript. The language switch is a plain link.
 */
export function PulseForm(props: PulseFormProps) {
  const text = WORDS[props.locale].staffPage;
  const problemFor = new Map((props.problems ?? []).map((p) => [p.field, p.problem]));
  return (
    <Layout locale={props.locale} title={text.title}>
      <header>
        <Origin locale={props.locale} orgName={props.orgName} dates={props.dates} />
        {props.otherLocale && (
          <a class="lang" href={`?lang=${props.otherLocale}`} hreflang={props.otherLocale} lang={props.otherLocale}>
            {WORDS[props.otherLocale].staffPage.languageName}
          </a>
        )}
      </header>
      <h1>{text.title}</h1>
      <p class="dept">
        <span>{text.departmentLabel}: </span>
        <strong>{props.departmentName}</strong>
      </p>
      {props.crisisSupport && props.crisisSupport.length > 0 && (
        <div class="summary crisis">
          <p>{text.crisisBody}</p>
          <Support locale={props.locale} resources={props.crisisSupport} />
          <p class="note">{text.crisisNothingKept}</p>
        </div>
      )}
      {problemFor.size > 0 && (
        <div class="summary" role="alert" id="problems">
          <p>{text.errorSummary}</p>
          <ul>
            {props.items
              .filter((item) => problemFor.has(item.id))
              .map((item) => (
                <li>
                  <a href={`#${fieldName(item.id)}`}>{item.text[props.locale]}</a>
                </li>
              ))}
            {props.comment && problemFor.has(props.comment.field) && (
              <li>
                <a href={`#${props.comment.field}`}>{text.problem[problemFor.get(props.comment.field)!]}</a>
              </li>
            )}
          </ul>
        </div>
      )}
      {props.notYetCounted && (
        <div class="summary" role="alert" id="not-yet-counted">
          <p>{text.notYetCounted}</p>
        </div>
      )}
      {props.news && props.news.length > 0 && (
        <section class="news" aria-labelledby="news-title">
          <h2 id="news-title">{text.newsTitle}</h2>
          <p>{text.newsIntro}</p>
          <ul>
            {props.news.map((line) => (
              <li>
                <strong>{line.title}</strong> ({line.departmentName}): {text.newsStatus[line.status]}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>{text.intro}</p>
      <p class="note">{text.anonymity(props.k)}</p>
      <form method="post">
        <input type="hidden" name="lang" value={props.locale} />
        {Object.entries(props.destination).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {props.items.map((item, index) => {
          const problem = problemFor.get(item.id);
          const name = fieldName(item.id);
          return (
            <fieldset id={name} class={problem ? 'invalid' : undefined} aria-describedby={problem ? `${name}-problem` : undefined}>
              <legend>
                {index + 1}. {item.text[props.locale]}
              </legend>
              {problem && (
                <p class="problem" id={`${name}-problem`}>
                  {text.problem[problem]}
                </p>
              )}
              {item.options.map((option) => (
                <label>
                  <input type="radio" name={name} value={String(option.value)} required checked={props.chosen?.[item.id] === String(option.value)} />
                  <span>{option.label[props.locale]}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
        {props.comment && <CommentField {...props.comment} locale={props.locale} problem={problemFor.get(props.comment.field)} />}
        <button type="submit">{text.submit}</button>
      </form>
    </Layout>
  );
}

/** The one optional free-text question: what a person writes, and who may read it. */
function CommentField(props: {
  field: string;
  minRespondents: number;
  typed?: string | undefined;
  locale: Locale;
  problem: FieldProblem['problem'] | undefined;
}) {
  const text = WORDS[props.locale].staffPage;
  const described = props.problem ? `${props.field}-hint ${props.field}-problem` : `${props.field}-hint`;
  return (
    <div class={props.problem ? 'comment invalid' : 'comment'}>
      <label for={props.field}>{text.commentLabel}</label>
      <p class="note" id={`${props.field}-hint`}>
        {text.commentHint(props.minRespondents)}
      </p>
      {props.problem && (
        <p class="problem" id={`${props.field}-problem`}>
          {text.problem[props.problem]}
        </p>
      )}
      <textarea id={props.field} name={props.field} rows={4} maxlength={1000} aria-describedby={described}>
        {props.typed ?? ''}
      </textarea>
    </div>
  );
}
