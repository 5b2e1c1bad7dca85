// Full-text helpers shared by the page, its total and the facets: retrying what FTS5 rejects, and
// how common a text is (its match count, from the search summary when it holds the word).

import type { SearchQuery } from '../../model/api.js';
import { ftsQuery, hasText, quoteWords } from './filter.js';
import type { CaseReader } from './reader.js';
import { commonTerm, validSummary } from './summary-read.js';

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
export const COMMON_TEXT_SHARE = 0.05;
/** ...and above this many matches. */
export const COMMON_TEXT_MIN = 1000;

/** Is the text common enough that walking the table beats looking up each match? The match
 *  count reads FTS doclists only (no ranking), and is cached with the case version. */
export function isCommonText(r: CaseReader, q: SearchQuery, share = COMMON_TEXT_SHARE): boolean {
  if (!hasText(q)) return false;
  const matches = matchCount(r, q.text!);
  // max(rowid) reads one page; count(*) walks a million-row table.
  const contents = r.cached('content-count', () => r.stmt('SELECT max(rowid) FROM content').pluck().get() as number | null) ?? 0;
  return matches > COMMON_TEXT_MIN && matches > contents * share;
}

/** Contents matching the text: from the search summary for a common word (the count walks a
 *  doclist of up to a million entries, ~100 ms), else counted; cached with the case version. */
export function matchCount(r: CaseReader, text: string): number {
  const term = bareTerm(text);
  const known = term && validSummary(r) ? commonTerm(r, term)?.matches : undefined;
  if (known !== undefined) return known;
  const fts = ftsQuery(text);
  return r.cached(
    `fts-count\u0000${fts}`,
    () => r.stmt('SELECT count(*) FROM content_fts WHERE content_fts MATCH ?').pluck().get(fts) as number,
  );
}

/**
 * About `want` matching content rowids, every k-th rowid over the whole case (one pass over the
 * doclist: FTS5 walks a doclist from its start to reach `rowid >= ?`, so windows spread over a
 * common word cost more the later they start: 20 windows ~1 s on 1M documents, this ~70 ms).
 */
export function sampleMatches(r: CaseReader, text: string, want: number): number[] {
  const stride = Math.max(1, Math.floor(matchCount(r, text) / want));
  return r
    .stmt('SELECT rowid FROM content_fts WHERE content_fts MATCH ? AND +rowid % ? = 0')
    .pluck()
    .all(ftsQuery(text), stride) as number[];
}

/** A bare word the summary may hold best matches for (lower-case ASCII letters and digits, as the
 *  tokenizer stores it); undefined for anything else (phrases, operators, several words). */
export function bareTerm(text: string | undefined): string | undefined {
  const t = text?.trim().toLowerCase();
  return t && /^[a-z0-9]+$/.test(t) ? t : undefined;
}
