// Facet counts for the documents table. Each facet is counted under every filter except its own,
// so choosing "pdf" still shows how many emails the other filters match (the usual faceted-search
// behaviour: the list shows alternatives, not just the current choice). Findings-based facets count
// documents, not findings. Every count is cached per (filter, case version).

import type { FacetCounts, SearchQuery } from '../../model/api.js';
import { VERDICTS } from '../../model/document.js';
import { RANK_SEVERITY } from '../severity.js';
import { buildFilter, ftsQuery, type FacetName } from './filter.js';
import type { CaseReader } from './reader.js';
import { bareTerm, countMatching, isCommonText, matchCount, sampleMatches, soleFacetFilter, withFtsFallback } from './search.js';
import { commonTerm, summaryBuckets, validSummary } from './summary.js';

export const PEOPLE_FACET_LIMIT = 100;

type Bucket = { value: string; count: number };

/** Facets the search summary counts, and how each orders its buckets (as the SQL below does). */
const SUMMARISED: Partial<Record<FacetName, (a: Bucket, b: Bucket) => number>> = {
  kinds: byCount,
  checks: byCount,
  severities: (a, b) => Number(a.value) - Number(b.value),
  people: byCount,
};

function byCount(a: Bucket, b: Bucket): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

const OMIT_FIELD: Record<FacetName, keyof SearchQuery> = {
  kinds: 'kinds', checks: 'checks', severities: 'severities', tags: 'tags', verdicts: 'verdicts', people: 'people',
};

/** This facet's buckets from the search summary, when the query minus the facet's own filter is
 *  unfiltered or one facet value (and the summary is current). */
function fromSummary(r: CaseReader, q: SearchQuery, facet: FacetName): Bucket[] | undefined {
  const order = SUMMARISED[facet];
  if (!order || q.text?.trim() || !validSummary(r)) return undefined;
  const sole = soleFacetFilter({ ...q, [OMIT_FIELD[facet]]: undefined });
  if (sole === null) return undefined;
  const rows = sole === 'none' ? summaryBuckets(r, '', '', facet) : summaryBuckets(r, sole.facet, sole.value, facet);
  return rows.sort(order);
}

function grouped(r: CaseReader, q: SearchQuery, facet: FacetName, build: (where: string, filtered: boolean) => string, extra: unknown[] = []): Bucket[] {
  const summarised = fromSummary(r, q, facet);
  if (summarised) return facet === 'people' ? summarised.slice(0, PEOPLE_FACET_LIMIT) : summarised;
  if (facet !== 'tags' && facet !== 'verdicts') {
    const onePass = textOnlyFacets(r, q);
    if (onePass) return onePass[facet];
  }
  const f = buildFilter(q, { omit: facet, textAsProbe: isCommonText(r, q) });
  const sql = build(f.where, f.where !== '1');
  return r.cached(`facet\u0000${sql}\u0000${JSON.stringify(f.params)}\u0000${JSON.stringify(extra)}`, () => r.stmt(sql).all(...f.params, ...extra) as Bucket[]);
}

type OnePass = Record<'kinds' | 'checks' | 'severities' | 'people', Bucket[]> & { documents: number; approximate?: true };

/**
 * Kinds, checks, severities and people of a text-only query in one pass over its matches (each
 * facet's own filter is absent, so all four count the same documents): one join of the matches to
 * their documents and findings, instead of four (on 1M documents, a word in 18,000: ~4x less).
 * A common word (in more than 5% of the contents) is estimated from a sample instead: counting
 * 940,000 matches exactly takes ~10 s on 1M documents.
 */
function textOnlyFacets(r: CaseReader, q: SearchQuery): OnePass | undefined {
  if (!q.text?.trim() || soleFacetFilter({ ...q, text: undefined }) !== 'none') return undefined;
  if (isCommonText(r, q)) return sampledTextFacets(r, q);
  const f = buildFilter(q);
  return r.cached(`facets-text\u0000${f.where}\u0000${JSON.stringify(f.params)}`, () => onePass(r, f.where, f.params));
}

/** Matching contents in the facet sample of a common text: a value held by 1% of the matches is
 *  counted within ~15%, 10% of them within ~5%. */
const FACET_SAMPLE = 5_000;

/**
 * Facets of a common text estimated from a sample of its matches (every k-th, sampleMatches): the sample's counts scaled to the
 * text's document total (exact from the search summary for a common word, else estimated as the
 * match count times the sample's documents per content). Marked approximate: the UI shows "≈".
 * A value too rare to appear in the sample is left out.
 */
function sampledTextFacets(r: CaseReader, q: SearchQuery): OnePass {
  const text = ftsQuery(q.text!);
  return r.cached(`facets-sample\u0000${text}`, () => {
    const sample = sampleMatches(r, q.text!, FACET_SAMPLE);
    const counted = onePass(r, 'd.content_id IN (SELECT value FROM json_each(?))', [JSON.stringify(sample)]);
    const term = bareTerm(q.text);
    const exact = term && validSummary(r) ? commonTerm(r, term)?.documents : undefined;
    const documents = exact ?? (sample.length ? Math.round((matchCount(r, q.text!) * counted.documents) / sample.length) : 0);
    const scale = counted.documents ? documents / counted.documents : 0;
    const scaled = (bs: Bucket[]) => bs.map((b) => ({ value: b.value, count: Math.max(1, Math.round(b.count * scale)) }));
    return {
      kinds: scaled(counted.kinds), checks: scaled(counted.checks), severities: scaled(counted.severities), people: scaled(counted.people),
      documents, approximate: true,
    };
  });
}

/** The four document facets of the documents matching `where` (over `documents d`), in one pass. */
function onePass(r: CaseReader, where: string, params: unknown[]): OnePass {
  const sql = `SELECT d.rowid AS doc, d.kind AS kind, d.person AS person, fi.check_id AS check_id, fi.severity_rank AS sev
    FROM documents d LEFT JOIN findings fi ON fi.doc_rowid = d.rowid WHERE ${where}`;
  const kinds = new Map<string, number>();
  const people = new Map<string, number>();
  const checks = new Map<string, Set<number>>();
  const sevs = new Map<string, Set<number>>();
  const seen = new Set<number>();
  const addTo = (m: Map<string, Set<number>>, k: string, doc: number) => {
    const set = m.get(k);
    if (set) set.add(doc);
    else m.set(k, new Set([doc]));
  };
  for (const x of r.stmt(sql).iterate(...params) as Iterable<{ doc: number; kind: string; person: string | null; check_id: string | null; sev: number | null }>) {
    if (!seen.has(x.doc)) {
      seen.add(x.doc);
      kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
      if (x.person !== null) people.set(x.person, (people.get(x.person) ?? 0) + 1);
    }
    if (x.check_id !== null) addTo(checks, x.check_id, x.doc);
    if (x.sev !== null) addTo(sevs, String(x.sev), x.doc);
  }
  const buckets = (m: Map<string, number>) => [...m].map(([value, count]) => ({ value, count }));
  const sized = (m: Map<string, Set<number>>) => [...m].map(([value, set]) => ({ value, count: set.size }));
  return {
    kinds: buckets(kinds).sort(byCount),
    checks: sized(checks).sort(byCount),
    severities: sized(sevs).sort(SUMMARISED.severities!),
    people: buckets(people).sort(byCount).slice(0, PEOPLE_FACET_LIMIT),
    documents: seen.size,
  };
}

export function facetCounts(r: CaseReader, query: SearchQuery): FacetCounts {
  const started = performance.now();
  return r.snapshot(() =>
    withFtsFallback(query, (q) => {
      const kinds = grouped(r, q, 'kinds', (w, filtered) =>
        filtered
          ? `SELECT d.kind AS value, count(*) AS count FROM documents d WHERE ${w} GROUP BY d.kind ORDER BY count DESC, value`
          : 'SELECT kind AS value, count(*) AS count FROM documents GROUP BY kind ORDER BY count DESC, value');
      const checks = grouped(r, q, 'checks', (w, filtered) =>
        filtered
          ? `SELECT f.check_id AS value, count(DISTINCT f.doc_rowid) AS count FROM findings f JOIN documents d ON d.rowid = f.doc_rowid WHERE ${w} GROUP BY f.check_id ORDER BY count DESC, value`
          : 'SELECT check_id AS value, count(DISTINCT doc_rowid) AS count FROM findings GROUP BY check_id ORDER BY count DESC, value');
      const severityRanks = grouped(r, q, 'severities', (w, filtered) =>
        filtered
          ? `SELECT f.severity_rank AS value, count(DISTINCT f.doc_rowid) AS count FROM findings f JOIN documents d ON d.rowid = f.doc_rowid WHERE ${w} GROUP BY f.severity_rank ORDER BY value`
          : 'SELECT severity_rank AS value, count(DISTINCT doc_rowid) AS count FROM findings GROUP BY severity_rank ORDER BY value');
      const tags = grouped(r, q, 'tags', (w) =>
        `SELECT t.tag AS value, count(*) AS count FROM tags t CROSS JOIN documents d ON d.id = t.doc_id WHERE ${w} GROUP BY t.tag ORDER BY count DESC, value`);
      // Verdicts: documents without a row are 'unresolved', so count the decided ones (few) and
      // take the rest from the total instead of left-joining every document. Tags and verdicts are
      // the analyst's (thousands of rows at most): CROSS JOIN makes them the outer loop, which the
      // planner, without statistics, would otherwise put inside a walk of every matching document.
      const decided = grouped(r, q, 'verdicts', (w) =>
        `SELECT v.verdict AS value, count(*) AS count FROM verdicts v CROSS JOIN documents d ON d.id = v.doc_id WHERE ${w} GROUP BY v.verdict`);
      // A text-only query's one pass (textOnlyFacets) has counted (or estimated) its documents already.
      const onePassed = textOnlyFacets(r, q);
      const totalForVerdicts = onePassed?.documents ?? countMatching(r, { ...q, verdicts: undefined });
      const explicit = new Map(decided.map((b) => [b.value, b.count]));
      const decidedOther = decided.filter((b) => b.value !== 'unresolved').reduce((a, b) => a + b.count, 0);
      const verdicts = VERDICTS.map((v) => ({ value: v, count: v === 'unresolved' ? totalForVerdicts - decidedOther : (explicit.get(v) ?? 0) }))
        .filter((b) => b.count > 0);
      const people = grouped(r, q, 'people', (w) =>
        `SELECT d.person AS value, count(*) AS count FROM documents d WHERE d.person IS NOT NULL AND ${w} GROUP BY d.person ORDER BY count DESC, value LIMIT ?`, [PEOPLE_FACET_LIMIT]);
      return {
        kinds,
        checks,
        severities: severityRanks.map((b) => ({ value: RANK_SEVERITY[Number(b.value)] ?? String(b.value), count: b.count })),
        tags,
        verdicts,
        people,
        tookMs: Math.round((performance.now() - started) * 10) / 10,
        ...(onePassed?.approximate ? { approximate: true as const } : {}),
      };
    }),
  );
}
