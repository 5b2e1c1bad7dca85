// Replacing one check's findings on a content after it was re-run outside a scan (DKIM, after keys were
// imported), and rescoring the documents that hold it with the caller's scoring function.

import type { Db } from '../db.js';
import type { Finding, Severity } from '../../model/document.js';
import { SEVERITY_RANK } from '../severity.js';
import { invalidateSearchSummaries } from './summary-build.js';
import { isErrorCheck } from '../error-checks.js';

export type ScoreFn = (findings: Finding[]) => number;

/** Score, flags (findings that are evidence: not errors, not info) and top severity (any finding) of
 *  one document: the same rule as the ingest's updateScores in src/store/corpus-analysis.ts. */
function rescoreDocument(db: Db, docRowid: number, scoreFindings: ScoreFn): void {
  const rows = db.prepare('SELECT check_id AS "check", severity, message, evidence FROM findings WHERE doc_rowid = ?').all(docRowid) as {
    check: string;
    severity: Severity;
    message: string;
    evidence: string;
  }[];
  const findings: Finding[] = rows.map((f) => ({ check: f.check, severity: f.severity, message: f.message, evidence: {} }));
  const evidence = findings.filter((f) => !isErrorCheck(f.check));
  const flags = evidence.filter((f) => f.severity !== 'info').length;
  const top = findings.length ? Math.min(...findings.map((f) => SEVERITY_RANK[f.severity])) : null;
  db.prepare('UPDATE documents SET score = ?, flags = ?, top_severity = ? WHERE rowid = ?').run(
    scoreFindings(findings),
    flags,
    top,
    docRowid,
  );
}

/**
 * Replace the findings of `checkId` on one content (its cached content findings and the copies on
 * every document with that content), then rescore those documents. Returns the documents touched.
 */
export function replaceContentFindings(
  db: Db,
  contentId: number,
  checkId: string,
  findings: readonly Finding[],
  scoreFindings: ScoreFn,
): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM content_findings WHERE content_id = ? AND check_id = ?').run(contentId, checkId);
    const insC = db.prepare('INSERT INTO content_findings (content_id, check_id, severity, message, evidence) VALUES (?, ?, ?, ?, ?)');
    for (const f of findings) insC.run(contentId, checkId, f.severity, f.message, JSON.stringify(f.evidence ?? {}));
    const docs = db.prepare('SELECT rowid FROM documents WHERE content_id = ?').pluck().all(contentId) as number[];
    const del = db.prepare("DELETE FROM findings WHERE doc_rowid = ? AND check_id = ? AND origin = 'content'");
    const ins = db.prepare(
      `INSERT INTO findings (doc_rowid, origin, check_id, severity, severity_rank, message, evidence) VALUES (?, 'content', ?, ?, ?, ?, ?)`,
    );
    for (const d of docs) {
      del.run(d, checkId);
      for (const f of findings) ins.run(d, checkId, f.severity, SEVERITY_RANK[f.severity], f.message, JSON.stringify(f.evidence ?? {}));
      rescoreDocument(db, d, scoreFindings);
    }
    // Scores and findings changed outside a scan: the search summary no longer describes them.
    if (docs.length) invalidateSearchSummaries(db);
    return docs.length;
  })();
}
