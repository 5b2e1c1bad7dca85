// The analysis's writes: the corpus checks' findings, every document's score from its findings, and
// the check set they were computed with.

import type { Db } from './db.js';
import type { Finding } from '../model/document.js';
import { SEVERITY_RANK } from './severity.js';
import { recordAnalysedCheckset } from './case-meta.js';
import { isErrorCheck } from './error-checks.js';

export type CorpusFinding = { documentId: string; finding: Finding };

/** Replace the corpus findings, recompute every score and record the check set, in one transaction. */
export function writeCorpusAnalysis(
  db: Db,
  found: readonly CorpusFinding[],
  score: (findings: Finding[]) => number,
  checkset: string,
): number {
  let n = 0;
  db.transaction(() => {
    n = replaceCorpusFindings(db, found);
    updateScores(db, score);
    recordAnalysedCheckset(db, checkset);
  })();
  return n;
}

/** Replace all corpus-check findings. */
function replaceCorpusFindings(db: Db, findings: Iterable<{ documentId: string; finding: Finding }>): number {
  const rowid = db.prepare('SELECT rowid FROM documents WHERE id = ?').pluck();
  const ins = db.prepare(
    'INSERT INTO findings (doc_rowid, origin, check_id, severity, severity_rank, message, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let n = 0;
  db.prepare("DELETE FROM findings WHERE origin = 'corpus'").run();
  for (const { documentId, finding } of findings) {
    const r = rowid.get(documentId) as number | undefined;
    if (r === undefined) continue;
    ins.run(
      r,
      'corpus',
      finding.check,
      finding.severity,
      SEVERITY_RANK[finding.severity],
      finding.message,
      JSON.stringify(finding.evidence ?? {}),
    );
    n++;
  }
  return n;
}

/** Recompute every document's score, flag count and top severity from its findings. */
export function updateScores(db: Db, score: (findings: Finding[]) => number): void {
  const upd = db.prepare('UPDATE documents SET score = ?, flags = ?, top_severity = ? WHERE rowid = ?');
  const page = db.prepare(`SELECT doc_rowid AS d, check_id AS c, severity AS s, severity_rank AS r FROM findings
    WHERE doc_rowid IN (SELECT DISTINCT doc_rowid FROM findings WHERE doc_rowid > ? ORDER BY doc_rowid LIMIT 2000) ORDER BY doc_rowid`);
  db.prepare(
    'UPDATE documents SET score = 0, flags = 0, top_severity = NULL WHERE score != 0 OR flags != 0 OR top_severity IS NOT NULL',
  ).run();
  for (let after = 0; ;) {
    const rows = page.all(after) as { d: number; c: string; s: Finding['severity']; r: number }[];
    if (rows.length === 0) return;
    const byDoc = new Map<number, { fs: Finding[]; top: number }>();
    for (const r of rows) {
      const e = byDoc.get(r.d) ?? { fs: [], top: 9 };
      e.fs.push({ check: r.c, severity: r.s, message: '', evidence: {} });
      e.top = Math.min(e.top, r.r);
      byDoc.set(r.d, e);
      after = r.d;
    }
    for (const [d, { fs, top }] of byDoc) {
      const flags = fs.filter((f) => !isErrorCheck(f.check) && f.severity !== 'info').length;
      upd.run(score(fs), flags, top === 9 ? null : top, d);
    }
  }
}
