import { createHash } from 'node:crypto';

/**
 * The pages' only stylesheet, inlined so a phone on a weak signal needs one request; the
 * CSP allows exactly this text by its hash, so no other inline style or script can run.
 * Mobile first: one column, 16px+ text, tap targets of at least 44px, visible focus.
 */
export const PAGE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
.org{margin:0;font-size:.95rem;color:#41505f}
.org strong{display:block;color:#1b1f24}
.dept{margin:0 0 .75rem;font-size:.95rem;color:#41505f}
.lang{font-size:.95rem;color:#0b5cad;padding:.5rem 0}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}
p{margin:.5rem 0 1rem}
.note{font-size:.95rem;color:#41505f}
.news{margin:0 0 1rem;padding:.75rem 1rem;background:#fff;border-left:4px solid #1f7a4d;border-radius:.375rem}
.news h2{font-size:1.05rem;margin:0 0 .25rem}
.news p{margin:0 0 .25rem;font-size:.95rem}
.news ul{margin:0;padding-left:1.25rem}
fieldset{border:0;margin:0 0 1rem;padding:1rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
fieldset.invalid{outline:2px solid #b3261e}
legend{float:left;width:100%;padding:0;margin-bottom:.75rem;font-weight:600}
legend+*{clear:left}
label{display:flex;align-items:center;gap:.75rem;min-height:2.75rem;padding:.5rem .75rem;margin:.25rem 0;border:1px solid #c5ced8;border-radius:.375rem;background:#fff;cursor:pointer}
input[type=radio]{width:1.25rem;height:1.25rem;margin:0;flex:none;accent-color:#0b5cad}
label:has(input:checked){border-color:#0b5cad;background:#e8f1fb}
.problem{color:#b3261e;font-weight:600;margin:0 0 .5rem}
.summary{border:2px solid #b3261e;background:#fff;padding:.75rem 1rem;border-radius:.5rem}
.summary a{color:#b3261e}
button{display:block;width:100%;min-height:3rem;font:inherit;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:.5rem;padding:.75rem 1rem;cursor:pointer}
a:focus,button:focus,input:focus{outline:3px solid #f2a900;outline-offset:2px}
ul.support{padding-left:1.25rem}
ul.support li{margin:0 0 .5rem}
.tel{display:block;white-space:nowrap}
.tel a{display:inline-block;min-height:2.75rem;padding:.5rem 0;color:#0b5cad;font-weight:600}
.comment{margin:0 0 1rem;padding:1rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.comment.invalid{outline:2px solid #b3261e}
.comment label{display:block;min-height:0;padding:0;margin:0;border:0;font-weight:600;cursor:auto}
textarea{display:block;width:100%;min-height:6rem;font:inherit;padding:.5rem .75rem;border:1px solid #8a96a3;border-radius:.375rem;background:#fff;color:inherit}
textarea:focus{outline:3px solid #f2a900;outline-offset:2px}
ul.themes{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem;padding:0;list-style:none}
ul.themes li{padding:.125rem .625rem;border-radius:1rem;background:#e8f1fb;font-size:.95rem;white-space:nowrap}
ul.quotes{margin:0 0 1.5rem;padding:0;list-style:none}
ul.quotes li{margin:0 0 .5rem;padding:.75rem 1rem;background:#fff;border-left:4px solid #8a96a3;border-radius:.375rem;overflow-wrap:break-word}
ul.quotes q{display:block;quotes:none}
.quote-themes{display:block;margin-top:.25rem;font-size:.9rem;color:#41505f}
`.replace(/\n/g, '');

/** The CSP source expression that allows exactly {@link PAGE_CSS}. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/**
 * The leader dashboard's stylesheet: wider, with a table that scrolls sideways on a phone.
 * Separate from {@link PAGE_CSS} so the pulse page stays as small as it is. The local
 * outbox's pages share it; their rules name only `outbox-` classes no other page uses.
 */
export const DASHBOARD_CSS = `
main.wide{max-width:72rem}
main.wide h2{font-size:1.2rem;margin:1rem 0 .25rem}
.scroll{overflow-x:auto;background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:.5rem .625rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}
thead th{white-space:nowrap}
th[scope=row]{position:sticky;left:0;min-width:8rem;max-width:15rem;z-index:1}
.d1{padding-left:1.5rem}.d2{padding-left:2.5rem}.d3{padding-left:3.5rem}
.share{font-size:1.05rem;font-weight:600}
.range,.earlier,.rate,.limit,.ref{display:block;font-size:.8rem;font-weight:400;color:#41505f}
.tag{display:inline-block;font-size:.75rem;font-weight:700;padding:0 .375rem;border-radius:.25rem;margin-left:.25rem}
.hotspot{color:#fff;background:#b3261e}
.watch{color:#1b1f24;background:#f2c94c}
.rising{color:#8a4b00;border:1px solid #8a4b00}
.persistent{color:#fff;background:#5b1a14}
dl.legend{font-size:.9rem;color:#41505f}
ul.attention{padding-left:1.25rem}
ul.attention a{color:#0b5cad;font-weight:600}
tr:target{outline:3px solid #f2a900}
dl.legend dt{font-weight:600;display:inline}
.actions h3{font-size:1.05rem;margin:1rem 0 .25rem}
ul.actions{list-style:none;padding:0;margin:0}
li.action{background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.08);padding:.5rem .75rem;margin:0 0 .5rem}
li.action p{margin:.25rem 0}
.done{color:#fff;background:#1f7a4d}
.open{color:#1b1f24;border:1px solid #41505f}
.measured{font-weight:600}
form.inline,form.commit{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
form.commit{background:#fff;border-radius:.5rem;padding:.75rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
form.inline label,form.commit label{display:flex;flex-direction:column;gap:.25rem;font-size:.9rem;min-height:0;border:0;padding:0;margin:0;background:none}
form.commit label{flex:1 1 16rem}
form.inline button,form.commit button{width:auto;min-height:2.75rem}
select,input[type=text],input[type=date]{font:inherit;min-height:2.75rem;padding:.25rem .5rem;border:1px solid #c5ced8;border-radius:.375rem;background:#fff;max-width:100%}
dl.legend dd{display:inline;margin:0 1rem 0 .25rem}
.trend{display:block;margin:.25rem 0 0}
.trend text{font-size:9px;fill:#41505f}
.trend .grid{stroke:#e3e8ee;stroke-width:1}
.trend line.thr{stroke:#b3261e;stroke-width:1;stroke-dasharray:3 2}
.trend text.thr{fill:#8c1d18}
.trend polyline{fill:none;stroke:#0b5cad;stroke-width:1.75}
.trend circle{fill:#0b5cad}
.trend .now{font-size:10px;font-weight:700;fill:#1b1f24}
details{font-size:.8rem;color:#41505f}
summary{cursor:pointer;color:#0b5cad;padding:.125rem 0}
main.wide h3{font-size:1rem;margin:.75rem 0 .25rem}
.heatwrap{overflow-x:auto;margin:.25rem 0}
table.heat{width:100%;font-size:.85rem;background:#fff;border-collapse:separate;border-spacing:2px}
table.heat th,table.heat td{padding:.25rem;border:0;vertical-align:middle}
table.heat thead th{white-space:normal;font-size:.7rem;text-align:center;min-width:0}
table.heat th[scope=row]{min-width:0;width:30%;max-width:12rem;font-weight:400;font-size:.8rem;overflow-wrap:normal}
table.heat td{text-align:center;white-space:nowrap;font-weight:600;min-width:2.75rem}
table.heat td a{display:block;color:inherit;text-decoration:none;min-height:1.5rem;line-height:1.2}
table.heat .mk{display:block;font-size:.75rem;line-height:1}
table.heat td a:focus,table.heat td a:hover{text-decoration:underline}
.h-hotspot{background:#b3261e;color:#fff}
.h-watch{background:#f2c94c;color:#1b1f24}
.h-ok{background:#dcefe3;color:#1b1f24}
.h-none{background:#f6f8fa;color:#41505f}
table.heat td.h-hidden{background:#eef1f4;color:#41505f;font-weight:400;font-style:italic;white-space:normal;text-align:left;font-size:.8rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:45rem){
.scroll{overflow:visible;background:none;box-shadow:none}
table.figures,table.figures tbody,table.figures tr,table.figures th,table.figures td{display:block;width:auto}
table.figures thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table.figures tr{background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.08);margin:0 0 .75rem}
table.figures th[scope=row]{position:static;max-width:none;border-radius:.5rem .5rem 0 0}
table.figures .d1,table.figures .d2,table.figures .d3{padding-left:.625rem}
table.figures td{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .5rem;border-bottom:1px solid #eef1f4}
table.figures td::before{content:attr(data-label);flex:0 0 7rem;font-weight:600;color:#41505f}
table.figures td details,table.figures td .trend{flex-basis:100%}
table.heat .d1{padding-left:.75rem}table.heat .d2{padding-left:1.25rem}table.heat .d3{padding-left:1.75rem}
table.heat thead th+th{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;text-align:left;vertical-align:top;padding:.375rem .25rem}
}
.outbox-list{list-style:none;padding:0;margin:0}
.outbox-list>li{background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.08);padding:.5rem .75rem;margin:0 0 .75rem}
main.wide .outbox-list h2{font-size:1.05rem;margin:.25rem 0}
.outbox-list p{margin:.25rem 0;overflow-wrap:anywhere}
.outbox-meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0 0 1rem}
.outbox-meta dt{font-weight:600}
.outbox-meta dd{margin:0;overflow-wrap:anywhere}
.outbox-frame{display:block;width:100%;height:75vh;min-height:20rem;border:1px solid #c5ced8;border-radius:.5rem;background:#fff}
.outbox-text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.9rem;background:#fff;border-radius:.5rem;padding:.75rem;margin:0 0 1rem}
`.replace(/\n/g, '');

export const DASHBOARD_CSS_HASH = `'sha256-${createHash('sha256').update(DASHBOARD_CSS).digest('base64')}'`;
