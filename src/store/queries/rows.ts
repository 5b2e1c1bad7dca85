// DocumentRow assembly for a page of document rowids: one query for the rows (with verdicts), one
// for their tags, both by rowid list. A page is at most a few hundred rows, so this stays O(page).

import type { DocumentRow } from '../../model/api.js';
import type { DocumentKind, Verdict } from '../../model/document.js';
import { RANK_SEVERITY } from '../severity.js';
import type { CaseReader } from './reader.js';

interface RawRow {
  rowid: number;
  id: string;
  path: string;
  name: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  score: number;
  date: string | null;
  title: string | null;
  person: string | null;
  flags: number;
  top_severity: number | null;
  verdict: string | null;
}

const ROWS_SQL = `SELECT d.rowid, d.id, d.path, d.name, d.kind, d.mime, d.size, d.sha256, d.score, d.date, d.title, d.person,
  d.flags, d.top_severity, v.verdict
  FROM documents d LEFT JOIN verdicts v ON v.doc_id = d.id
  WHERE d.rowid IN (SELECT value FROM json_each(?))`;

const TAGS_SQL = 'SELECT doc_id, tag FROM tags WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY tag';

/** Rows for these document rowids, in the order given. */
export function rowsByRowid(r: CaseReader, rowids: readonly number[]): (DocumentRow & { rowid: number })[] {
  if (rowids.length === 0) return [];
  const raw = r.stmt(ROWS_SQL).all(JSON.stringify(rowids)) as RawRow[];
  const byRowid = new Map(raw.map((x) => [x.rowid, x]));
  const tags = new Map<string, string[]>();
  for (const t of r.stmt(TAGS_SQL).all(JSON.stringify(raw.map((x) => x.id))) as { doc_id: string; tag: string }[]) {
    const l = tags.get(t.doc_id);
    if (l) l.push(t.tag);
    else tags.set(t.doc_id, [t.tag]);
  }
  const out: (DocumentRow & { rowid: number })[] = [];
  for (const rowid of rowids) {
    const x = byRowid.get(rowid);
    if (!x) continue;
    out.push({
      rowid: x.rowid,
      id: x.id,
      path: x.path,
      name: x.name,
      kind: x.kind as DocumentKind,
      mime: x.mime,
      size: x.size,
      sha256: x.sha256,
      score: x.score,
      date: x.date,
      title: x.title,
      person: x.person,
      flags: x.flags,
      topSeverity: x.top_severity === null ? null : (RANK_SEVERITY[x.top_severity] ?? null),
      verdict: (x.verdict ?? 'unresolved') as Verdict,
      tags: tags.get(x.id) ?? [],
    });
  }
  return out;
}

/** Strip the internal rowid before a row leaves the store. */
export function publicRow(row: DocumentRow & { rowid?: number }): DocumentRow {
  const { rowid: _rowid, ...rest } = row;
  return rest;
}
