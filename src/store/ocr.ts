// OCR as a text source: which contents still need OCR, the recognised pages, and their text appended
// to the content's full-text row so search finds and highlights it (docs/ocr-stage.md).

import type { Db } from './db.js';
import type { Finding, Locator } from '../model/document.js';
import type { OcrPageView } from '../model/api.js';
import type { CaseReader } from './queries/reader.js';
import { invalidateSearchSummaries } from './queries/summary-build.js';
import { replaceContentFindings, type ScoreFn } from './queries/rescore.js';

/** Between the extracted text and the OCR text in the full-text row. */
const OCR_SEPARATOR = '\n\n';

/** A content OCR has not looked at yet, with one document to read its bytes from. */
export interface OcrCandidate {
  contentId: number;
  kind: 'pdf' | 'image';
  documentId: string;
  path: string;
  size: number;
  locator: Locator;
}

/** Picture formats the OCR engine decodes (its canvas). HEIC, TIFF and PSD are left out: decoding
 *  them crashed the canvas natively (SIGSEGV, on the corpus's HEIC and TIFF files). */
const OCR_IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp'];

/** PDFs and images OCR has not looked at (no ocr_state row), largest first; one document each. */
export function ocrCandidates(db: Db): OcrCandidate[] {
  const rows = db
    .prepare(
      `SELECT c.rowid AS contentId, c.kind, c.size, d.id AS documentId, d.path, d.locator
       FROM content c JOIN documents d ON d.rowid = (SELECT min(rowid) FROM documents WHERE content_id = c.rowid)
       WHERE (c.kind = 'pdf' OR (c.kind = 'image' AND c.mime IN (${OCR_IMAGE_MIMES.map(() => '?').join(', ')})))
         AND NOT EXISTS (SELECT 1 FROM ocr_state o WHERE o.content_id = c.rowid)
       ORDER BY c.size DESC, c.rowid`,
    )
    .all(...OCR_IMAGE_MIMES) as (Omit<OcrCandidate, 'locator'> & { locator: string })[];
  return rows.map((r) => ({ ...r, locator: JSON.parse(r.locator) as Locator }));
}

/** One recognised page as stored. */
interface OcrPageRow {
  page: number;
  text: string;
  confidence: number;
  reason: string;
  layerText?: string;
}

export interface OcrOutcome {
  contentId: number;
  engine: string;
  engineVersion: string;
  langs: string;
  pages: readonly OcrPageRow[];
  /** Findings of the checks run on the OCR (pdf.text-layer), each replacing that check's earlier ones. */
  checks: readonly { check: string; findings: readonly Finding[] }[];
  at: string;
}

/**
 * Store one content's OCR in one transaction: its pages, its text appended to the full-text row
 * (search and the text-reading checks see it), the findings it led to on every document holding the
 * content (rescored), and its state. The search summaries are marked stale when text was added.
 */
export function writeOcrOutcome(db: Db, o: OcrOutcome, score: ScoreFn): void {
  db.transaction(() => {
    const ins = db.prepare(
      `INSERT OR REPLACE INTO content_ocr (content_id, page, text, engine, engine_version, langs, confidence, reason, layer_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of o.pages)
      ins.run(o.contentId, p.page, p.text, o.engine, o.engineVersion, o.langs, p.confidence, p.reason, p.layerText ?? null);
    const ocrText = o.pages
      .map((p) => p.text.trim())
      .filter(Boolean)
      .join(OCR_SEPARATOR);
    let bodyChars: number | null = null;
    if (ocrText) {
      const row = db.prepare('SELECT title, body, length(body) AS n FROM content_fts WHERE rowid = ?').get(o.contentId) as
        { title: string | null; body: string | null; n: number | null } | undefined;
      bodyChars = row?.n ?? 0;
      db.prepare('DELETE FROM content_fts WHERE rowid = ?').run(o.contentId);
      db.prepare('INSERT INTO content_fts (rowid, title, body) VALUES (?, ?, ?)').run(
        o.contentId,
        row?.title ?? '',
        row?.body ? `${row.body}${OCR_SEPARATOR}${ocrText}` : ocrText,
      );
      invalidateSearchSummaries(db);
    }
    setState(db, o.contentId, ocrText ? 'done' : 'nothing', o.langs, o.pages.length, bodyChars, o.at);
    for (const c of o.checks)
      if (c.findings.length || hasContentFindings(db, o.contentId, c.check))
        replaceContentFindings(db, o.contentId, c.check, c.findings, score);
  })();
}

/** OCR failed on this content (recorded in the failure ledger by the caller): not retried by a re-scan. */
export function recordOcrFailed(db: Db, contentId: number, langs: string, at: string): void {
  setState(db, contentId, 'failed', langs, 0, null, at);
}

function setState(
  db: Db,
  contentId: number,
  state: 'done' | 'nothing' | 'failed',
  langs: string,
  pages: number,
  bodyChars: number | null,
  at: string,
): void {
  db.prepare('INSERT OR REPLACE INTO ocr_state (content_id, state, langs, pages, body_chars, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    contentId,
    state,
    langs,
    pages,
    bodyChars,
    at,
  );
}

function hasContentFindings(db: Db, contentId: number, check: string): boolean {
  return db.prepare('SELECT 1 FROM content_findings WHERE content_id = ? AND check_id = ?').get(contentId, check) !== undefined;
}

/** Does the case hold any OCR text? (The writer looks once: a case without OCR pays nothing more.) */
export function caseHasOcrText(db: Db): boolean {
  return db.prepare("SELECT 1 FROM ocr_state WHERE state = 'done' LIMIT 1").get() !== undefined;
}

/** The OCR text of a content as appended to its full-text row ('' when none). */
function ocrTextOf(db: Db, contentId: number): string {
  const pages = db.prepare('SELECT text FROM content_ocr WHERE content_id = ? ORDER BY page').pluck().all(contentId) as string[];
  return pages
    .map((t) => t.trim())
    .filter(Boolean)
    .join(OCR_SEPARATOR);
}

/** The full-text body of re-extracted content: its new text, then its OCR text (kept: same bytes). */
export function bodyWithOcr(db: Db, contentId: number, text: string): string {
  const ocr = ocrTextOf(db, contentId);
  if (!ocr) return text;
  db.prepare("UPDATE ocr_state SET body_chars = length(?) WHERE content_id = ? AND state = 'done'").run(text, contentId);
  return text ? `${text}${OCR_SEPARATOR}${ocr}` : ocr;
}

/** Characters of a content's full-text body that are its own text, not OCR (undefined: all of it). */
export function extractedTextChars(r: CaseReader, contentId: number): number | undefined {
  const n = r.stmt("SELECT body_chars FROM ocr_state WHERE content_id = ? AND state = 'done'").pluck().get(contentId) as
    number | null | undefined;
  return n ?? undefined;
}

/** The OCRed pages of a content, in page order. */
export function ocrPagesOf(r: CaseReader, contentId: number): OcrPageView[] {
  return (
    r
      .stmt(
        `SELECT page, text, engine, engine_version AS engineVersion, langs, confidence, reason, layer_text AS layerText
         FROM content_ocr WHERE content_id = ? ORDER BY page`,
      )
      .all(contentId) as OcrPageView[]
  ).map((p) => ({ ...p, confidence: Math.round(p.confidence * 10) / 10 }));
}

/** Ids of the documents whose full-text body holds OCR text (the text-reading checks say so). */
export function documentsWithOcrText(db: Db): Set<string> {
  return new Set(
    db
      .prepare("SELECT d.id FROM ocr_state o JOIN documents d ON d.content_id = o.content_id WHERE o.state = 'done'")
      .pluck()
      .all() as string[],
  );
}

/** Forget OCR of content no document holds any more (after removeOrphanContent). */
export function removeOrphanOcr(db: Db): void {
  db.exec('DELETE FROM content_ocr WHERE content_id NOT IN (SELECT rowid FROM content)');
  db.exec('DELETE FROM ocr_state WHERE content_id NOT IN (SELECT rowid FROM content)');
}

/** How many contents OCR has looked at, by state (`verity ocr` and tests). */
export function ocrStateCounts(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT state, count(*) AS n FROM ocr_state GROUP BY state').all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
