// The Documents filter as data: read from a link's parameters, cleaned of empty values.
import type { DocumentKind, SearchQuery, Severity, Verdict } from '../../api/types.js';

const LINK_KEYS = ['q', 'kind', 'check', 'severity', 'tag', 'verdict', 'person', 'from', 'to'];
const FILTER_KEYS: (keyof SearchQuery)[] = ['kinds', 'checks', 'severities', 'tags', 'verdicts', 'people', 'dateFrom', 'dateTo'];

/** Filters carried in a link (from the Overview, a finding, a person); null when it carries none. */
export function queryFromParams(params: URLSearchParams, base: SearchQuery): SearchQuery | null {
  const list = (k: string) => params.get(k)?.split(',').filter(Boolean);
  if (!LINK_KEYS.some((k) => params.has(k))) return null;
  return {
    sort: base.sort,
    order: base.order,
    text: params.get('q') ?? undefined,
    kinds: list('kind') as DocumentKind[] | undefined,
    checks: list('check'),
    severities: list('severity') as Severity[] | undefined,
    tags: list('tag'),
    verdicts: list('verdict') as Verdict[] | undefined,
    people: list('person'),
    dateFrom: params.get('from') ?? undefined,
    dateTo: params.get('to') ? `${params.get('to')}T23:59:59.999Z` : undefined,
  };
}

/** The query without undefined, empty-string or empty-list fields (one JSON form per filter). */
export function cleanQuery(q: SearchQuery): SearchQuery {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out as SearchQuery;
}

/** Does the query narrow by anything but its text (kinds, checks, dates...)? */
export function hasFilters(q: SearchQuery): boolean {
  return FILTER_KEYS.some((k) => q[k] !== undefined);
}
