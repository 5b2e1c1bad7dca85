// What a report shows of the case: each selected document with its findings, analyst's work and
// metadata, read in fixed SQL orders so the same case and selection always give the same data.

import type { Db } from '../db.js';
import type { ReportSelection } from '../../model/api.js';
import type { ReportDocument, ReportFlag, ReportMetadataEntry } from '../../model/report.js';
import type { DocumentKind, Locator, Severity, Verdict } from '../../model/document.js';
import type { Facts, PersonClaim } from '../../model/facts.js';
import { buildFilter, selectionQuery } from './filter.js';
import { parseJsonColumn } from '../json-column.js';

export interface CaseReportDocument extends ReportDocument {
  /** Always read here; the JSON report writes it only when asked (--metadata). */
  metadata: ReportMetadataEntry[];
  name: string;
  title: string | null;
  mime: string;
  size: number;
  /** Best date the document claims (UTC ISO), as the store computed it. */
  date: string | null;
  locator: Locator;
  /** People named in the extracted facts (author, editor, sender, recipients...). */
  people: PersonClaim[];
  /** Path of the containing document, when there is one. */
  parentPath?: string;
}

interface SelectedDocument {
  rowid: number;
  id: string;
  path: string;
  sha256: string;
  kind: string;
  parentId: string | null;
  contentId: number | null;
  score: number;
}

/** The documents of a selection, by the store's one definition of "which documents match" (filter.ts),
 *  so a report holds exactly what the table showed; ordered by path then id. */
function selectDocuments(db: Db, sel: ReportSelection): SelectedDocument[] {
  const f = buildFilter(selectionQuery(sel));
  const sql = `SELECT d.rowid, d.id, d.path, d.sha256, d.kind, d.parent_id AS parentId, d.content_id AS contentId, d.score
    FROM documents d WHERE ${f.where} ORDER BY d.path, d.id`;
  return db.prepare(sql).all(...f.params) as SelectedDocument[];
}

/** Every document of the selection as a report shows it. */
export function reportDocuments(db: Db, selection: ReportSelection): CaseReportDocument[] {
  const docs = selectDocuments(db, selection);
  const findings = db.prepare(
    'SELECT check_id AS "check", severity, message, evidence FROM findings WHERE doc_rowid = ? ORDER BY severity_rank, check_id, message, rowid',
  );
  const tags = db.prepare('SELECT tag FROM tags WHERE doc_id = ? ORDER BY tag').pluck();
  const verdict = db.prepare('SELECT verdict FROM verdicts WHERE doc_id = ?').pluck();
  const note = db.prepare('SELECT note FROM notes WHERE doc_id = ?').pluck();
  const messageId = db.prepare('SELECT message_id FROM emails WHERE content_id = ?').pluck();
  const meta = db.prepare('SELECT source, key, value FROM content_metadata WHERE content_id = ? ORDER BY seq');
  const occ = db.prepare('SELECT source, key, value FROM occurrence_metadata WHERE doc_rowid = ? ORDER BY seq');
  const parentPath = db.prepare('SELECT path FROM documents WHERE id = ?').pluck();
  const extra = db.prepare(
    'SELECT d.name, d.title, d.mime, d.size, d.date, d.locator, c.facts FROM documents d LEFT JOIN content c ON c.rowid = d.content_id WHERE d.rowid = ?',
  );

  return docs.map((d) => {
    const flags = (findings.all(d.rowid) as { check: string; severity: Severity; message: string; evidence: string }[]).map(
      (f): ReportFlag => ({
        check: f.check,
        severity: f.severity,
        message: f.message,
        evidence: parseJsonColumn<Record<string, unknown>>(f.evidence, {}),
      }),
    );
    const x = extra.get(d.rowid) as {
      name: string;
      title: string | null;
      mime: string;
      size: number;
      date: string | null;
      locator: string;
      facts: string | null;
    };
    const facts = parseJsonColumn<Facts>(x.facts, {});
    const out: CaseReportDocument = {
      id: d.id,
      path: d.path,
      sha256: d.sha256,
      kind: d.kind as DocumentKind,
      score: d.score,
      flags,
      tags: tags.all(d.id) as string[],
      verdict: (verdict.get(d.id) as Verdict | undefined) ?? 'unresolved',
      note: (note.get(d.id) as string | undefined) ?? '',
      metadata: [
        ...(d.contentId !== null ? (meta.all(d.contentId) as ReportMetadataEntry[]) : []),
        ...(occ.all(d.rowid) as ReportMetadataEntry[]),
      ],
      name: x.name,
      title: x.title,
      mime: x.mime,
      size: x.size,
      date: x.date,
      locator: parseJsonColumn<Locator>(x.locator, []),
      people: Array.isArray(facts.people) ? facts.people : [],
    };
    if (d.kind === 'email' && d.contentId !== null) {
      const mid = messageId.get(d.contentId) as string | null | undefined;
      if (mid) out.messageId = mid;
    }
    if (d.parentId) {
      out.parent = d.parentId;
      const pp = parentPath.get(d.parentId) as string | undefined;
      if (pp !== undefined) out.parentPath = pp;
    }
    return out;
  });
}

/** Verdicts the analyst gave to documents the case still holds, counted ('unresolved' is every other document). */
export function verdictCounts(db: Db): { verdict: Verdict; n: number }[] {
  return db
    .prepare('SELECT verdict, count(*) AS n FROM verdicts WHERE doc_id IN (SELECT id FROM documents) GROUP BY verdict ORDER BY verdict')
    .all() as { verdict: Verdict; n: number }[];
}

/** [id, path] of those of these ids the case holds, sorted by id. */
export function documentPaths(db: Db, ids: readonly string[]): [string, string][] {
  return db
    .prepare('SELECT id, path FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .raw()
    .all(JSON.stringify(ids)) as [string, string][];
}

/** Every distinct (key, value) of the case's content metadata under these keys. */
export function metadataValuesOf(db: Db, keys: readonly string[]): { key: string; value: string }[] {
  return db
    .prepare('SELECT DISTINCT key, value FROM content_metadata WHERE key IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(keys)) as { key: string; value: string }[];
}
