// What the corpus checks read: every document with its facts and the parts they ask for, streamed.

import type { Db } from './db.js';
import type { DocumentKind, Finding, MetadataEntry } from '../model/document.js';
import type { Facts } from '../model/facts.js';

export interface CorpusRow {
  id: string;
  rowid: number;
  parentId: string | null;
  path: string;
  kind: DocumentKind;
  mime: string;
  name: string;
  size: number;
  sha256: string;
  metadata: MetadataEntry[];
  occurrence: MetadataEntry[];
  facts: Facts;
  text?: string;
  /** Findings of document checks (not corpus ones) recorded for this document. */
  findings: Finding[];
}

const TEXT_FOR_CORPUS = 200_000;

/** Stream documents (with facts, metadata and capped text) in pages: better-sqlite3 cannot run
 *  other statements while an iterator is open, and the callers read more per row. The order is
 *  (path, id), not rowid: rowids follow the order of writing, which differs between a resumed and
 *  an uninterrupted scan, and corpus checks that break ties by first appearance must decide the same. */
/** Parts of a row beyond kind, path and facts (the corpus checks' CorpusPart). */
type CorpusPart = 'text' | 'metadata' | 'occurrence' | 'findings' | 'email-headers';

/** Which documents and which of their parts to load; without `parts`, everything. */
export interface CorpusIteration {
  kinds?: readonly DocumentKind[];
  parts?: readonly CorpusPart[];
  /** Only these documents: the others are skipped before their facts and parts are read. */
  ids?: ReadonlySet<string>;
}

export function* iterateCorpus(db: Db, opts: CorpusIteration = {}, pageSize = 500): Iterable<CorpusRow> {
  const want = (p: CorpusPart) => !opts.parts || opts.parts.includes(p);
  const [wantText, wantMeta, wantOcc, wantFindings] = [want('text'), want('metadata'), want('occurrence'), want('findings')];
  // An email's facts are mostly its header list, hops and signatures, then its bodies: SQLite drops
  // what the pass does not read before it reaches JavaScript (JSON parsing is most of a pass's cost).
  let facts = 'c.facts';
  if (!want('email-headers'))
    facts = `json_replace(${facts}, '$.email.headers', json('[]'), '$.email.received', json('[]'), '$.email.dkim', json('[]'), '$.email.arc', json('[]'))`;
  if (!wantText) facts = `json_remove(${facts}, '$.email.text', '$.email.html')`;
  // Kinds are bound parameters. The unary + keeps SQLite on the path index: with the kind index it
  // would sort every document of those kinds (facts included) again for each page of 500.
  const kinds = opts.kinds ? [...opts.kinds] : [];
  const kindClause = kinds.length ? `AND +d.kind IN (${kinds.map(() => '?').join(', ')})` : '';
  const meta = db.prepare('SELECT source, key, value FROM content_metadata WHERE content_id = ? ORDER BY seq');
  const occ = db.prepare('SELECT source, key, value FROM occurrence_metadata WHERE doc_rowid = ? ORDER BY seq');
  const text = db.prepare('SELECT substr(body, 1, ?) AS t FROM content_fts WHERE rowid = ?').pluck();
  const found = db.prepare(
    "SELECT check_id AS c, severity AS s, message AS m, evidence AS e FROM findings WHERE doc_rowid = ? AND origin != 'corpus' ORDER BY rowid",
  );
  const page =
    db.prepare(`SELECT d.rowid, d.id, d.parent_id AS parentId, d.path, d.kind, d.mime, d.name, d.size, d.sha256, d.content_id AS contentId, ${facts} AS facts
    FROM documents d LEFT JOIN content c ON c.rowid = d.content_id WHERE (d.path, d.id) > (?, ?) ${kindClause} ORDER BY d.path, d.id LIMIT ?`);
  type Row = {
    rowid: number;
    id: string;
    parentId: string | null;
    path: string;
    kind: DocumentKind;
    mime: string;
    name: string;
    size: number;
    sha256: string;
    contentId: number | null;
    facts: string | null;
  };
  for (let afterPath = '', afterId = ''; ;) {
    const rows = page.all(afterPath, afterId, ...kinds, pageSize) as Row[];
    if (rows.length === 0) return;
    afterPath = rows[rows.length - 1].path;
    afterId = rows[rows.length - 1].id;
    for (const r of rows) {
      if (opts.ids && !opts.ids.has(r.id)) continue;
      yield {
        id: r.id,
        rowid: r.rowid,
        parentId: r.parentId,
        path: r.path,
        kind: r.kind,
        mime: r.mime,
        name: r.name,
        size: r.size,
        sha256: r.sha256,
        metadata: wantMeta && r.contentId ? (meta.all(r.contentId) as MetadataEntry[]) : [],
        occurrence: wantOcc ? (occ.all(r.rowid) as MetadataEntry[]) : [],
        facts: r.facts ? (JSON.parse(r.facts) as Facts) : {},
        ...(wantText ? { text: r.contentId ? ((text.get(TEXT_FOR_CORPUS, r.contentId) as string | undefined) ?? '') : '' } : {}),
        findings: !wantFindings
          ? []
          : (found.all(r.rowid) as { c: string; s: Finding['severity']; m: string; e: string }[]).map((f) => ({
              check: f.c,
              severity: f.s,
              message: f.m,
              evidence: JSON.parse(f.e) as Record<string, unknown>,
            })),
      };
    }
  }
}
