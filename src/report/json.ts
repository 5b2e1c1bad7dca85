// The JSON report of DESIGN.md: the external contract (schema: verity-report.schema.json).

import type { Db } from '../store/db.js';
import type { JsonReport, ReportDocument, ReportFlag, ReportMetadataEntry } from '../model/report.js';
import type { ReportSelection } from '../model/api.js';
import type { DocumentKind, Severity, Verdict } from '../model/document.js';
import { selectDocuments } from './select.js';
import { VERITY_VERSION } from '../version.js';

export interface JsonReportOptions {
  metadata?: boolean;
  /** Fixed generation time (tests, reproducibility); defaults to now. */
  generatedAt?: string;
}

export function buildJsonReport(db: Db, selection: ReportSelection, opts: JsonReportOptions = {}): JsonReport {
  const docs = selectDocuments(db, selection);
  const findings = db.prepare('SELECT check_id AS "check", severity, message, evidence FROM findings WHERE doc_rowid = ? ORDER BY severity_rank, check_id, message, rowid');
  const tags = db.prepare('SELECT tag FROM tags WHERE doc_id = ? ORDER BY tag').pluck();
  const verdict = db.prepare('SELECT verdict FROM verdicts WHERE doc_id = ?').pluck();
  const note = db.prepare('SELECT note FROM notes WHERE doc_id = ?').pluck();
  const messageId = db.prepare('SELECT message_id FROM emails WHERE content_id = ?').pluck();
  const meta = db.prepare('SELECT source, key, value FROM content_metadata WHERE content_id = ? ORDER BY seq');
  const occ = db.prepare('SELECT source, key, value FROM occurrence_metadata WHERE doc_rowid = ? ORDER BY seq');
  const root = (db.prepare("SELECT value FROM case_meta WHERE key = 'dump_root'").pluck().get() as string | undefined) ?? '';
  const total = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;

  const documents: ReportDocument[] = docs.map((d) => {
    const flags = (findings.all(d.rowid) as { check: string; severity: Severity; message: string; evidence: string }[]).map(
      (f): ReportFlag => ({ check: f.check, severity: f.severity, message: f.message, evidence: JSON.parse(f.evidence) as Record<string, unknown> }),
    );
    const out: ReportDocument = {
      id: d.id,
      path: d.path,
      sha256: d.sha256,
      kind: d.kind as DocumentKind,
      score: d.score,
      flags,
      tags: tags.all(d.id) as string[],
      verdict: ((verdict.get(d.id) as Verdict | undefined) ?? 'unresolved'),
      note: (note.get(d.id) as string | undefined) ?? '',
    };
    if (d.kind === 'email' && d.contentId !== null) {
      const mid = messageId.get(d.contentId) as string | null | undefined;
      if (mid) out.messageId = mid;
    }
    if (d.parentId) out.parent = d.parentId;
    if (opts.metadata) {
      const entries = [
        ...(d.contentId !== null ? (meta.all(d.contentId) as ReportMetadataEntry[]) : []),
        ...(occ.all(d.rowid) as ReportMetadataEntry[]),
      ];
      out.metadata = entries;
    }
    return out;
  });
  return {
    tool: 'verity',
    version: VERITY_VERSION,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    dump: { root, documents: total },
    documents,
  };
}
