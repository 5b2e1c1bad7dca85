// Which documents a report covers: a tag, a verdict, a minimum score, explicit ids, or all.
// Ordered by path then id, so the same case and selection always give the same report.

import type { Db } from '../store/db.js';
import type { ReportSelection } from '../model/api.js';

export interface SelectedDocument {
  rowid: number;
  id: string;
  path: string;
  sha256: string;
  kind: string;
  parentId: string | null;
  contentId: number | null;
  score: number;
}

export function selectDocuments(db: Db, sel: ReportSelection): SelectedDocument[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (sel.tag) {
    where.push('d.id IN (SELECT doc_id FROM tags WHERE tag = ?)');
    args.push(sel.tag);
  }
  if (sel.verdict) {
    if (sel.verdict === 'unresolved') where.push("coalesce((SELECT verdict FROM verdicts v WHERE v.doc_id = d.id), 'unresolved') = 'unresolved'");
    else {
      where.push('d.id IN (SELECT doc_id FROM verdicts WHERE verdict = ?)');
      args.push(sel.verdict);
    }
  }
  if (sel.minScore !== undefined) {
    where.push('d.score >= ?');
    args.push(sel.minScore);
  }
  if (sel.documents?.length) {
    where.push(`d.id IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(sel.documents));
  }
  const sql = `SELECT d.rowid, d.id, d.path, d.sha256, d.kind, d.parent_id AS parentId, d.content_id AS contentId, d.score
    FROM documents d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.path, d.id`;
  return db.prepare(sql).all(...args) as SelectedDocument[];
}
