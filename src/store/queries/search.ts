// The documents table: one page of documents matching a query, its total, and snippets.
//
// Speed on a million documents comes from three choices:
//  - the page query selects rowids only, in an order that an index already has (score, date and
//    path each have one, with rowid as the final tie-break so pages never overlap or skip), then
//    fetches full rows for that page alone;
//  - full-text relevance drives the join from the FTS5 match (CROSS JOIN fixes the loop order) so
//    a rare word never scans the whole table;
//  - the total is counted once per (filter, case version) and reused while the user pages.

import type { DocumentRow, SearchPage, SearchQuery } from '../../model/api.js';
import { buildFilter, ftsQuery, hasText, quoteWords } from './filter.js';
import type { CaseReader } from './reader.js';
import { publicRow, rowsByRowid } from './rows.js';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

type Sort = NonNullable<SearchQuery['sort']>;

/** ORDER BY clauses that match an index scan (forward or backward), with a total order. */
function orderBy(sort: Sort, desc: boolean): string {
  switch (sort) {
    case 'relevance':
      return desc ? 'm.r ASC, d.rowid ASC' : 'm.r DESC, d.rowid DESC';
    case 'date':
      return desc ? 'd.date DESC, d.rowid DESC' : 'd.date ASC, d.rowid ASC';
    case 'path':
      return desc ? 'd.path DESC, d.rowid DESC' : 'd.path ASC, d.rowid ASC';
    case 'score':
    default:
      return desc ? 'd.score DESC, d.path ASC, d.rowid ASC' : 'd.score ASC, d.path DESC, d.rowid DESC';
  }
}

export function effectiveSort(q: SearchQuery): { sort: Sort; desc: boolean } {
  let sort: Sort = q.sort ?? (hasText(q) ? 'relevance' : 'score');
  if (sort === 'relevance' && !hasText(q)) sort = 'score';
  const desc = (q.order ?? (sort === 'path' ? 'asc' : 'desc')) === 'desc';
  return { sort, desc };
}

/** FTS5 rejects some inputs at run time; retry those as plain quoted words before giving up. */
export function withFtsFallback<T>(q: SearchQuery, run: (q: SearchQuery) => T): T {
  try {
    return run(q);
  } catch (e) {
    if (hasText(q) && /fts5|syntax error|unterminated|no such column/i.test(String((e as Error).message))) {
      return run({ ...q, text: quoteWords(q.text!) });
    }
    throw e;
  }
}

/** Above this share of all contents, a text is "common": see FilterOptions.textAsProbe. */
const COMMON_TEXT_SHARE = 0.05;

/** Is the text common enough that walking the table beats looking up each match? The match
 *  count reads FTS doclists only (no ranking), and is cached with the case version. */
export function isCommonText(r: CaseReader, q: SearchQuery): boolean {
  if (!hasText(q)) return false;
  const text = ftsQuery(q.text!);
  const matches = r.cached(`fts-count\u0000${text}`, () => r.stmt('SELECT count(*) FROM content_fts WHERE content_fts MATCH ?').pluck().get(text) as number);
  const contents = r.cached('content-count', () => r.stmt('SELECT count(*) FROM content').pluck().get() as number);
  return matches > 1000 && matches > contents * COMMON_TEXT_SHARE;
}

export function countMatching(r: CaseReader, q: SearchQuery): number {
  const f = buildFilter(q, { textAsProbe: isCommonText(r, q) });
  const sql = f.where === '1' ? 'SELECT count(*) FROM documents' : `SELECT count(*) FROM documents d WHERE ${f.where}`;
  return r.cached(`count\u0000${sql}\u0000${JSON.stringify(f.params)}`, () => r.stmt(sql).pluck().get(...f.params) as number);
}

/** Rowids (and content ids) of one page, in display order. */
export function pageRowids(r: CaseReader, q: SearchQuery, offset: number, limit: number): { rowid: number; content_id: number | null }[] {
  const { sort, desc } = effectiveSort(q);
  if (sort === 'relevance') {
    const f = buildFilter(q, { skipText: true });
    const sql = `SELECT d.rowid, d.content_id FROM (SELECT rowid AS cid, rank AS r FROM content_fts WHERE content_fts MATCH ?) m
      CROSS JOIN documents d ON d.content_id = m.cid WHERE ${f.where} ORDER BY ${orderBy(sort, desc)} LIMIT ? OFFSET ?`;
    return r.stmt(sql).all(ftsQuery(q.text!), ...f.params, limit, offset) as { rowid: number; content_id: number | null }[];
  }
  const f = buildFilter(q, { textAsProbe: isCommonText(r, q) });
  const sql = `SELECT d.rowid, d.content_id FROM documents d WHERE ${f.where} ORDER BY ${orderBy(sort, desc)} LIMIT ? OFFSET ?`;
  return r.stmt(sql).all(...f.params, limit, offset) as { rowid: number; content_id: number | null }[];
}

const SNIPPET_SQL = `SELECT rowid, snippet(content_fts, -1, char(2), char(3), '…', 16) AS s FROM content_fts
  WHERE content_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`;

export function snippets(r: CaseReader, text: string, contentIds: readonly number[]): Map<number, string> {
  const rows = r.stmt(SNIPPET_SQL).all(ftsQuery(text), JSON.stringify(contentIds)) as { rowid: number; s: string }[];
  return new Map(rows.map((x) => [x.rowid, x.s]));
}

export function searchDocuments(r: CaseReader, query: SearchQuery): SearchPage {
  const started = performance.now();
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(MAX_PAGE, Math.max(1, query.limit ?? DEFAULT_PAGE));
  return r.snapshot(() =>
    withFtsFallback(query, (q) => {
      const page = pageRowids(r, q, offset, limit);
      const total = countMatching(r, q);
      const full = rowsByRowid(r, page.map((p) => p.rowid));
      if (hasText(q) && page.length) {
        const contentOf = new Map(page.map((p) => [p.rowid, p.content_id]));
        const snips = snippets(r, q.text!, page.map((p) => p.content_id).filter((c): c is number => c !== null));
        for (const row of full) {
          const s = snips.get(contentOf.get(row.rowid) ?? -1);
          if (s !== undefined) row.snippet = s;
        }
      }
      const rows: DocumentRow[] = full.map(publicRow);
      return { total, offset, rows, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    }),
  );
}
