// One document in full: its row, provenance (locator, parent, children, other copies), metadata, facts,
// findings explained by their checks, the analyst's note, extraction errors and a text preview.

import { extractedTextChars, ocrPagesOf } from '../ocr.js';
import type { DocumentDetail, FindingView } from '../../model/api.js';
import type { DocumentKind, Locator, MetadataEntry, Severity } from '../../model/document.js';
import type { Facts } from '../../model/facts.js';
import type { CaseReader } from './reader.js';
import { publicRow, rowsByRowid } from './rows.js';
import { parseJsonColumn } from '../json-column.js';
import { isErrorCheck } from '../error-checks.js';

/** Children and occurrences listed per document (an mbox may hold 100,000 messages). */
const MAX_LISTED = 1000;
const TEXT_PREVIEW_CHARS = 20_000;

export interface DocumentBase {
  rowid: number;
  id: string;
  parentId: string | null;
  locator: Locator;
  contentId: number | null;
  sha256: string;
  kind: DocumentKind;
  mime: string;
  name: string;
  path: string;
  size: number;
}

export function documentBase(r: CaseReader, id: string): DocumentBase | undefined {
  const x = r
    .stmt('SELECT rowid, id, parent_id, locator, content_id, sha256, kind, mime, name, path, size FROM documents WHERE id = ?')
    .get(id) as
    | {
        rowid: number;
        id: string;
        parent_id: string | null;
        locator: string;
        content_id: number | null;
        sha256: string;
        kind: string;
        mime: string;
        name: string;
        path: string;
        size: number;
      }
    | undefined;
  if (!x) return undefined;
  return {
    rowid: x.rowid,
    id: x.id,
    parentId: x.parent_id,
    locator: JSON.parse(x.locator) as Locator,
    contentId: x.content_id,
    sha256: x.sha256,
    kind: x.kind as DocumentKind,
    mime: x.mime,
    name: x.name,
    path: x.path,
    size: x.size,
  };
}

/** The facts the extractor stored for a content, or null. */
export function documentFacts(r: CaseReader, contentId: number | null): Facts | null {
  if (contentId === null) return null;
  const s = r.stmt('SELECT facts FROM content WHERE rowid = ?').pluck().get(contentId) as string | undefined;
  return s ? parseJsonColumn<Facts | null>(s, null) : null;
}

/** What a check says about itself, supplied by the caller (the store does not import the checks). */
export type CheckExplainer = (check: string) => { title: string; detects: string; innocentCauses: readonly string[] } | undefined;

function findingViews(
  r: CaseReader,
  docRowid: number,
  explain: CheckExplainer,
): { findings: FindingView[]; errors: { code: string; message: string }[] } {
  const rows = r
    .stmt('SELECT check_id, severity, message, evidence FROM findings WHERE doc_rowid = ? ORDER BY severity_rank, check_id, rowid')
    .all(docRowid) as { check_id: string; severity: string; message: string; evidence: string }[];
  const findings: FindingView[] = [];
  const errors: { code: string; message: string }[] = [];
  for (const f of rows) {
    const evidence = parseJsonColumn<Record<string, unknown>>(f.evidence, {});
    if (isErrorCheck(f.check_id)) {
      errors.push({ code: typeof evidence.code === 'string' ? evidence.code : f.check_id, message: f.message });
      continue;
    }
    const info = explain(f.check_id);
    findings.push({
      check: f.check_id,
      severity: f.severity as Severity,
      message: f.message,
      evidence,
      title: info?.title ?? f.check_id,
      detects: info?.detects ?? '',
      innocentCauses: info ? [...info.innocentCauses] : [],
    });
  }
  return { findings, errors };
}

export function documentDetail(r: CaseReader, id: string, explain: CheckExplainer = () => undefined): DocumentDetail | undefined {
  return r.snapshot(() => {
    const base = documentBase(r, id);
    if (!base) return undefined;
    const [row] = rowsByRowid(r, [base.rowid]);
    const children = r
      .stmt('SELECT id, name, kind FROM documents WHERE parent_id = ? ORDER BY top_index, rowid LIMIT ?')
      .all(id, MAX_LISTED) as { id: string; name: string; kind: DocumentKind }[];
    const occurrences = r
      .stmt('SELECT id, path FROM documents WHERE sha256 = ? AND id != ? ORDER BY path LIMIT ?')
      .all(base.sha256, id, MAX_LISTED) as { id: string; path: string }[];
    const metadata: MetadataEntry[] = [];
    if (base.contentId !== null) {
      metadata.push(
        ...(r
          .stmt('SELECT source, key, value FROM content_metadata WHERE content_id = ? ORDER BY seq')
          .all(base.contentId) as MetadataEntry[]),
      );
    }
    metadata.push(
      ...(r.stmt('SELECT source, key, value FROM occurrence_metadata WHERE doc_rowid = ? ORDER BY seq').all(base.rowid) as MetadataEntry[]),
    );
    const content =
      base.contentId === null
        ? undefined
        : (r.stmt('SELECT facts FROM content WHERE rowid = ?').pluck(false).get(base.contentId) as { facts: string } | undefined);
    // The full-text row ends with the OCR text, shown apart (ocr): the preview stops before it.
    const ownChars = base.contentId === null ? undefined : extractedTextChars(r, base.contentId);
    const text =
      base.contentId === null
        ? null
        : (r
            .stmt('SELECT substr(body, 1, ?) FROM content_fts WHERE rowid = ?')
            .pluck()
            .get(Math.min(TEXT_PREVIEW_CHARS, ownChars ?? TEXT_PREVIEW_CHARS), base.contentId) as string | null | undefined);
    const note = (r.stmt('SELECT note FROM notes WHERE doc_id = ?').pluck().get(id) as string | undefined) ?? '';
    const { findings, errors } = findingViews(r, base.rowid, explain);
    return {
      row: publicRow(row),
      locator: base.locator,
      parentId: base.parentId,
      children,
      occurrences,
      metadata,
      facts: parseJsonColumn<Facts>(content?.facts, {}),
      findings,
      note,
      errors,
      textPreview: text ?? '',
      ocr: base.contentId === null ? [] : ocrPagesOf(r, base.contentId),
    };
  });
}
