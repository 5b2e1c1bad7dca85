// `verity scan ../shared/corpus` accounts for every file (a document, or an error finding, for
// each) and `verity report` output validates against the shipped schema.

import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CORPUS_ROOT, corpusMissing } from '../support/corpus.js';
import { runVerity } from '../support/cli.js';
import { reportErrors } from '../support/report-schema.js';

describe.skipIf(corpusMissing())('scan of the real corpus', () => {
  let dir: string;
  let caseFile: string;
  let scan: { code: number; stdout: string; stderr: string };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'verity-corpus-'));
    caseFile = join(dir, 'corpus.verity');
    // Without the OCR stage: on the corpus it adds ~6 minutes of CPU for 76 pages; OCR of real scans,
    // its crashes and timeouts have tests of their own (test/unit/ocr, test/integration/ocr-*.test.ts).
    scan = runVerity(['scan', CORPUS_ROOT, '--case', caseFile, '--json-progress', '--no-ocr'], { timeoutMs: 1_200_000 });
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('finishes and accounts for every file in MANIFEST.tsv', () => {
    expect(scan.code, scan.stderr.slice(-2000)).toBe(0);
    const manifest = readFileSync(join(CORPUS_ROOT, 'MANIFEST.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0]);
    const db = new Database(caseFile, { readonly: true });
    const top = new Map(
      (db.prepare('SELECT path, sha256 FROM documents WHERE depth = 0').all() as { path: string; sha256: string }[]).map((r) => [
        r.path,
        r.sha256,
      ]),
    );
    const missing = manifest.filter((p) => !top.has(p));
    expect(missing).toEqual([]);
    // The hashes are those MANIFEST.tsv gives.
    const sha = new Map(
      readFileSync(join(CORPUS_ROOT, 'MANIFEST.tsv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t'))
        .map((c) => [c[0], c[2]]),
    );
    const wrong = manifest.filter((p) => top.get(p) !== sha.get(p));
    expect(wrong).toEqual([]);
    // Every failure in the ledger points at a document that carries an error finding.
    const orphans = db
      .prepare(
        `SELECT f.path FROM failures f WHERE f.doc_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM documents d JOIN findings x ON x.doc_rowid = d.rowid WHERE d.id = f.doc_id AND (x.check_id LIKE 'extract.%' OR x.check_id LIKE 'ingest.%'))`,
      )
      .pluck()
      .all();
    expect(orphans).toEqual([]);
    const byKind = db.prepare('SELECT kind, count(*) AS n FROM documents GROUP BY kind').all() as { kind: string; n: number }[];
    const kinds = Object.fromEntries(byKind.map((k) => [k.kind, k.n]));
    expect(kinds.pdf).toBeGreaterThan(700);
    expect(kinds.email).toBeGreaterThan(300);
    expect(kinds.image).toBeGreaterThan(150);
    expect(kinds.office).toBeGreaterThan(100);
    db.close();
  });

  it('writes a JSON report (with --metadata) that validates against the schema', () => {
    const out = join(dir, 'report.json');
    const r = runVerity(['report', '--case', caseFile, '--format', 'json', '--metadata', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(reportErrors(report)).toEqual([]);
    expect(report.documents.length).toBeGreaterThan(1768);
    const pdf = report.documents.find((d: { path: string }) => d.path === 'pdf/tika/testPDF_incrementalUpdates.pdf');
    expect(pdf.kind).toBe('pdf');
    expect(pdf.metadata.some((m: { source: string }) => m.source === 'pdf.info')).toBe(true);
  });

  it('lists the failure ledger', () => {
    const r = runVerity(['failures', '--case', caseFile, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { path: string; stage: string; code: string; message: string }[];
    // The yauzl failure fixtures are broken on purpose: each is in the ledger with a reason.
    const zipFailures = rows.filter((f) => f.path.startsWith('archive/zip/yauzl-failure/'));
    expect(zipFailures.length).toBeGreaterThan(10);
    for (const f of rows) expect(f.message.length).toBeGreaterThan(5);
  });
});
