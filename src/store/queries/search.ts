// The documents table: one page of documents matching a query, its total and snippets, in O(page)
// on a million documents (docs/store.md, "Search").

import type { DocumentRow, SearchPage, SearchQuery } from '../../model/api.js';
import { buildFilter, ftsQuery, hasText } from './filter.js';
import type { CaseReader } from './reader.js';
import { publicRow, rowsByRowid } from './rows.js';
import { countMatching, estimateTotal, summaryTotal, textCountKey } from './count.js';
import { bareTerm, isCommonText, withFtsFallback } from './fts.js';
import { isTextOnly, soleFacetFilter } from './query-shape.js';
import { commonTerm, MARK_BLOCK, MARKED_FACETS, orderMark, summaryCount, validSummary, type OrderTable } from './summary-read.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

type Sort = NonNullable<SearchQuery['sort']>;
type PageRow = { rowid: number; content_id: number | null };

/** ORDER BY clauses that match an index scan (forward or backward), with a total order. */
function orderBy(sort: Sort, desc: boolean): string {
  switch (sort) {
    case 'relevance':
      // Equal ranks (common: texts of one length) in content order, so copies of one content stay
      // together and the best contents alone fix a page (rankedTextPage).
      return desc ? 'm.r ASC, m.cid ASC, d.rowid ASC' : 'm.r DESC, m.cid DESC, d.rowid DESC';
    case 'date':
      return desc ? 'd.date DESC, d.rowid DESC' : 'd.date ASC, d.rowid ASC';
    case 'path':
      return desc ? 'd.path DESC, d.rowid DESC' : 'd.path ASC, d.rowid ASC';
    case 'score':
    default:
      return desc ? 'd.score DESC, d.path ASC, d.rowid ASC' : 'd.score ASC, d.path DESC, d.rowid DESC';
  }
}

function effectiveSort(q: SearchQuery): { sort: Sort; desc: boolean } {
  let sort: Sort = q.sort ?? (hasText(q) ? 'relevance' : 'score');
  if (sort === 'relevance' && !hasText(q)) sort = 'score';
  const desc = (q.order ?? (sort === 'path' ? 'asc' : 'desc')) === 'desc';
  return { sort, desc };
}

/** For one page in score, date or path order, walking that order and testing membership beats
 *  ranking the matches from this share on: at 1% a page of 100 visits ~10,000 index entries, while
 *  the join looks up and sorts every match (measured on 1M documents: 30 ms against 90-240 ms). */
const PAGE_PROBE_SHARE = 0.01;

/** A date range holding over 1% of the documents: for a page in score or path order, walking that
 *  order and testing each date beats sorting the whole range (1M documents, half a year: 8 ms
 *  against 780 ms). Counting the range reads the date index only. */
function isWideDateRange(r: CaseReader, q: SearchQuery): boolean {
  if (!q.dateFrom && !q.dateTo) return false;
  const inRange = countMatching(r, { dateFrom: q.dateFrom, dateTo: q.dateTo });
  const all = r.cached('documents-max', () => r.stmt('SELECT max(rowid) FROM documents').pluck().get() as number | null) ?? 0;
  return inRange > all * PAGE_PROBE_SHARE;
}

/** Rowids (and content ids) of one page, in display order. */
const ORDER_TABLES: Record<Exclude<Sort, 'relevance'>, { table: OrderTable; baseDesc: boolean }> = {
  score: { table: 'summary_order_score', baseDesc: true },
  date: { table: 'summary_order_date', baseDesc: false },
  path: { table: 'summary_order_path', baseDesc: false },
};

/** Page of the unfiltered table from the summary's positions: O(limit) at any offset. */
function summaryPage(r: CaseReader, q: SearchQuery, sort: Sort, desc: boolean, offset: number, limit: number): PageRow[] | undefined {
  if (sort === 'relevance' || hasText(q) || soleFacetFilter(q) !== 'none' || !validSummary(r)) return undefined;
  const { table, baseDesc } = ORDER_TABLES[sort];
  const total = summaryCount(r, '', '', '', '');
  const forward = desc === baseDesc;
  const sql = forward
    ? `SELECT d.rowid, d.content_id FROM ${table} o CROSS JOIN documents d ON d.rowid = o.doc_rowid WHERE o.pos > ? ORDER BY o.pos LIMIT ?`
    : `SELECT d.rowid, d.content_id FROM ${table} o CROSS JOIN documents d ON d.rowid = o.doc_rowid WHERE o.pos <= ? ORDER BY o.pos DESC LIMIT ?`;
  return r.stmt(sql).all(forward ? offset : total - offset, limit) as PageRow[];
}

/** Page of one large kind or person (the only filter) in any table order, from the order marks:
 *  the walk starts at the block holding the page's first row, so it reads at most a block plus a
 *  page of positions at any offset (1M documents, the middle of 226,000 PDFs by date: ~900 ms
 *  sorting them all; a few ms this way). */
function markedPage(r: CaseReader, q: SearchQuery, sort: Sort, desc: boolean, offset: number, limit: number): PageRow[] | undefined {
  if (sort === 'relevance' || hasText(q) || !validSummary(r)) return undefined;
  const sole = soleFacetFilter(q);
  if (sole === null || sole === 'none' || !(sole.facet in MARKED_FACETS)) return undefined;
  const column = MARKED_FACETS[sole.facet as keyof typeof MARKED_FACETS];
  const { table, baseDesc } = ORDER_TABLES[sort];
  const total = summaryCount(r, '', '', sole.facet, sole.value);
  const forward = desc === baseDesc;
  // The rows wanted, as 0-based indexes among this value's documents in the table's base order.
  const count = Math.min(limit, total - offset);
  if (count <= 0) return [];
  const first = forward ? offset : total - offset - count;
  const mark = orderMark(r, table, sole.facet, sole.value, first);
  if (!mark) return undefined;
  const sql = `SELECT d.rowid, d.content_id FROM ${table} o CROSS JOIN documents d ON d.rowid = o.doc_rowid
    WHERE o.pos > ? AND d.${column} = ? ORDER BY o.pos LIMIT ? OFFSET ?`;
  const rows = r.stmt(sql).all(mark.block * MARK_BLOCK, sole.value, count, first - mark.before) as PageRow[];
  return forward ? rows : rows.reverse();
}

/** Relevance page of a common word from the summary's best matches, when they fill the page: they
 *  hold every content ranked up to the last one kept (summary-build.ts completeGroups), so any page they
 *  fill is exact. */
function termTopPage(r: CaseReader, q: SearchQuery, desc: boolean, offset: number, limit: number): PageRow[] | undefined {
  const term = bareTerm(q.text);
  if (!desc || !term || !validSummary(r)) return undefined;
  const info = commonTerm(r, term);
  if (!info) return undefined;
  if (info.kept === 0) return undefined;
  const f = buildFilter(q, { skipText: true });
  const sql = `SELECT d.rowid, d.content_id, t.r FROM summary_term_top t CROSS JOIN documents d ON d.content_id = t.content_id
    WHERE t.term = ? AND ${f.where} ORDER BY t.r ASC, t.content_id ASC, d.rowid ASC LIMIT ? OFFSET ?`;
  const rows = r.stmt(sql).all(term, ...f.params, limit, offset) as { rowid: number; content_id: number | null; r: number }[];
  if (info.kept < info.matches && rows.length < limit) return undefined;
  return rows.map(({ rowid, content_id }) => ({ rowid, content_id }));
}

const RANKED_CONTENTS_SQL =
  'SELECT rowid AS cid, bm25(content_fts) AS r FROM content_fts WHERE content_fts MATCH ? ORDER BY r, rowid LIMIT ?';
const DOCUMENTS_OF_CONTENTS_SQL = 'SELECT d.rowid, d.content_id FROM documents d WHERE d.content_id IN (SELECT value FROM json_each(?))';

/**
 * Relevance page of a text alone: rank the matching contents keeping only the best few (a bounded
 * sort), then look up their documents, instead of joining every match to its documents and sorting
 * them all. On 1M documents, 'tido*' (109,000 matches): 55 ms against 90 ms, or 105 ms with the
 * window count the joined query also gave. bm25() rather than the rank column: the same values,
 * but ORDER BY rank takes FTS5's sorted-cursor path, 80 ms here.
 *
 * Exact: the page's order is (rank, content, document), every content has a document (or the fetch
 * grows), so the best offset + limit contents hold the page, and any content left out sorts after
 * all of them. The total comes free when the fetch held every match.
 */
function rankedTextPage(
  r: CaseReader,
  q: SearchQuery,
  desc: boolean,
  offset: number,
  limit: number,
): { page: PageRow[]; total?: number } | undefined {
  if (!desc || !isTextOnly(q)) return undefined;
  const want = offset + limit;
  const fts = ftsQuery(q.text!);
  for (let fetch = want; ; fetch *= 4) {
    const ranked = r.stmt(RANKED_CONTENTS_SQL).all(fts, fetch) as { cid: number; r: number }[];
    const all = ranked.length < fetch;
    const rankOf = new Map(ranked.map((x) => [x.cid, x.r]));
    const docs = r.stmt(DOCUMENTS_OF_CONTENTS_SQL).all(JSON.stringify([...rankOf.keys()])) as PageRow[];
    // A content whose documents are all gone (a re-scan dropped them) gives none: fetch more.
    if (docs.length < want && !all) continue;
    docs.sort((a, b) => rankOf.get(a.content_id!)! - rankOf.get(b.content_id!)! || a.content_id! - b.content_id! || a.rowid - b.rowid);
    return { page: docs.slice(offset, want), total: all ? docs.length : undefined };
  }
}

/** One page, and the total when computing the page counted it anyway. */
function pageWithTotal(
  r: CaseReader,
  q: SearchQuery,
  offset: number,
  limit: number,
  countApart: boolean,
): { page: PageRow[]; total?: number } {
  const { sort, desc } = effectiveSort(q);
  const fast =
    sort === 'relevance'
      ? termTopPage(r, q, desc, offset, limit)
      : (summaryPage(r, q, sort, desc, offset, limit) ?? markedPage(r, q, sort, desc, offset, limit));
  if (fast) return { page: fast };
  // Ranking apart from counting pays when the count runs elsewhere meanwhile. On one thread the joined
  // query's window count is cheaper for a selective text (a phrase in 8,800 contents: 58 ms joined,
  // 52 ms ranked + 30 ms counted).
  const ranked = sort === 'relevance' && countApart ? rankedTextPage(r, q, desc, offset, limit) : undefined;
  if (ranked) return ranked;
  if (sort === 'relevance') {
    // Ranking sorts every matching document: the window count over that same set is the total,
    // which saves evaluating the text query a second time (a phrase: ~60 ms on 1M documents).
    const f = buildFilter(q, { skipText: true });
    const sql = `SELECT d.rowid, d.content_id, count(*) OVER () AS n FROM (SELECT rowid AS cid, rank AS r FROM content_fts WHERE content_fts MATCH ?) m
      CROSS JOIN documents d ON d.content_id = m.cid WHERE ${f.where} ORDER BY ${orderBy(sort, desc)} LIMIT ? OFFSET ?`;
    const rows = r.stmt(sql).all(ftsQuery(q.text!), ...f.params, limit, offset) as (PageRow & { n: number })[];
    return { page: rows.map(({ rowid, content_id }) => ({ rowid, content_id })), total: rows[0]?.n };
  }
  const probe = isCommonText(r, q, PAGE_PROBE_SHARE);
  // Date and path orders have no index per kind: with the text as a probe, walk the order's index
  // and test the kind, rather than sort every document of that kind.
  const f = buildFilter(q, {
    textAsProbe: probe,
    kindAsProbe: probe && sort !== 'score',
    dateAsProbe: sort !== 'date' && isWideDateRange(r, q),
  });
  const sql = `SELECT d.rowid, d.content_id FROM documents d WHERE ${f.where} ORDER BY ${orderBy(sort, desc)} LIMIT ? OFFSET ?`;
  return { page: r.stmt(sql).all(...f.params, limit, offset) as PageRow[] };
}

const SNIPPET_SQL = `SELECT rowid, snippet(content_fts, -1, char(2), char(3), '…', 16) AS s FROM content_fts
  WHERE content_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`;

/** One pass over the matches between the page's lowest and highest content, testing each against
 *  the page ('+' keeps the list from being handed to FTS5 as one lookup per id). */
const SNIPPET_RANGE_SQL = `SELECT rowid, snippet(content_fts, -1, char(2), char(3), '…', 16) AS s FROM content_fts
  WHERE content_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`;

function snippets(r: CaseReader, text: string, contentIds: readonly number[]): Map<number, string> {
  if (contentIds.length === 0) return new Map();
  const fts = ftsQuery(text);
  // A lookup per id re-expands a prefix (every term it covers) each time: 100 ids of 'tido*' on 1M
  // documents take ~1 s that way and ~35 ms in one pass. A plain word is cheaper looked up per id.
  const rows = (
    fts.includes('*')
      ? r.stmt(SNIPPET_RANGE_SQL).all(fts, Math.min(...contentIds), Math.max(...contentIds), JSON.stringify(contentIds))
      : r.stmt(SNIPPET_SQL).all(fts, JSON.stringify(contentIds))
  ) as { rowid: number; s: string }[];
  return new Map(rows.map((x) => [x.rowid, x.s]));
}

export function searchDocuments(r: CaseReader, query: SearchQuery): SearchPage {
  return searchWith(r, query, (q) => countMatching(r, q), performance.now(), false);
}

/** The total searchDocuments would give, alone: what the count thread answers. */
export function countTotal(r: CaseReader, query: SearchQuery): number {
  return r.snapshot(() => withFtsFallback(query, (q) => countMatching(r, q)));
}

/** Counts a query's documents on another connection (api/count-thread.ts: a worker thread). */
export interface TotalCounter {
  count(q: SearchQuery): Promise<number>;
}

/**
 * searchDocuments, with the total of a text-only query counted on another thread while this one
 * ranks the page (rankedTextPage). On 1M documents, 'tido*' (114,525 documents): 125 ms on one
 * thread, 70 ms this way; its count alone takes 33 ms. The two read separate snapshots: a scan committing in between can make the
 * total differ from the page by what that commit added, as if the count ran a moment later; the
 * next query sees both alike. Queries whose total comes from the summary or from the page itself
 * are not sent.
 */
export async function searchDocumentsParallel(r: CaseReader, query: SearchQuery, counter: TotalCounter): Promise<SearchPage> {
  const started = performance.now();
  const { sort, desc } = effectiveSort(query);
  const sendable =
    isTextOnly(query) &&
    sort === 'relevance' &&
    desc &&
    r.snapshot(() => summaryTotal(r, query) === undefined && !r.has(textCountKey(ftsQuery(query.text!))));
  if (!sendable) return searchDocuments(r, query);
  const counting = counter.count(query).then(
    (n) => ({ n }),
    (e: unknown) => ({ error: e }),
  );
  const DEFERRED = -1;
  const page = searchWith(r, query, () => DEFERRED, started, true);
  if (page.total !== DEFERRED) return page;
  const counted = await counting;
  // The thread failed (it never should; a syntax error falls back there as here): count here.
  const total = 'n' in counted ? counted.n : countTotal(r, query);
  return { ...page, total, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}

function searchWith(
  r: CaseReader,
  query: SearchQuery,
  count: (q: SearchQuery) => number,
  started: number,
  countApart: boolean,
): SearchPage {
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(MAX_PAGE, Math.max(1, query.limit ?? DEFAULT_PAGE));
  return r.snapshot(() =>
    withFtsFallback(query, (q) => {
      const { page, total: counted } = pageWithTotal(r, q, offset, limit, countApart);
      const estimate = counted === undefined ? estimateTotal(r, q) : undefined;
      const total = counted ?? estimate ?? count(q);
      const full = rowsByRowid(
        r,
        page.map((p) => p.rowid),
      );
      if (hasText(q) && page.length) {
        const contentOf = new Map(page.map((p) => [p.rowid, p.content_id]));
        const snips = snippets(
          r,
          q.text!,
          page.map((p) => p.content_id).filter((c): c is number => c !== null),
        );
        for (const row of full) {
          const s = snips.get(contentOf.get(row.rowid) ?? -1);
          if (s !== undefined) row.snippet = s;
        }
      }
      const rows: DocumentRow[] = full.map(publicRow);
      const tookMs = Math.round((performance.now() - started) * 10) / 10;
      return estimate === undefined ? { total, offset, rows, tookMs } : { total, offset, rows, tookMs, totalIsEstimate: true };
    }),
  );
}
