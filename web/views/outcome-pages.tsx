import type { Locale } from '../../shared/domain/locale.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { StaffPageWords } from '../../shared/words/shape.js';
import { WORDS } from '../../shared/words/words.js';
import { Layout, Origin, type PageOrigin } from './layout.js';

type SupportResources = OrgConfig['supportResources'];

/**
 * What a `tel:` link dials: digits and a leading + only. A number written nationally in the
 * North American plan ("1-800-555-0142") is made international, which every phone dials;
 * short codes ("988") and other national numbers stay as written.
 */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trimStart().startsWith('+')) return `tel:+${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `tel:+${digits}`;
  return `tel:${digits}`;
}

/** Where to turn for support now: on every page a person sees once they have answered. */
export function Support(props: { locale: Locale; resources: SupportResources }) {
  const text = WORDS[props.locale].staffPage;
  if (props.resources.length === 0) return null;
  return (
    <section aria-labelledby="support">
      <h2 id="support">{text.supportTitle}</h2>
      <ul class="support">
        {props.resources.map((resource) => (
          <li>
            <strong>{resource.label[props.locale]}</strong>:{' '}
            {resource.url ? <a href={resource.url}>{resource.detail[props.locale]}</a> : resource.detail[props.locale]}
            {resource.phone !== undefined && (
              <span class="tel">
                <a href={telHref(resource.phone)}>{resource.phone}</a>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The thanks page's own props, so what it comes to say for some answers (a crisis notice,
 * placed before support) joins here and in the key its rendering is cached under.
 */
export interface ThanksPageProps extends PageOrigin {
  locale: Locale;
  supportResources: SupportResources;
  /** The comment spoke of self-harm or crisis: support comes first, and the page says nothing was sent. */
  crisis?: boolean;
}

/** After answering: thanks, and where to turn for support now. */
export function ThanksPage(props: ThanksPageProps) {
  const text = WORDS[props.locale].staffPage;
  return (
    <Layout locale={props.locale} title={text.thanksTitle}>
      <Origin locale={props.locale} orgName={props.orgName} dates={props.dates} />
      {props.crisis ? (
        <>
          <h1>{text.crisisTitle}</h1>
          {props.supportResources.length > 0 && <p>{text.crisisBody}</p>}
          <Support locale={props.locale} resources={props.supportResources} />
          <p>{text.crisisNothingSent}</p>
          <h2>{text.thanksTitle}</h2>
          <p>{text.thanksBody}</p>
        </>
      ) : (
        <>
          <h1>{text.thanksTitle}</h1>
          <p>{text.thanksBody}</p>
          <Support locale={props.locale} resources={props.supportResources} />
        </>
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

/**
 * A link that cannot be answered, or a failure: what happened, and what to do. Someone whose
 * link is used has answered, so they get support as the thanks page gives it.
 */
export function OutcomePage(props: PageOrigin & { locale: Locale; kind: OutcomeKind; supportResources?: SupportResources }) {
  const [title, body] = outcomeText(WORDS[props.locale].staffPage, props.kind);
  return (
    <Layout locale={props.locale} title={title}>
      <Origin locale={props.locale} orgName={props.orgName} dates={props.dates} />
      <h1>{title}</h1>
      <p>{body}</p>
      {props.kind === 'used' && <Support locale={props.locale} resources={props.supportResources ?? []} />}
    </Layout>
  );
}
