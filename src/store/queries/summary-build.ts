// The build side of the search summaries: derived tables that let the documents table, its totals
// and its facets answer in O(page) on a million documents, rebuilt after a scan (docs/store.md).

import type { Db } from '../db.js';
import { setMetaValue } from '../case-meta.js';
import { termFacetRows } from './facets.js';
import { COMMON_TEXT_MIN, COMMON_TEXT_SHARE } from './fts.js';
import {
  builtFor,
  DAY_CHARS,
  MARK_BLOCK,
  type MARKED_FACETS,
  readStamp,
  SUMMARY_KEY,
  type OrderTable,
  type Stamp,
} from './summary-read.js';

/** A word is "common" (its best matches are kept) above this many matching contents. */
const COMMON_TERM_MIN_MATCHES = 20_000;
/** Best-ranked contents kept per common word: the first 10 pages of 100. */
const TERM_TOP_KEPT = 1000;
/** Ranked contents fetched per kept one, to find where a tie of ranks ends. */
const TERM_TOP_FETCH = 5;

/** Bump when the summary gains a part: the next refresh rebuilds it even with unchanged data. */
const SUMMARY_FORMAT = 3;

/** One pass over the score index and the findings: changes when any document, score or finding does. */
function fingerprint(db: Db): string {
  const d = db.prepare('SELECT count(*) AS n, total(score) AS s, total(rowid) AS r FROM documents INDEXED BY documents_by_score').get() as {
    n: number;
    s: number;
    r: number;
  };
  const f = db.prepare('SELECT count(*) AS n, total(rowid) AS r, total(severity_rank) AS s FROM findings').get() as {
    n: number;
    r: number;
    s: number;
  };
  const c = db.prepare('SELECT count(*) AS n, max(rowid) AS m FROM content').get() as { n: number; m: number | null };
  return JSON.stringify([d, f, c]);
}

/** Mark the summary stale (after a write that changes scores or findings outside a scan). */
export function invalidateSearchSummaries(db: Db): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'case_meta'").get())
    db.prepare('DELETE FROM case_meta WHERE key = ?').run(SUMMARY_KEY);
}

export interface RefreshOptions {
  /** Rebuild even when the fingerprint says nothing changed. */
  force?: boolean;
  /** Defaults COMMON_TERM_MIN_MATCHES and TERM_TOP_KEPT (tests lower them on small cases). */
  minTermMatches?: number;
  termTopKept?: number;
  /** Default MARK_MIN_DOCUMENTS (tests lower it on small cases). */
  markMinDocuments?: number;
}

/**
 * Rebuild the search summaries if the indexed data changed since they were built. Call after a scan
 * has written its documents, findings and scores. Costs a fingerprint pass (~0.2 s on 1M documents)
 * when nothing changed, a full rebuild (tens of seconds on 1M documents) otherwise.
 */
export function refreshSearchSummaries(
  db: Db,
  opts: RefreshOptions = {},
): { rebuilt: boolean; ms: number; parts?: Record<string, number> } {
  const started = performance.now();
  const stamp = readStamp(db);
  const fp = fingerprint(db);
  const now = builtFor(db);
  if (!opts.force && stamp && stamp.fingerprint === fp && stamp.format === SUMMARY_FORMAT) {
    if (stamp.builtFor !== now) writeStamp(db, { builtFor: now, fingerprint: fp, format: SUMMARY_FORMAT });
    return { rebuilt: false, ms: performance.now() - started };
  }
  const parts: Record<string, number> = { check: performance.now() - started };
  const part = (name: string, fn: () => void) => {
    const t = performance.now();
    fn();
    parts[name] = Math.round(performance.now() - t);
  };
  db.transaction(() => {
    part('orders', () => rebuildOrders(db));
    part('facets', () => rebuildFacets(db));
    part('days', () => rebuildDays(db));
    part('marks', () => rebuildMarks(db, opts.markMinDocuments ?? MARK_MIN_DOCUMENTS));
    part('terms', () => rebuildTerms(db, opts.minTermMatches ?? COMMON_TERM_MIN_MATCHES, opts.termTopKept ?? TERM_TOP_KEPT));
    writeStamp(db, { builtFor: now, fingerprint: fp, format: SUMMARY_FORMAT });
  })();
  return { rebuilt: true, ms: performance.now() - started, parts };
}

function writeStamp(db: Db, s: Stamp): void {
  setMetaValue(db, SUMMARY_KEY, JSON.stringify(s));
}

// The base direction of each table; search.ts walks it forwards or backwards. These ORDER BY
// clauses must stay the same total orders as search.ts orderBy (score desc, date asc, path asc).
const ORDERS: [OrderTable, string][] = [
  ['summary_order_score', 'score DESC, path ASC, rowid ASC'],
  ['summary_order_date', 'date ASC, rowid ASC'],
  ['summary_order_path', 'path ASC, rowid ASC'],
];

function rebuildOrders(db: Db): void {
  for (const [table, order] of ORDERS) {
    db.exec(`DELETE FROM ${table}`);
    db.exec(`INSERT INTO ${table} (pos, doc_rowid) SELECT row_number() OVER (ORDER BY ${order}), rowid FROM documents ORDER BY ${order}`);
  }
}

function rebuildFacets(db: Db): void {
  db.exec('DELETE FROM summary_facets');
  const ins = `INSERT INTO summary_facets (filter_facet, filter_value, facet, value, count)`;
  db.exec(`${ins} SELECT '', '', '', '', count(*) FROM documents`);
  db.exec(`${ins} SELECT '', '', 'kinds', kind, count(*) FROM documents GROUP BY kind`);
  db.exec(`${ins} SELECT '', '', 'people', person, count(*) FROM documents WHERE person IS NOT NULL GROUP BY person`);
  // kinds x people, both ways, in one pass over the documents.
  db.exec(
    `CREATE TEMP TABLE summary_kp AS SELECT kind, person, count(*) AS n FROM documents WHERE person IS NOT NULL GROUP BY kind, person`,
  );
  db.exec(`${ins} SELECT 'kinds', kind, 'people', person, n FROM temp.summary_kp`);
  db.exec(`${ins} SELECT 'people', person, 'kinds', kind, n FROM temp.summary_kp`);
  db.exec('DROP TABLE temp.summary_kp');
  // Findings-based facets count documents: one row per (document, facet value), with the
  // document's kind and person for the cross counts.
  db.exec(`CREATE TEMP TABLE summary_fd AS
    SELECT x.doc, x.facet, x.value, d.kind, d.person FROM (
      SELECT DISTINCT doc_rowid AS doc, 'checks' AS facet, check_id AS value FROM findings
      UNION SELECT DISTINCT doc_rowid, 'severities', CAST(severity_rank AS TEXT) FROM findings) x
    JOIN documents d ON d.rowid = x.doc`);
  db.exec('CREATE INDEX temp.summary_fd_doc ON summary_fd(doc, facet)');
  db.exec(`${ins} SELECT '', '', facet, value, count(*) FROM temp.summary_fd GROUP BY facet, value`);
  db.exec(`${ins} SELECT 'kinds', kind, facet, value, count(*) FROM temp.summary_fd GROUP BY kind, facet, value`);
  db.exec(`${ins} SELECT facet, value, 'kinds', kind, count(*) FROM temp.summary_fd GROUP BY facet, value, kind`);
  db.exec(
    `${ins} SELECT 'people', person, facet, value, count(*) FROM temp.summary_fd WHERE person IS NOT NULL GROUP BY person, facet, value`,
  );
  db.exec(
    `${ins} SELECT facet, value, 'people', person, count(*) FROM temp.summary_fd WHERE person IS NOT NULL GROUP BY facet, value, person`,
  );
  db.exec(`${ins} SELECT a.facet, a.value, b.facet, b.value, count(*) FROM temp.summary_fd a JOIN temp.summary_fd b ON b.doc = a.doc AND b.facet <> a.facet
    GROUP BY a.facet, a.value, b.facet, b.value`);
  db.exec('DROP TABLE temp.summary_fd');
}

/**
 * Per day, the documents counted by kind, person, check and severity (unfiltered), and those with
 * findings under one check or severity by kind, person and the other findings facet: every count a
 * facet needs for a date range plus at most one check or severity (facets.ts dateRangeFacet). At
 * most a row per document and facet (far fewer: a day's documents share kinds and people).
 */
function rebuildDays(db: Db): void {
  db.exec('DELETE FROM summary_day_facets');
  const ins = 'INSERT INTO summary_day_facets (filter_facet, filter_value, facet, day, value, count)';
  db.exec(`CREATE TEMP TABLE summary_dd AS
    SELECT x.doc, x.facet, x.value, d.kind, d.person, substr(d.date, 1, ${DAY_CHARS}) AS day FROM (
      SELECT DISTINCT doc_rowid AS doc, 'checks' AS facet, check_id AS value FROM findings
      UNION SELECT DISTINCT doc_rowid, 'severities', CAST(severity_rank AS TEXT) FROM findings) x
    JOIN documents d ON d.rowid = x.doc WHERE d.date IS NOT NULL`);
  try {
    for (const [facet, column] of [
      ['kinds', 'kind'],
      ['people', 'person'],
    ]) {
      db.exec(`${ins} SELECT '', '', '${facet}', substr(date, 1, ${DAY_CHARS}) AS day, ${column} AS value, count(*) FROM documents
        WHERE date IS NOT NULL AND ${column} IS NOT NULL GROUP BY day, value`);
    }
    db.exec('CREATE INDEX temp.summary_dd_doc ON summary_dd(doc, facet)');
    db.exec(`${ins} SELECT '', '', facet, day, value, count(*) FROM temp.summary_dd GROUP BY facet, day, value`);
    db.exec(`${ins} SELECT facet, value, 'kinds', day, kind, count(*) FROM temp.summary_dd GROUP BY facet, value, day, kind`);
    db.exec(
      `${ins} SELECT facet, value, 'people', day, person, count(*) FROM temp.summary_dd WHERE person IS NOT NULL GROUP BY facet, value, day, person`,
    );
    db.exec(`${ins} SELECT a.facet, a.value, b.facet, a.day, b.value, count(*) FROM temp.summary_dd a JOIN temp.summary_dd b ON b.doc = a.doc AND b.facet <> a.facet
      GROUP BY a.facet, a.value, b.facet, a.day, b.value`);
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.summary_dd');
  }
}

/** A kind or person gets order marks from this many documents on (fewer are paged fast through
 *  their own index, or sorted whole in a few milliseconds). */
const MARK_MIN_DOCUMENTS = 10_000;

/**
 * Order marks: for each table order and each large kind or person, how many of its documents come
 * before each block of MARK_BLOCK positions. Page N of one kind in any order then starts at the
 * block holding its first row and walks at most a block plus a page (search.ts markedPage), where
 * an OFFSET walks N index entries (or sorts the whole kind, for date and path order).
 */
function rebuildMarks(db: Db, minDocuments: number): void {
  db.exec('DELETE FROM summary_order_marks');
  const ins = db.prepare('INSERT INTO summary_order_marks (order_table, facet, value, block, before) VALUES (?, ?, ?, ?, ?)');
  const large = db
    .prepare("SELECT facet, value FROM summary_facets WHERE filter_facet = '' AND facet IN ('kinds', 'people') AND count >= ?")
    .all(minDocuments) as { facet: keyof typeof MARKED_FACETS; value: string }[];
  if (large.length === 0) return;
  // Which marked kind and person each document has (index into `large`, -1 for none), read in one
  // sequential pass, so walking each order is a scan of its positions, not a join per position.
  const index = new Map(large.map((m, i) => [`${m.facet}\u0000${m.value}`, i]));
  const maxRowid = (db.prepare('SELECT max(rowid) FROM documents').pluck().get() as number | null) ?? 0;
  const kindOf = new Int32Array(maxRowid + 1).fill(-1);
  const personOf = new Int32Array(maxRowid + 1).fill(-1);
  for (const [rowid, kind, person] of db.prepare('SELECT rowid, kind, person FROM documents').raw().iterate() as Iterable<
    [number, string, string | null]
  >) {
    kindOf[rowid] = index.get(`kinds\u0000${kind}`) ?? -1;
    if (person !== null) personOf[rowid] = index.get(`people\u0000${person}`) ?? -1;
  }
  for (const [table] of ORDERS) {
    const seen = new Int32Array(large.length);
    const marks: [number, number, number][] = [];
    let pos = 0;
    for (const rowid of db.prepare(`SELECT doc_rowid FROM ${table} ORDER BY pos`).pluck().iterate() as Iterable<number>) {
      if (pos % MARK_BLOCK === 0) large.forEach((_, i) => marks.push([i, pos / MARK_BLOCK, seen[i]]));
      if (kindOf[rowid] >= 0) seen[kindOf[rowid]]++;
      if (personOf[rowid] >= 0) seen[personOf[rowid]]++;
      pos++;
    }
    // (written after the walk: the connection cannot write while a statement iterates)
    for (const [i, block, before] of marks) ins.run(table, large[i].facet, large[i].value, block, before);
  }
}

function rebuildTerms(db: Db, minMatches: number, kept: number): void {
  db.exec('DELETE FROM summary_terms');
  db.exec('DELETE FROM summary_term_top');
  db.exec('DELETE FROM summary_term_facets');
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.summary_vocab USING fts5vocab(main, content_fts, row)');
  // A word's document total = its matching contents + the extra documents of contents that occur
  // more (or less: none) than once. Those contents are few, so this costs a doclist walk per word
  // instead of a walk of every document per word.
  db.exec(`CREATE TEMP TABLE summary_extra (content_id INTEGER PRIMARY KEY, extra INTEGER NOT NULL)`);
  db.exec(
    `INSERT INTO temp.summary_extra SELECT content_id, count(*) - 1 FROM documents WHERE content_id IS NOT NULL GROUP BY content_id HAVING count(*) > 1`,
  );
  db.exec(
    `INSERT INTO temp.summary_extra SELECT rowid, -1 FROM content WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.content_id = content.rowid)`,
  );
  try {
    const terms = db.prepare('SELECT term, doc FROM temp.summary_vocab WHERE doc >= ?').all(minMatches) as { term: string; doc: number }[];
    const top = db.prepare('SELECT rowid AS cid, rank AS r FROM content_fts WHERE content_fts MATCH ? ORDER BY rank LIMIT ?');
    const insTop = db.prepare('INSERT INTO summary_term_top (term, pos, content_id, r) VALUES (?, ?, ?, ?)');
    const insTerm = db.prepare('INSERT INTO summary_terms (term, matches, documents, kept) VALUES (?, ?, ?, ?)');
    const insFacet = db.prepare('INSERT INTO summary_term_facets (term, facet, value, count) VALUES (?, ?, ?, ?)');
    const contents = (db.prepare('SELECT max(rowid) FROM content').pluck().get() as number | null) ?? 0;
    const extra = db
      .prepare(
        'SELECT total(x.extra) FROM content_fts m CROSS JOIN temp.summary_extra x ON x.content_id = m.rowid WHERE content_fts MATCH ?',
      )
      .pluck();
    for (const { term, doc } of terms) {
      // Only plain words: the query side looks terms up by the word the analyst typed.
      if (!/^[a-z0-9]+$/.test(term)) continue;
      const match = `"${term}"`;
      const fetched = top.all(match, kept * TERM_TOP_FETCH) as { cid: number; r: number }[];
      const rows = fetched.slice(
        0,
        completeGroups(
          fetched.map((x) => x.r),
          kept,
          fetched.length === doc,
        ),
      );
      rows.forEach((x, i) => insTop.run(term, i, x.cid, x.r));
      const documents = doc + (extra.get(match) as number);
      insTerm.run(term, doc, documents, rows.length);
      if (doc > COMMON_TEXT_MIN && doc > contents * COMMON_TEXT_SHARE) {
        for (const f of termFacetRows(db, term, documents)) insFacet.run(term, f.facet, f.value, f.count);
      }
    }
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.summary_vocab');
    db.exec('DROP TABLE IF EXISTS temp.summary_extra');
  }
}

/**
 * How many of these best ranks (ascending) to keep so that the kept rows hold every content of each
 * rank they include: bm25 ties are common (texts of similar length), the table orders ties by
 * document rowid, and a partly kept tie would put a page's rows in the wrong order. The cut is at
 * the first change of rank from `want` on (or the last one before it); the last fetched rank may be
 * incomplete unless every match was fetched.
 */
export function completeGroups(ranks: readonly number[], want: number, all: boolean): number {
  if (all) return ranks.length;
  for (let i = Math.max(1, want); i < ranks.length; i++) if (ranks[i] !== ranks[i - 1]) return i;
  for (let i = Math.min(want, ranks.length - 1); i >= 1; i--) if (ranks[i] !== ranks[i - 1]) return i;
  return 0;
}
