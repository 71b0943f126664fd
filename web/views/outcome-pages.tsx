import type { Locale } from '../../shared/domain/locale.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { StaffPageWords } from '../../shared/words/shape.js';
import { WORDS } from '../../shared/words/words.js';
import { Layout } from './layout.js';

/** After answering: thanks, and where to turn for support now. */
export function ThanksPage(props: { locale: Locale; supportResources: OrgConfig['supportResources'] }) {
  const text = WORDS[props.locale].staffPage;
  return (
    <Layout locale={props.locale} title={text.thanksTitle}>
      <h1>{text.thanksTitle}</h1>
      <p>{text.thanksBody}</p>
      {props.supportResources.length > 0 && (
        <section aria-labelledby="support">
          <h2 id="support">{text.supportTitle}</h2>
          <ul class="support">
            {props.supportResources.map((resource) => (
              <li>
                <strong>{resource.label[props.locale]}</strong>:{' '}
                {resource.url ? <a href={resource.url}>{resource.detail[props.locale]}</a> : resource.detail[props.locale]}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="note">{text.closeHint}</p>
    </Layout>
  );
}

export type OutcomeKind = 'unknown' | 'used' | 'expired' | 'busy' | 'error';

const outcomeText = (text: StaffPageWords, kind: OutcomeKind): [title: string, body: string] => {
  switch (kind) {
    case 'unknown':
      return [text.unknownTitle, text.unknownBody];
    case 'used':
      return [text.usedTitle, text.usedBody];
    case 'expired':
      return [text.expiredTitle, text.expiredBody];
    case 'busy':
      return [text.busyTitle, text.busyBody];
    case 'error':
      return [text.errorTitle, text.errorBody];
  }
};

/** A link that cannot be answered, or a failure: what happened, and what to do. */
export function OutcomePage(props: { locale: Locale; kind: OutcomeKind }) {
  const [title, body] = outcomeText(WORDS[props.locale].staffPage, props.kind);
  return (
    <Layout locale={props.locale} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
    </Layout>
  );
}
