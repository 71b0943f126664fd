import { raw } from 'hono/html';
import type { Locale } from '../../shared/domain/locale.js';
import type { LocalizedText } from '../../shared/domain/locale.js';
import { pulseDays, type Wave } from '../../shared/domain/wave.js';
import { enCards } from '../../shared/words/en.js';
import { esCards } from '../../shared/words/es.js';
import type { CardWords } from '../../shared/words/shape.js';
import { WORDS } from '../../shared/words/words.js';

/** A printed card's words in each language. */
export const CARD_WORDS: Record<Locale, CardWords> = { en: enCards, es: esCards };

/** One printed card: its link, and the QR code of that link as inline SVG. */
export interface PrintedCard {
  link: string;
  qrSvg: string;
}

export interface CardSheetProps {
  /** Every language a card carries, the sheet's own first: whoever is handed a card can read it. */
  locales: readonly [Locale, ...Locale[]];
  orgName: string;
  departmentName: LocalizedText;
  wave: Pick<Wave, 'openedAt' | 'closesAt'>;
  timeZone: string;
  cards: readonly PrintedCard[];
}

/**
 * On paper: two columns of three cards to an A4 or Letter page, each cut out along its dashed
 * border; on a phone, one column. Sizes in millimetres and points so what prints is what was
 * measured; only the sheet's own heading and instructions stay off the paper.
 */
const SHEET_CSS = `
@page{margin:10mm}
*{box-sizing:border-box}
body{margin:0;font:10pt/1.25 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff}
main{max-width:200mm;margin:0 auto;padding:4mm}
h1{font-size:15pt;margin:0 0 2mm}
.intro p{margin:0 0 2mm;max-width:160mm}
.warn{font-weight:600}
.cards{list-style:none;margin:4mm 0 0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,95mm),1fr))}
.card{border:1px dashed #444;padding:3mm 4mm;break-inside:avoid;page-break-inside:avoid;display:flex;flex-direction:column;gap:.8mm}
.card p{margin:0}
.card-org{font-weight:700}
.card h2{font-size:12pt;margin:0;line-height:1.2}
.card h2 span{font-weight:400}
.dept{font-size:8.5pt}
.qr-row{display:flex;gap:3mm;align-items:flex-start;margin:.5mm 0}
.qr{flex:none;width:30mm;height:30mm}
.when p{font-size:9pt}
.when p+p{margin-top:1.5mm}
.type{font-size:8.5pt}
.link{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;line-height:1.2}
.base{display:block;font-size:9pt;overflow-wrap:anywhere}
.token{display:block;font-size:14pt;font-weight:700;letter-spacing:.03em;overflow-wrap:anywhere}
.anon{font-size:7.5pt}
@media print{
main{max-width:none;padding:0}
.intro{display:none}
.cards{margin:0;grid-template-columns:repeat(2,95mm);grid-auto-rows:minmax(85mm,auto)}
}
`.replace(/\n/g, '');

/** When the pulse stops taking answers, as the card's reader counts days and hours. */
function closingTime(closesAt: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(closesAt));
}

/** Text in one language, marked as such when it is not the page's. */
function In(props: { locale: Locale; page: Locale; children: unknown }) {
  return props.locale === props.page ? <>{props.children}</> : <span lang={props.locale}>{props.children}</span>;
}

/** The printable sheet of a department's one-time cards for one pulse: a whole HTML document. */
export function CardSheet(props: CardSheetProps) {
  const [first] = props.locales;
  const words = (locale: Locale) => ({ ...WORDS[locale], cards: CARD_WORDS[locale] });
  const when = (locale: Locale) =>
    words(locale).cards.when(
      pulseDays(props.wave, props.timeZone, locale, words(locale).staffPage.rangeJoin),
      closingTime(props.wave.closesAt, props.timeZone, locale),
    );
  const title = words(first).cards.sheetTitle(props.departmentName[first]);
  // A name the same in two languages is said once.
  const both = (pick: (locale: Locale) => string, separator: string) =>
    props.locales
      .filter((locale, index) => index === 0 || pick(locale) !== pick(first))
      .map((locale, index) => (
        <>
          {index > 0 && separator}
          <In locale={locale} page={first}>
            {pick(locale)}
          </In>
        </>
      ));
  const card = (printed: PrintedCard) => {
    const split = printed.link.lastIndexOf('/') + 1;
    return (
      <li class="card">
        <p class="card-org">{props.orgName}</p>
        <h2>{both((locale) => words(locale).staffPage.title, ' · ')}</h2>
        <p class="dept">{both((locale) => props.departmentName[locale], ' · ')}</p>
        <div class="qr-row">
          {raw(printed.qrSvg)}
          <div class="when">{props.locales.map((locale) => (locale === first ? <p>{when(locale)}</p> : <p lang={locale}>{when(locale)}</p>))}</div>
        </div>
        <p class="type">{both((locale) => words(locale).cards.typeLink, ' / ')}</p>
        <p class="link">
          <span class="base">{printed.link.slice(0, split)}</span>
          <span class="token">{printed.link.slice(split)}</span>
        </p>
        {props.locales.map((locale) =>
          locale === first ? (
            <p class="anon">{words(locale).cards.anonymity}</p>
          ) : (
            <p class="anon" lang={locale}>
              {words(locale).cards.anonymity}
            </p>
          ),
        )}
      </li>
    );
  };
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={first}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{title}</title>
          <style dangerouslySetInnerHTML={{ __html: SHEET_CSS }} />
        </head>
        <body>
          <main>
            <div class="intro">
              <h1>{title}</h1>
              <p>{words(first).cards.sheetIntro(props.cards.length, closingTime(props.wave.closesAt, props.timeZone, first))}</p>
              <p class="warn">{words(first).cards.sheetWarning}</p>
            </div>
            <ul class="cards">{props.cards.map(card)}</ul>
          </main>
        </body>
      </html>
    </>
  );
}
