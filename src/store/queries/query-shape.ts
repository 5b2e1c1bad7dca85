// What shape a query has, which decides the fast paths it may take: one facet value or none (what
// the search summary counts), or a text alone.

import type { SearchQuery } from '../../model/api.js';
import { SEVERITY_RANK } from '../severity.js';
import { hasText } from './filter.js';

/** The query's only condition, when it is one facet value (or none at all): what the summary counts. */
export function soleFacetFilter(q: SearchQuery): { facet: string; value: string } | 'none' | null {
  if (q.ids || q.tags?.length || q.verdicts?.length || q.dateFrom || q.dateTo || (q.minScore !== undefined && q.minScore > 0)) return null;
  const set: { facet: string; value: string }[] = [];
  if (q.kinds?.length) {
    if (q.kinds.length > 1) return null;
    set.push({ facet: 'kinds', value: q.kinds[0] });
  }
  if (q.checks?.length) {
    if (q.checks.length > 1) return null;
    set.push({ facet: 'checks', value: q.checks[0] });
  }
  if (q.severities?.length) {
    if (q.severities.length > 1 || SEVERITY_RANK[q.severities[0]] === undefined) return null;
    set.push({ facet: 'severities', value: String(SEVERITY_RANK[q.severities[0]]) });
  }
  if (q.people?.length) {
    if (q.people.length > 1) return null;
    set.push({ facet: 'people', value: q.people[0] });
  }
  return set.length === 0 ? 'none' : set.length === 1 ? set[0] : null;
}

/** A text and nothing else: no facet, date, score, id or analyst filter. */
export function isTextOnly(q: SearchQuery): boolean {
  return hasText(q) && soleFacetFilter({ ...q, text: undefined }) === 'none';
}
