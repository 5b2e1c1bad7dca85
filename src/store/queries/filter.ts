// Turns a SearchQuery into SQL over `documents d`: the one definition of "which documents match"
// shared by the page, its total, the facets, the timeline and the report selection (docs/store.md).

import type { ReportSelection, SearchQuery } from '../../model/api.js';
import { SEVERITY_RANK } from '../severity.js';
import { VERDICTS } from '../../model/document.js';

export type FacetName = 'kinds' | 'checks' | 'severities' | 'tags' | 'verdicts' | 'people';

export interface FilterSql {
  /** Conditions joined by AND ('1' when none). */
  where: string;
  params: unknown[];
}

export interface FilterOptions {
  /** Leave this facet's own condition out (facet counts show the alternatives to a chosen value). */
  omit?: FacetName;
  /** Leave the full-text condition out (the caller joins content_fts itself). */
  skipText?: boolean;
  /**
   * The text matches a large share of the case: test membership while walking the documents in
   * index order, instead of looking up every match (the unary '+' keeps the planner from driving
   * the query from the match list).
   */
  textAsProbe?: boolean;
  /** Keep the planner from walking the kind index (so it walks the sort order's index instead). */
  kindAsProbe?: boolean;
  /** Same for the date index: the date range is wide, walk the sort order and test the date. */
  dateAsProbe?: boolean;
}

const list = (values: readonly unknown[]) => JSON.stringify(values);

/** Inclusive upper bound: a bare day 'YYYY-MM-DD' covers that whole day. */
export function dateUpperBound(s: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T23:59:59.999Z` : s;
}

export function hasText(q: SearchQuery): boolean {
  return !!q.text && q.text.trim().length > 0;
}

export function buildFilter(q: SearchQuery, opts: FilterOptions = {}): FilterSql {
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...p: unknown[]) => {
    conds.push(sql);
    params.push(...p);
  };
  if (hasText(q) && !opts.skipText) {
    add(`${opts.textAsProbe ? '+' : ''}d.content_id IN (SELECT rowid FROM content_fts WHERE content_fts MATCH ?)`, ftsQuery(q.text!));
  }
  if (q.ids) add('d.id IN (SELECT value FROM json_each(?))', list(q.ids));
  // One value is written as '=' so the planner can walk an index in order (kind, score DESC, path).
  if (q.kinds?.length && opts.omit !== 'kinds') {
    if (q.kinds.length === 1) add(`${opts.kindAsProbe ? '+' : ''}d.kind = ?`, q.kinds[0]);
    else add('d.kind IN (SELECT value FROM json_each(?))', list(q.kinds));
  }
  // When the text drives the query (its matches are the outer loop: here, or in a caller that
  // joins content_fts itself with skipText), '+' keeps the planner from probing the findings index
  // once per text match and per listed value (65 s -> 70 ms for a common word + high severity on
  // 1M documents): the subquery is built once as a set and each match is tested against it. When
  // the text is itself a probe (a common word), the findings filter is the selective side and drives.
  const findingsProbe = hasText(q) && !opts.textAsProbe ? '+' : '';
  if (q.checks?.length && opts.omit !== 'checks') {
    add(`${findingsProbe}d.rowid IN (SELECT doc_rowid FROM findings WHERE check_id IN (SELECT value FROM json_each(?)))`, list(q.checks));
  }
  if (q.severities?.length && opts.omit !== 'severities') {
    add(
      `${findingsProbe}d.rowid IN (SELECT doc_rowid FROM findings WHERE severity_rank IN (SELECT value FROM json_each(?)))`,
      list(q.severities.map((s) => SEVERITY_RANK[s])),
    );
  }
  if (q.tags?.length && opts.omit !== 'tags')
    add('d.id IN (SELECT doc_id FROM tags WHERE tag IN (SELECT value FROM json_each(?)))', list(q.tags));
  if (q.verdicts?.length && opts.omit !== 'verdicts') {
    // No row means 'unresolved': the analyst has not decided.
    if (q.verdicts.includes('unresolved')) {
      // Everything except the documents decided otherwise: one set built once, not a lookup per row.
      const excluded = VERDICTS.filter((v) => !q.verdicts!.includes(v));
      if (excluded.length)
        add('d.id NOT IN (SELECT doc_id FROM verdicts WHERE verdict IN (SELECT value FROM json_each(?)))', list(excluded));
    } else {
      add('d.id IN (SELECT doc_id FROM verdicts WHERE verdict IN (SELECT value FROM json_each(?)))', list(q.verdicts));
    }
  }
  if (q.people?.length && opts.omit !== 'people') {
    if (q.people.length === 1) add('d.person = ?', q.people[0]);
    else add('d.person IN (SELECT value FROM json_each(?))', list(q.people));
  }
  const dp = opts.dateAsProbe ? '+' : '';
  if (q.dateFrom) add(`${dp}d.date >= ?`, q.dateFrom);
  if (q.dateTo) add(`${dp}d.date <= ?`, dateUpperBound(q.dateTo));
  if (q.minScore !== undefined && q.minScore > 0) add('d.score >= ?', q.minScore);
  return { where: conds.length ? conds.join(' AND ') : '1', params };
}

/**
 * The analyst types words, not FTS5 syntax. Text that is valid FTS5 (quotes, OR, NEAR, prefix*)
 * is passed through; anything else is searched as a sequence of quoted words, so a stray
 * punctuation mark ("o'brien", "a-b", "50%") never turns into a syntax error.
 */
export function ftsQuery(text: string): string {
  const t = text.trim();
  if (/^[\p{L}\p{N}\s*"]+$/u.test(t) && (t.match(/"/g)?.length ?? 0) % 2 === 0) return t;
  if (/^[\p{L}\p{N}\s*"()]+$/u.test(t) && /\b(AND|OR|NOT|NEAR)\b/.test(t) && (t.match(/"/g)?.length ?? 0) % 2 === 0) return t;
  return quoteWords(t);
}

export function quoteWords(text: string): string {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length ? words.map((w) => `"${w}"`).join(' ') : '""';
}

/** A report selection (tag, verdict, score, explicit documents, a table query) as one query. */
export function selectionQuery(sel: ReportSelection): SearchQuery {
  const q: SearchQuery = { ...(sel.query ?? {}) };
  delete q.offset;
  delete q.limit;
  if (sel.tag) q.tags = [...(q.tags ?? []), sel.tag];
  if (sel.verdict) q.verdicts = [sel.verdict];
  if (sel.minScore !== undefined) q.minScore = Math.max(q.minScore ?? 0, sel.minScore);
  if (sel.documents) q.ids = q.ids ? q.ids.filter((id) => sel.documents!.includes(id)) : [...sel.documents];
  return q;
}
