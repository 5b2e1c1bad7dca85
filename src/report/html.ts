// The HTML report: one self-contained page to publish or print to PDF, with no script, no external
// asset and a CSP that forbids loading anything (docs/report.md).

import type { GatheredDocument, GatheredReport } from './gather.js';
import type { LocatorSegment, Severity, Verdict } from '../model/document.js';
import { SEVERITIES, VERDICTS } from '../model/document.js';
import type { ReportFlag, ReportMetadataEntry } from '../model/report.js';
import { checkById } from '../checks/registry.js';
import { anchorId, esc } from './html-escape.js';
import { evidenceHtml, type EvidenceContext } from './html-evidence.js';
import { pageFooterCss, REPORT_CSS } from './html-style.js';
import { methodHtml } from './html-text.js';
import { dkimSummary, EMAIL_HEADER_ROWS, headerValues, keyMetadata, receivedChain } from './html-metadata.js';
import { describeSelection } from './select.js';

export interface HtmlReportOptions {
  redacted?: boolean;
  /** Add every extracted field to each document (verity report --metadata). */
  metadata?: boolean;
}

/** Blocks every fetch: the page needs only its own inline style. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** 1234567 -> '1,234,567' without the locale (the report must not depend on the machine). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function size(n: number): string {
  if (n < 1024) return `${thousands(n)} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${thousands(n)} bytes (${v.toFixed(1)} ${units[u]})`;
}

/** '2026-11-23T15:58:26.169Z' -> '2026-11-23 15:58 UTC', from the string alone. */
function readableTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

const sev = (s: Severity) => `<span class="sev sev-${s}">${s}</span>`;
const verdictBadge = (v: Verdict) => `<span class="verdict verdict-${v}">${v}</span>`;
const kv = (rows: [string, string][]) =>
  `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;

function docHeading(d: GatheredDocument): string {
  const t = d.title?.trim();
  return t ? t : d.name;
}

function checkName(id: string): { title: string; version: string } {
  const c = checkById(id);
  if (c) return { title: c.title, version: `v${c.version}` };
  if (/^(extract|ingest|check)\./.test(id)) return { title: 'Processing problem', version: '' };
  return { title: id, version: '' };
}

// --- summary ------------------------------------------------------------------------------

function countsTable(title: string, rows: [string, string, number][]): string {
  return `<table class="counts"><thead><tr><th>${esc(title)}</th><th class="n">In report</th><th class="n">In case</th></tr></thead><tbody>${rows
    .map(([label, report, n]) => `<tr><td>${label}</td><td class="n">${report}</td><td class="n">${thousands(n)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function summaryHtml(data: GatheredReport, opts: HtmlReportOptions): string {
  const docs = data.documents;
  const reportVerdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const d of docs) reportVerdicts[d.verdict]++;
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const docsByTopSeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let clean = 0;
  for (const d of docs) {
    for (const f of d.flags) findingsBySeverity[f.severity]++;
    const top = SEVERITIES.find((s) => d.flags.some((f) => f.severity === s));
    if (top) docsByTopSeverity[top]++;
    else clean++;
  }
  const selection = describeSelection(data.selection);
  const rows: [string, string][] = [
    ['Dump', `<span class="mono">${esc(data.dump.root || '(unknown)')}</span>`],
    ['Report generated', `${esc(readableTime(data.generatedAt))} <span class="none">(${esc(data.generatedAt)})</span>`],
    ['Verity version', esc(data.version)],
    ['Documents in the case', thousands(data.dump.documents)],
    ['Documents in this report', thousands(docs.length)],
    ['Selection', selection.length ? esc(selection.join('; ')) : 'all documents of the case'],
  ];
  if (data.lastScan) {
    rows.push([
      'Last scan',
      `${esc(readableTime(data.lastScan.startedAt))}${data.lastScan.finishedAt ? ` to ${esc(readableTime(data.lastScan.finishedAt))}` : ''}, ${esc(data.lastScan.state)}`,
    ]);
  }
  rows.push([
    'Redaction',
    opts.redacted
      ? 'names, addresses, serial numbers, positions and scanner/printer identifiers replaced by tokens (see Method and limits)'
      : '<strong>not redacted</strong>: this report may name sources and uninvolved people',
  ]);

  const verdicts = countsTable(
    'Analyst verdict',
    VERDICTS.map((v) => [verdictBadge(v), thousands(reportVerdicts[v]), data.caseVerdicts[v]]),
  );
  const severities = `<table class="counts"><thead><tr><th>Most severe finding</th><th class="n">Documents</th><th class="n">Findings</th></tr></thead><tbody>${SEVERITIES.map(
    (s) =>
      `<tr><td>${sev(s)}</td><td class="n">${thousands(docsByTopSeverity[s])}</td><td class="n">${thousands(findingsBySeverity[s])}</td></tr>`,
  ).join('')}<tr><td>no finding</td><td class="n">${thousands(clean)}</td><td class="n"></td></tr></tbody></table>`;

  const toc = docs.length
    ? `<table class="toc"><thead><tr><th class="n">No.</th><th>Document</th><th>Verdict</th><th class="n">Score</th><th class="sevs">Findings</th></tr></thead><tbody>${docs
        .map((d, i) => {
          const counts = SEVERITIES.filter((s) => s !== 'info')
            .map((s) => [s, d.flags.filter((f) => f.severity === s).length] as const)
            .filter(([, k]) => k > 0);
          const cell = counts.length ? counts.map(([s, k]) => `${k}&nbsp;${sev(s)}`).join('<br>') : 'none';
          return `<tr><td class="n">${i + 1}</td><td><a href="#${anchorId('doc', d.id)}">${esc(docHeading(d))}</a><span class="path">${esc(d.path)}</span></td><td>${verdictBadge(d.verdict)}</td><td class="n">${d.score}</td><td class="sevs">${cell}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '<p class="none">The selection holds no document.</p>';

  return `<section id="summary">
<h2>Summary</h2>
${kv(rows)}
<div class="summary-grid"><div>${verdicts}</div><div>${severities}</div></div>
<h3>Checks that ran</h3>
${checksHtml(data)}
<h3>Documents in this report</h3>
${toc}
${failuresHtml(docs)}
</section>`;
}

/** The failure ledger for the selection: what could not be read fully, and why. Taken from the
 *  documents' own extraction findings, so it is redacted like everything else in the report. */
function failuresHtml(docs: readonly GatheredDocument[]): string {
  const rows: string[] = [];
  docs.forEach((d, i) => {
    for (const f of d.flags) {
      if (!/^(extract|ingest)\./.test(f.check) || f.check === 'extract.warning' || f.check === 'ingest.duplicate-container') continue;
      rows.push(
        `<tr><td class="n"><a href="#${anchorId('doc', d.id)}">${i + 1}</a></td><td><span class="path">${esc(d.path)}</span></td><td><code>${esc(f.check)}</code></td><td>${esc(f.message)}</td></tr>`,
      );
    }
  });
  const intro =
    'Files Verity could not read in full (encrypted, damaged, over a safety limit, or unreadable). They are listed so that no silence is mistaken for a clean result; what could be read from them is in their sections.';
  return `<h3>Files not fully read</h3>
${rows.length ? `<p>${intro}</p><table class="toc"><thead><tr><th class="n">No.</th><th>Document</th><th>Problem</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="none">Every document in this report was read in full.</p>'}`;
}

function checksHtml(data: GatheredReport): string {
  if (data.checksRun.length === 0) return '<p class="none">The case does not record which checks ran (it was not analysed yet).</p>';
  const rows = data.checksRun.map((r) => {
    const c = checkById(r.id);
    const note = c && c.version !== r.version ? ` <span class="none">(this Verity has version ${c.version})</span>` : '';
    const what = c ? esc(c.detects) : '<span class="none">not described by this version of Verity</span>';
    const title = c ? `<strong>${esc(c.title)}</strong><br>` : '';
    return `<tr><td>${title}<code>${esc(r.id)}</code></td><td class="version">${r.version}${note}</td><td>${c ? esc(c.scope === 'corpus' ? 'against the dump' : 'within the document') : ''}</td><td>${what}</td></tr>`;
  });
  return `<table class="checks"><thead><tr><th style="width:24%">Check</th><th class="version" style="width:9%">Version</th><th style="width:13%">Compares</th><th>What it detects</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

// --- one document -----------------------------------------------------------------------------

function locatorItem(s: LocatorSegment): string {
  switch (s.type) {
    case 'file':
      return `File in the dump: <span class="mono">${esc(s.path)}</span>`;
    case 'member':
      return `Archive member ${s.index + 1}: <span class="mono">${esc(s.name)}</span>`;
    case 'mbox':
      return `Message ${s.index + 1} of the mailbox (bytes ${thousands(s.offset)} to ${thousands(s.offset + s.length)})`;
    case 'attachment':
      return `Attachment ${s.index + 1}: <span class="mono">${esc(s.name)}</span>`;
    case 'item':
      return `Item ${s.index + 1}: <span class="mono">${esc(s.name)}</span> (id ${esc(s.id)})`;
    default:
      return esc(JSON.stringify(s));
  }
}

function findingHtml(f: ReportFlag, ctx: EvidenceContext): string {
  const c = checkById(f.check);
  const { title, version } = checkName(f.check);
  // Info findings are observations, not evidence of anything: their innocent explanations would
  // only lengthen the report.
  const about =
    c && f.severity !== 'info'
      ? `<div class="label">What this check looks for</div><p class="about">${esc(c.detects)}</p>
<div class="label">Why it can point to a forgery</div><p class="about">${esc(c.whyForgersLeaveIt)}</p>
<div class="label">Innocent explanations</div><ul class="about">${c.innocentCauses.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`
      : '';
  return `<div class="finding sev-border-${f.severity}">
<div class="finding-head">${sev(f.severity)} <strong>${esc(title)}</strong> <span class="check"><code>${esc(f.check)}</code> ${esc(version)}</span></div>
<p class="message">${esc(f.message)}</p>
<div class="label">Evidence</div>
${evidenceHtml(f.evidence, ctx, f.check)}
${about}
</div>`;
}

function metadataTable(entries: readonly ReportMetadataEntry[]): string {
  return `<table class="meta"><thead><tr><th style="width:18%">Source</th><th style="width:24%">Field</th><th>Value as found</th></tr></thead><tbody>${entries
    .map((e) => `<tr><td><code>${esc(e.source)}</code></td><td><code>${esc(e.key)}</code></td><td>${esc(e.value)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function emailHtml(d: GatheredDocument): string {
  const rows: [string, string][] = [];
  for (const h of EMAIL_HEADER_ROWS) {
    const values = headerValues(d.metadata, h);
    rows.push([h, values.length ? values.map(esc).join('<br>') : '<span class="none">absent</span>']);
  }
  rows.push([
    'DKIM',
    dkimSummary(d.dkim ?? [], d.metadata)
      .map(esc)
      .join('<br>'),
  ]);
  const received = receivedChain(d.metadata);
  const hops = received.length
    ? `<h4>Delivery path (Received headers, most recent first)</h4><ol class="locator">${received.map((r) => `<li class="mono">${esc(r)}</li>`).join('')}</ol>`
    : '';
  return `<h3>Email headers</h3>${kv(rows)}${hops}`;
}

function documentHtml(
  d: GatheredDocument,
  n: number,
  ctx: EvidenceContext,
  byId: ReadonlyMap<string, GatheredDocument>,
  opts: HtmlReportOptions,
): string {
  const counts = SEVERITIES.map((s) => [s, d.flags.filter((f) => f.severity === s).length] as const).filter(([, k]) => k > 0);
  const findingsLine = counts.length ? counts.map(([s, k]) => `${k} ${sev(s)}`).join(' ') : 'none';
  const tags = d.tags.length ? d.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join('') : '<span class="none">none</span>';
  const parent = d.parent
    ? byId.has(d.parent)
      ? `<a class="ref" href="#${anchorId('doc', d.parent)}">${esc(docHeading(byId.get(d.parent)!))}</a> <span class="mono">${esc(d.parent)}</span>`
      : `<span class="mono">${esc(d.parentPath ?? d.parent)}</span> <span class="none">(not in this report)</span>`
    : '';
  const facts: [string, string][] = [
    ['Document ID', `<span class="mono">${esc(d.id)}</span>`],
    ['SHA-256', `<span class="mono">${esc(d.sha256)}</span>`],
    ['Kind', `${esc(d.kind)} <span class="none">(${esc(d.mime)})</span>`],
    ['Size', esc(size(d.size))],
  ];
  if (d.date) facts.push(['Date it claims', esc(d.date)]);
  if (d.messageId) facts.push(['Message-ID', `<span class="mono">${esc(d.messageId)}</span>`]);
  if (parent) facts.push(['Contained in', parent]);
  const key = keyMetadata(
    d.metadata.filter((e) => d.kind !== 'email' || e.source !== 'email.header' || !/^(received|dkim-signature)$/i.test(e.key)),
  );
  const findings = d.flags.length
    ? d.flags.map((f) => findingHtml(f, ctx)).join('\n')
    : '<p class="none">No check raised a finding on this document.</p>';
  return `<section class="document" id="${anchorId('doc', d.id)}">
<h2>${n}. ${esc(docHeading(d))}</h2>
<p class="docpath">${esc(d.path)}</p>
<div class="headline"><span>Verdict: ${verdictBadge(d.verdict)}</span><span>Score: <span class="score">${d.score}</span>/100</span><span>Findings: ${findingsLine}</span></div>
<div class="headline"><span>Tags: ${tags}</span></div>
${d.note.trim() ? `<div class="label">Analyst's note</div><div class="note">${esc(d.note)}</div>` : ''}
${kv(facts)}
<h3>Where it was found</h3>
<ol class="locator">${d.locator.map((s) => `<li>${locatorItem(s)}</li>`).join('')}</ol>
${d.kind === 'email' ? emailHtml(d) : ''}
<h3>Findings (${d.flags.length})</h3>
${findings}
<h3>Key metadata</h3>
${key.length ? metadataTable(key) : '<p class="none">No key metadata was extracted.</p>'}
${opts.metadata ? `<h3>All metadata (${plural(d.metadata.length, 'field')})</h3>${d.metadata.length ? metadataTable(d.metadata) : '<p class="none">None.</p>'}` : ''}
</section>`;
}

export function buildHtmlReport(data: GatheredReport, opts: HtmlReportOptions = {}): string {
  const ids = new Set(data.documents.map((d) => d.id));
  const byId = new Map(data.documents.map((d) => [d.id, d] as const));
  const ctx: EvidenceContext = { inReport: ids, paths: new Map(data.referenced) };
  const title = `Verification report — ${data.dump.root ? (data.dump.root.split(/[\\/]/).filter(Boolean).pop() ?? data.dump.root) : 'Verity case'}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Verity ${esc(data.version)}">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${REPORT_CSS}${pageFooterCss(`Verity ${data.version} report, generated ${readableTime(data.generatedAt)}`)}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="subtitle">Produced with Verity ${esc(data.version)} on ${esc(readableTime(data.generatedAt))}. ${plural(data.documents.length, 'document')} of ${thousands(data.dump.documents)} in the case.</p>
</header>
${summaryHtml(data, opts)}
${methodHtml(!!opts.redacted)}
${data.documents.map((d, i) => documentHtml(d, i + 1, ctx, byId, opts)).join('\n')}
<footer>End of report. ${plural(data.documents.length, 'document')}. Generated ${esc(data.generatedAt)} by Verity ${esc(data.version)}.</footer>
</body>
</html>
`;
}
