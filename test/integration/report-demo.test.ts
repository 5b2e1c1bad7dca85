// The three report formats on a scanned generated dump (the demo generator's planted fakes, plus a
// hostile email), with the analyst's tags, verdicts and notes: the planted fakes appear with their
// findings, excluded documents do not, the CSV parses back, hostile values are neutralised, the
// HTML references nothing outside itself, redaction leaves no name behind, reports are
// reproducible. The HTML is then printed to PDF in headless Chromium and cut into PNG pages in
// test-artifacts/report/ for a person to look at.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { generateDump } from '../../src/demo/generate.js';
import type { GroundTruth } from '../../src/demo/truth.js';
import { runScan } from '../../src/ingest/scan.js';
import { openCase, type Db } from '../../src/store/db.js';
import { setNote, setVerdict, tagDocuments } from '../../src/store/queries/analyst.js';
import { buildReport } from '../../src/report/index.js';
import { redactionCandidates } from '../../src/report/redact.js';
import { CSV_COLUMNS } from '../../src/report/csv.js';
import { dkimLine } from '../../src/report/dkim-results.js';
import { esc } from '../../src/report/html-escape.js';
import type { JsonReport } from '../../src/model/report.js';
import type { ReportFormat, ReportSelection } from '../../src/model/api.js';
import { reportErrors } from '../support/report-schema.js';
import { REPO_ROOT } from '../support/corpus.js';
import { missing } from '../support/requirements.js';
import { parseCsv } from '../unit/report/rfc4180.js';
import { externalReferences } from '../unit/report/html-refs.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'report');
const AT = '2026-02-03T04:05:06.000Z';
const HYPERLINK = '=HYPERLINK("http://x","y")';
const MARKUP = '<img src=http://tracker.invalid/pixel.png>';

function hostileEmail(): string {
  return [
    `From: "${MARKUP}" <mallory@tracker.invalid>`,
    'To: Claire Dumont <claire.dumont@campagne-exemple.fr>',
    `Subject: ${HYPERLINK}`,
    'Date: Fri, 31 Mar 2017 10:00:00 +0200',
    'Message-ID: <hostile-0001@tracker.invalid>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Bonjour</p><script>alert(1)</script><img src="https://tracker.invalid/open.gif">`,
    '',
  ].join('\r\n');
}

let dir: string;
let caseFile: string;
let db: Db;
let truth: GroundTruth;
let planted: string[] = [];
let hostileId: string;
let genuine: string[] = [];

const report = (sel: ReportSelection, format: ReportFormat, opts: { redact?: boolean; metadata?: boolean } = {}) =>
  buildReport(db, sel, format, { generatedAt: AT, ...opts }).content;
const json = (sel: ReportSelection, opts: { redact?: boolean; metadata?: boolean } = {}) =>
  JSON.parse(report(sel, 'json', opts)) as JsonReport;
const idsWhere = (sql: string, ...args: unknown[]) =>
  db
    .prepare(`SELECT id FROM documents d WHERE ${sql} ORDER BY path, id`)
    .pluck()
    .all(...args) as string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-report-demo-'));
  const dump = join(dir, 'dump');
  caseFile = join(dir, 'case.verity');
  truth = await generateDump(dump, { seed: 7, scale: 0.3 });
  mkdirSync(join(dump, 'mail', 'newsletter'), { recursive: true });
  writeFileSync(join(dump, 'mail', 'newsletter', 'hostile.eml'), hostileEmail());
  const final = await runScan({ dumpRoot: dump, caseFile, workers: 1 });
  expect(final.state).toBe('done');

  // The analyst's work: the planted fakes tagged and judged, a few genuine documents cleared.
  db = openCase(caseFile);
  const found = new Set<string>();
  for (const f of truth.fakes) {
    const t = f.target;
    const ids =
      t.messageId && !t.attachment
        ? (db
            .prepare('SELECT d.id FROM documents d JOIN emails e ON e.content_id = d.content_id WHERE e.message_id = ?')
            .pluck()
            .all(t.messageId) as string[])
        : idsWhere('path = ?', t.reportPath);
    for (const id of ids) found.add(id);
  }
  planted = [...found].sort();
  expect(planted.length).toBeGreaterThanOrEqual(truth.fakes.length);
  const at = new Date(AT);
  tagDocuments(db, planted, ['planted'], [], at);
  setVerdict(db, planted, 'fake', at);
  setNote(db, planted[0], 'Checked with the sender: "never sent", she said.\nSecond line, with a comma.', at);
  hostileId = idsWhere("path = 'mail/newsletter/hostile.eml'")[0];
  expect(hostileId).toBeDefined();
  tagDocuments(db, [hostileId], ['planted'], [], at);
  genuine = idsWhere("kind = 'pdf' AND score = 0 AND id NOT IN (SELECT value FROM json_each(?))", JSON.stringify(planted)).slice(0, 3);
  expect(genuine.length).toBe(3);
  setVerdict(db, genuine, 'authentic', at);
}, 600_000);

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('selection', () => {
  it('by tag: exactly the tagged documents, each with the findings the case holds', () => {
    const r = json({ tag: 'planted' });
    expect(r.documents.map((d) => d.id).sort()).toEqual([...planted, hostileId].sort());
    expect(reportErrors(r)).toEqual([]);
    const findings = db
      .prepare(
        'SELECT f.check_id FROM findings f JOIN documents d ON d.rowid = f.doc_rowid WHERE d.id = ? ORDER BY f.severity_rank, f.check_id, f.message, f.rowid',
      )
      .pluck();
    for (const d of r.documents) {
      expect(d.flags.map((f) => f.check)).toEqual(findings.all(d.id));
      if (d.id !== hostileId) {
        expect(d.verdict).toBe('fake');
        expect(d.tags).toEqual(['planted']);
      }
    }
    // The checks catch most of the planted fakes: those appear with medium or high findings.
    const caught = r.documents.filter((d) => d.flags.some((f) => f.severity === 'high' || f.severity === 'medium'));
    expect(caught.length).toBeGreaterThanOrEqual(10);
  });

  it('by verdict, minimum score and ids: the same documents as the case says, and none other', () => {
    expect(json({ verdict: 'authentic' }).documents.map((d) => d.id)).toEqual(genuine);
    expect(json({ minScore: 50 }).documents.map((d) => d.id)).toEqual(idsWhere('score >= 50'));
    expect(idsWhere('score >= 50').length).toBeGreaterThan(0);
    const two = [planted[1], genuine[0]];
    expect(
      json({ documents: two })
        .documents.map((d) => d.id)
        .sort(),
    ).toEqual([...two].sort());
  });

  it('leaves excluded documents out of every format', () => {
    for (const format of ['json', 'csv', 'html'] as const) {
      const content = report({ tag: 'planted' }, format);
      for (const id of genuine) expect(content).not.toContain(id);
      expect(content).toContain(planted[0]);
    }
  });
});

describe('CSV', () => {
  it('parses back to one row per finding (one for a clean document), hostile subject neutralised', () => {
    const sel = { tag: 'planted' };
    const rows = parseCsv(report(sel, 'csv').replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const r = json(sel);
    const expected: string[][] = [];
    for (const d of r.documents) {
      const title = db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(d.id) as string | null;
      const base = [d.id, d.path, title ?? '', d.kind, d.sha256, String(d.score), d.verdict, d.tags.join('; '), d.note];
      // The DKIM column repeats on each row of an email: its signatures as the JSON report gives them.
      const dkim = (d.dkim ?? []).map(dkimLine).join(' | ');
      const cells = d.flags.length ? d.flags.map((f) => [...base, f.check, f.severity, f.message, dkim]) : [[...base, '', '', '', dkim]];
      for (const c of cells) expected.push(c.map((x) => (/^[=+\-@\t\r\n]/.test(x) ? `'${x}` : x)));
    }
    expect(rows.slice(1)).toEqual(expected);
    const hostile = rows.filter((x) => x[0] === hostileId);
    expect(hostile.length).toBeGreaterThan(0);
    for (const x of hostile) expect(x[2]).toBe(`'${HYPERLINK}`);
    for (const x of rows) for (const c of x) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('HTML', () => {
  it('shows each planted fake with its findings, escapes the hostile email and references nothing outside', () => {
    const html = report({ tag: 'planted' }, 'html');
    expect(externalReferences(html)).toEqual([]);
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain(esc(MARKUP));
    expect(html).toContain(esc(HYPERLINK));
    const r = json({ tag: 'planted' });
    for (const d of r.documents) {
      const start = html.indexOf(`id="doc-${d.id}"`);
      expect(start).toBeGreaterThan(0);
      const sectionHtml = html.slice(start, html.indexOf('</section>', start));
      for (const f of d.flags) expect(sectionHtml).toContain(esc(f.message));
      expect(sectionHtml).toContain(d.sha256);
    }
    expect(html).toContain(esc('Checked with the sender: "never sent", she said.'));
  });
});

describe('redaction', () => {
  it('lists what the report discloses and replaces all of it in every format', () => {
    const sel = { tag: 'planted' };
    const candidates = redactionCandidates(db, sel);
    const values = candidates.filter((c) => c.value.length >= 4).map((c) => c.value);
    expect(candidates.some((c) => c.category === 'person')).toBe(true);
    expect(candidates.some((c) => c.category === 'email')).toBe(true);
    for (const format of ['json', 'csv', 'html'] as const) {
      const red = report(sel, format, { redact: true, metadata: true });
      const plain = report(sel, format, { metadata: true });
      const enc = (s: string) => (format === 'html' ? esc(s) : format === 'json' ? JSON.stringify(s).slice(1, -1) : s);
      const leaked = values.filter((v) => plain.includes(enc(v)) && red.includes(enc(v)));
      expect(leaked).toEqual([]);
      if (format === 'json') expect(reportErrors(JSON.parse(red))).toEqual([]);
    }
  });

  it('leaves no staff name, address or mailbox login of the generated organisation in the redacted report', () => {
    const sel = { tag: 'planted' };
    const staff = truth.organisation.staff;
    expect(staff.length).toBeGreaterThan(3);
    for (const format of ['json', 'csv', 'html'] as const) {
      const plain = report(sel, format, { metadata: true }).toLowerCase();
      const red = report(sel, format, { redact: true, metadata: true }).toLowerCase();
      let seen = 0;
      for (const p of staff) {
        for (const v of [p.name, p.email, p.email.split('@')[0]]) {
          const needle = (format === 'html' ? esc(v) : v).toLowerCase();
          if (plain.includes(needle)) seen++;
          expect(red).not.toContain(needle);
        }
      }
      expect(seen).toBeGreaterThan(0);
    }
    // Paths name nobody, not even by first name (archives/compta-xls.zip!xls_julien/...).
    const firstNames = staff.map((p) => p.name.split(' ')[0].toLowerCase());
    for (const d of json(sel, { redact: true }).documents) {
      const words = d.path.toLowerCase().split(/[^\p{L}]+/u);
      for (const f of firstNames) expect(words).not.toContain(f);
    }
  });
});

describe('reproducibility', () => {
  it('gives byte-identical reports for the same case and selection', () => {
    for (const format of ['json', 'csv', 'html'] as const) {
      for (const opts of [{}, { redact: true, metadata: true }]) {
        expect(report({ tag: 'planted' }, format, opts)).toBe(report({ tag: 'planted' }, format, opts));
        expect(report({}, format, opts)).toBe(report({}, format, opts));
      }
    }
  });
});

describe.skipIf(missing('chromium', 'poppler'))('printing the HTML report', () => {
  it('renders to a PDF with pages, and to PNG pages, without a single network request', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Work in a private folder and move the results into place at the end, so that two runs at once
    // (a full suite beside a single file) do not count or delete each other's pages.
    const work = mkdtempSync(join(ARTIFACTS, '.run-'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      for (const [name, opts] of [
        ['verity-report', {}],
        ['verity-report-redacted', { redact: true }],
      ] as const) {
        const html = report({ tag: 'planted' }, 'html', opts);
        writeFileSync(join(work, `${name}.html`), html);
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on('request', (req) => requests.push(req.url()));
        await page.setContent(html, { waitUntil: 'load' });
        const pdfFile = join(work, `${name}.pdf`);
        await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, preferCSSPageSize: true });
        await page.close();
        expect(requests).toEqual([]);
        const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
        const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
        // A summary, the method section, and at least one page per document.
        const docs = json({ tag: 'planted' }).documents.length;
        expect(pages).toBeGreaterThanOrEqual(docs + 2);
        expect(info).toMatch(/Page size:.*\(A4\)/);
        const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
        expect(text).toContain('Method and limits');
        expect(text).toContain(HYPERLINK);
        expect(text).toContain(`Page 1 of ${pages}`);
        execFileSync('pdftoppm', ['-r', '70', '-png', pdfFile, join(work, `${name}-page`)]);
        const pngs = readdirSync(work).filter((f) => f.startsWith(`${name}-page`) && f.endsWith('.png'));
        expect(pngs.length).toBe(pages);
        for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-page`)) rmSync(join(ARTIFACTS, f), { force: true });
        for (const f of readdirSync(work)) if (f.startsWith(`${name}`)) renameSync(join(work, f), join(ARTIFACTS, f));
      }
    } finally {
      await browser.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
