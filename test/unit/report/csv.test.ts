// The CSV report: RFC 4180 records that parse back to the same rows, a BOM, one row per finding
// (one empty-check row for a clean document), and formula injection neutralised.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/store/db.js';
import { buildCsvReport, csvRows, CSV_COLUMNS, neutraliseCell, quoteField } from '../../../src/report/csv.js';
import { gatherReport } from '../../../src/report/gather.js';
import { buildReport } from '../../../src/report/index.js';
import { DOCS, HOSTILE_SUBJECT, writeReportCase } from './report-case.js';
import { parseCsv } from './rfc4180.js';

let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-csv-'));
  db = writeReportCase(join(dir, 'case.verity'));
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cells', () => {
  it('neutralises every formula trigger with a leading apostrophe, and nothing else', () => {
    for (const s of ['=1+1', '+33 1 23', '-2', '@SUM(A1)', '\tx', '\rx', HOSTILE_SUBJECT]) expect(neutraliseCell(s)).toBe(`'${s}`);
    for (const s of ['', 'plain', ' =1+1', "'quoted", '1=1', 'a@b.c']) expect(neutraliseCell(s)).toBe(s);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(quoteField('x\ny')).toBe('"x\ny"');
    expect(quoteField('plain')).toBe('plain');
  });
});

describe('the CSV report of a case', () => {
  it('starts with a BOM, ends records with CRLF and parses back to the same rows', () => {
    const csv = buildReport(db, {}, 'csv', { generatedAt: '2026-01-01T00:00:00.000Z' }).content;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(csv.slice(1));
    const expected = csvRows(gatherReport(db, {})).map((r) => r.map(neutraliseCell));
    expect(parsed[0]).toEqual([...CSV_COLUMNS]);
    expect(parsed.slice(1)).toEqual(expected);
    // Every record has the header's width, whatever the commas and line breaks inside cells.
    for (const r of parsed) expect(r.length).toBe(CSV_COLUMNS.length);
  });

  it('writes one row per finding, and one row with empty check columns for a clean document', () => {
    const parsed = parseCsv(buildCsvReport(gatherReport(db, {})).slice(1));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (const d of DOCS) {
      const rows = parsed.filter((r) => r[col('document_id')] === d.id);
      const findings = d.findings ?? [];
      expect(rows.length).toBe(Math.max(1, findings.length));
      if (findings.length === 0) {
        expect(rows[0][col('check')]).toBe('');
        expect(rows[0][col('severity')]).toBe('');
        expect(rows[0][col('message')]).toBe('');
      } else {
        expect(rows.map((r) => r[col('check')]).sort()).toEqual(findings.map((f) => f.check).sort());
      }
    }
    const clean = parsed.find((r) => r[col('document_id')] === DOCS[3].id)!;
    expect(clean[col('verdict')]).toBe('authentic');
  });

  it('neutralises the hostile subject and keeps the note (quotes, comma, line break) intact', () => {
    const parsed = parseCsv(buildCsvReport(gatherReport(db, {})).slice(1));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const email = parsed.filter((r) => r[col('document_id')] === DOCS[0].id);
    for (const r of email) expect(r[col('title')]).toBe(`'${HOSTILE_SUBJECT}`);
    // No cell of the file starts with a formula trigger.
    for (const r of parsed) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    const pdf = parsed.find((r) => r[col('document_id')] === DOCS[1].id)!;
    expect(pdf[col('note')]).toBe('Jean Dupont denies writing it.\nCalled him on 3 April, "never saw it", he said.');
    expect(pdf[col('tags')]).toBe('Jean Dupont dossier; publish');
    expect(pdf[col('verdict')]).toBe('fake');
  });

  it('follows the selection', () => {
    const parsed = parseCsv(buildReport(db, { verdict: 'fake' }, 'csv').content.slice(1));
    expect(new Set(parsed.slice(1).map((r) => r[0]))).toEqual(new Set([DOCS[1].id]));
  });
});
