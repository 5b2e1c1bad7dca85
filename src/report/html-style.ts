// The report's only stylesheet, inlined (nothing is fetched): screen and print alike, each document on
// a new A4 page in print (docs/report.md).

export const REPORT_CSS = `
:root { --ink:#1b1f24; --muted:#5b6570; --rule:#d6dbe0; --soft:#f4f6f8;
  --high:#b3261e; --medium:#b35c00; --low:#8a6d00; --info:#4a5866; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt; color: var(--ink); line-height: 1.42; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
h4 { font-size: .95rem; margin: .8rem 0 .3rem; }
p { margin: .35rem 0 .6rem; }
a { color: inherit; }
a.ref { text-decoration: underline dotted; }
.refpath { display: block; color: var(--muted); font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
code, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: .86em; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
.none, .cut { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .7rem; table-layout: auto; }
th, td { text-align: left; vertical-align: top; padding: .22rem .45rem; border: 1px solid var(--rule); overflow-wrap: anywhere; word-break: break-word; }
th { background: var(--soft); font-weight: 600; overflow-wrap: normal; word-break: normal; hyphens: manual; }
table.kv > tbody > tr > th, table.kv > tr > th { width: 28%; }
thead { display: table-header-group; }
/* Keep short rows whole across pages; an evidence row can be taller than a page and must split. */
tr { break-inside: avoid; page-break-inside: avoid; }
table.ev.kv > tbody > tr, table.ev.kv > tr { break-inside: auto; page-break-inside: auto; }
table.ev { font-size: .9em; margin: .2rem 0 .4rem; }
table.ev table.ev { margin: 0; font-size: 1em; }
.countbar { display: inline-block; width: 5rem; height: .6em; background: #eee; vertical-align: middle; }
.countbar .bar { display: block; height: 100%; background: #777; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
ol.ev-list { margin: 0; padding-left: 1.3rem; }
.sev { display: inline-block; min-width: 4.2em; text-align: center; padding: .05rem .4rem; border-radius: .25rem; color: #fff; font-weight: 700; font-size: .8em; text-transform: uppercase; letter-spacing: .03em; }
.sev-high { background: var(--high); } .sev-medium { background: var(--medium); } .sev-low { background: var(--low); } .sev-info { background: var(--info); }
.verdict { display: inline-block; padding: .05rem .5rem; border-radius: .25rem; border: 1.5px solid currentColor; font-weight: 700; text-transform: uppercase; font-size: .85em; }
.verdict-fake { color: var(--high); } .verdict-suspect { color: var(--medium); } .verdict-authentic { color: #1e6b35; } .verdict-unresolved { color: var(--muted); }
.tag { display: inline-block; background: var(--soft); border: 1px solid var(--rule); border-radius: .8rem; padding: 0 .5rem; margin: 0 .2rem .1rem 0; font-size: .9em; }
.note { white-space: pre-wrap; background: #fffbe6; border-left: 4px solid #e0c341; padding: .4rem .6rem; margin: .3rem 0 .6rem; }
.score { font-size: 1.1em; font-weight: 700; }
.summary-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; }
.counts td.n, .counts th.n { text-align: right; width: 6.5rem; white-space: nowrap; overflow-wrap: normal; word-break: normal; }
table.checks .version { white-space: nowrap; }
table.toc .n, table.toc .sevs { text-align: right; white-space: nowrap; }
table.toc .sevs { text-align: left; }
table.toc .path { display: block; color: var(--muted); font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: .82em; }
section.document { margin-top: 2rem; }
section.document > h2 { border-bottom-width: 3px; }
.docpath { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: .85em; color: var(--muted); overflow-wrap: anywhere; margin: -.3rem 0 .6rem; }
.headline { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: baseline; margin: .2rem 0 .6rem; }
ol.locator { margin: .2rem 0 .6rem; padding-left: 1.4rem; }
ol.locator li { overflow-wrap: anywhere; }
.finding { border: 1px solid var(--rule); border-left: 5px solid var(--info); padding: .45rem .7rem .3rem; margin: .6rem 0 .8rem; }
.finding.sev-border-high { border-left-color: var(--high); } .finding.sev-border-medium { border-left-color: var(--medium); } .finding.sev-border-low { border-left-color: var(--low); }
.finding-head { break-after: avoid; page-break-after: avoid; }
.finding-head .check { color: var(--muted); font-size: .85em; }
.finding .message { font-weight: 600; margin: .3rem 0 .4rem; }
.finding .label { font-size: .82em; font-weight: 700; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; margin: .45rem 0 .15rem; break-after: avoid; page-break-after: avoid; }
.finding ul { margin: .1rem 0 .4rem; padding-left: 1.2rem; }
.finding .about { font-size: .92em; }
table.legend td { border: none; padding: .12rem .4rem .12rem 0; }
table.legend td:first-child { width: 6rem; }
.sev, .verdict { white-space: nowrap; overflow-wrap: normal; word-break: normal; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85em; border-top: 1px solid var(--rule); padding-top: .4rem; }
@page { size: A4; margin: 15mm 14mm 17mm;
  @bottom-left { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.5pt; color: #5b6570; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.5pt; color: #5b6570; } }
@media print {
  html { font-size: 9.5pt; }
  section.method { font-size: .96em; }
  section.method p { margin: .2rem 0 .4rem; }
  section.method h3 { margin: .8rem 0 .3rem; }
  body { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.document { break-before: page; page-break-before: always; margin-top: 0; }
  section.method { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  a.ref { text-decoration: none; }
}
`;

/** The left page footer in print ("Verity report, generated ..."): only letters, digits and a few
 * marks reach the CSS string, so no value can close it. */
export function pageFooterCss(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9 :.,()-]/g, '');
  return `@page { @bottom-left { content: "${safe}"; } }`;
}
