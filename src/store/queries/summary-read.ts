// The read side of the search summaries (built by summary-build.ts): whether they describe the case
// as it is now, and the counts, order marks and common words the queries read from them.

import type { Db } from '../db.js';
import { metaValue } from '../case-meta.js';
import type { CaseReader } from './reader.js';

/** case_meta key of the summary's stamp. */
export const SUMMARY_KEY = 'search_summary';

export type OrderTable = 'summary_order_score' | 'summary_order_date' | 'summary_order_path';

export interface Stamp {
  /** Cheap to read at query time: what the summary was built for. */
  builtFor: string;
  /** Costlier fingerprint of the indexed data, compared only by refreshSearchSummaries. */
  fingerprint: string;
  /** SUMMARY_FORMAT it was built with: an older summary is rebuilt by the next refresh (its tables
   *  stay valid meanwhile; a part it lacks, such as the order marks, is simply not used). */
  format?: number;
}

/** The first format with summary_day_facets and summary_term_facets (an older summary has them
 *  empty until its next refresh: validSummary(r, DAY_AND_TERM_FACETS_FORMAT) keeps queries off them). */
export const DAY_AND_TERM_FACETS_FORMAT = 3;

/** The day of a date as summary_day_facets keys it (facets.ts dateRangeFacet depends on this). */
export const DAY_CHARS = 10;

/** Positions per block of the order marks. */
export const MARK_BLOCK = 1000;
/** Facets with order marks, and the documents column each tests. */
export const MARKED_FACETS = { kinds: 'kind', people: 'person' } as const;

/** O(1) reads: the last scan, the highest document and finding rowids. */
export function builtFor(db: Db): string {
  const row = db
    .prepare(
      `SELECT (SELECT max(id) FROM scans) AS s, (SELECT max(rowid) FROM documents) AS d, (SELECT max(rowid) FROM findings) AS f,
    (SELECT max(rowid) FROM content) AS c`,
    )
    .get() as { s: number | null; d: number | null; f: number | null; c: number | null };
  return `${row.s ?? 0}:${row.d ?? 0}:${row.f ?? 0}:${row.c ?? 0}`;
}

export function readStamp(db: Db): Stamp | null {
  const v = metaValue(db, SUMMARY_KEY);
  if (!v) return null;
  try {
    return JSON.parse(v) as Stamp;
  } catch {
    return null;
  }
}

/** Is the summary usable for this reader's current data (and built with at least this format, for
 *  a part added later)? Checked once per case version. */
export function validSummary(r: CaseReader, minFormat = 0): boolean {
  const stamp = r.cached('summary-valid', () => {
    const s = readStamp(r.db);
    return s && s.builtFor === builtFor(r.db) ? s : null;
  });
  return !!stamp && (stamp.format ?? 0) >= minFormat;
}

/** A count from summary_facets (undefined when the summary holds no row for it: a count of 0). */
export function summaryCount(r: CaseReader, filterFacet: string, filterValue: string, facet: string, value: string): number {
  return (
    (r
      .stmt('SELECT count FROM summary_facets WHERE filter_facet = ? AND filter_value = ? AND facet = ? AND value = ?')
      .pluck()
      .get(filterFacet, filterValue, facet, value) as number | undefined) ?? 0
  );
}

export function summaryBuckets(r: CaseReader, filterFacet: string, filterValue: string, facet: string): { value: string; count: number }[] {
  return r
    .stmt('SELECT value, count FROM summary_facets WHERE filter_facet = ? AND filter_value = ? AND facet = ?')
    .all(filterFacet, filterValue, facet) as { value: string; count: number }[];
}

/** Per value of a facet, the documents of the whole days strictly between two days (either open),
 *  unfiltered (filterFacet '') or under one check or severity. */
export function summaryDayBuckets(
  r: CaseReader,
  filterFacet: string,
  filterValue: string,
  facet: string,
  after: string | undefined,
  before: string | undefined,
): { value: string; count: number }[] {
  const conds = [
    'filter_facet = ? AND filter_value = ? AND facet = ?',
    ...(after !== undefined ? ['day > ?'] : []),
    ...(before !== undefined ? ['day < ?'] : []),
  ];
  const params = [filterFacet, filterValue, facet, ...(after !== undefined ? [after] : []), ...(before !== undefined ? [before] : [])];
  return r.stmt(`SELECT value, sum(count) AS count FROM summary_day_facets WHERE ${conds.join(' AND ')} GROUP BY value`).all(...params) as {
    value: string;
    count: number;
  }[];
}

/** The last block of this order that starts at or before the n-th (0-based) document with this value. */
export function orderMark(
  r: CaseReader,
  table: OrderTable,
  facet: string,
  value: string,
  n: number,
): { block: number; before: number } | undefined {
  return r
    .stmt(
      `SELECT block, before FROM summary_order_marks WHERE order_table = ? AND facet = ? AND value = ? AND before <= ?
    ORDER BY block DESC LIMIT 1`,
    )
    .get(table, facet, value, n) as { block: number; before: number } | undefined;
}

interface CommonTerm {
  term: string;
  matches: number;
  documents: number;
  kept: number;
}

/** What the summary holds for a common word: its matching contents, documents and kept best matches. */
export function commonTerm(r: CaseReader, term: string): CommonTerm | undefined {
  return r.stmt('SELECT term, matches, documents, kept FROM summary_terms WHERE term = ?').get(term) as CommonTerm | undefined;
}
