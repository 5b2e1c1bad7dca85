// Facet counts for the documents table, each under every filter except its own, cached per (filter,
// case version), with shortcuts for a million documents (docs/store.md, "Search").

import type { FacetCounts, SearchQuery } from '../../model/api.js';
import { VERDICTS } from '../../model/document.js';
import { RANK_SEVERITY } from '../severity.js';
import { buildFilter, dateUpperBound, ftsQuery, type FacetName } from './filter.js';
import { CaseReader } from './reader.js';
import type { Db } from '../db.js';
import { countMatching } from './count.js';
import { bareTerm, isCommonText, matchCount, sampleMatches, withFtsFallback } from './fts.js';
import { soleFacetFilter } from './query-shape.js';
import { commonTerm, DAY_CHARS, DAY_AND_TERM_FACETS_FORMAT, summaryBuckets, summaryDayBuckets, validSummary } from './summary-read.js';

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
  kinds: 'kinds',
  checks: 'checks',
  severities: 'severities',
  tags: 'tags',
  verdicts: 'verdicts',
  people: 'people',
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

function grouped(
  r: CaseReader,
  q: SearchQuery,
  facet: FacetName,
  build: (where: string, filtered: boolean, documents: string) => string,
  extra: unknown[] = [],
): Bucket[] {
  const summarised = fromSummary(r, q, facet);
  if (summarised) return facet === 'people' ? summarised.slice(0, PEOPLE_FACET_LIMIT) : summarised;
  const byDay = dateRangeFacet(r, q, facet);
  if (byDay) return byDay;
  if (facet !== 'tags' && facet !== 'verdicts') {
    const onePass = textOnlyFacets(r, q) ?? (ownFilterAbsent(q, facet) ? findingsFilteredFacets(r, q) : undefined);
    if (onePass) return onePass[facet];
  }
  const f = buildFilter(q, { omit: facet, textAsProbe: isCommonText(r, q) });
  const sql = build(f.where, f.where !== '1', documentsFor(r, q, facet));
  return r.cached(
    `facet\u0000${sql}\u0000${JSON.stringify(f.params)}\u0000${JSON.stringify(extra)}`,
    () => r.stmt(sql).all(...f.params, ...extra) as Bucket[],
  );
}

/** Covering index of the columns facets read, by rowid (migration 5): a lookup from a finding to
 *  its document reads this narrow index instead of the table row (about 2x fewer page reads). */
const ROWID_COVER = 'documents_by_rowid_facets';

/**
 * `documents d`, naming ROWID_COVER where the count is driven from findings to their documents
 * anyway: a findings filter remains after omitting the facet's own, or the facet counts findings
 * and no other condition could drive (a person, ids, tags, verdicts; a kind or a date range holds
 * too many documents). Never with text (its matches drive through the content index) or when the
 * index is missing (a case opened read-only is not migrated).
 */
function documentsFor(r: CaseReader, q: SearchQuery, facet: FacetName | 'all'): string {
  if (
    q.text?.trim() ||
    !r.cached('rowid-cover', () => !!r.stmt("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(ROWID_COVER))
  ) {
    return 'documents d';
  }
  const findingsFilter = (!!q.checks?.length && facet !== 'checks') || (!!q.severities?.length && facet !== 'severities');
  const findingsFacet =
    (facet === 'checks' || facet === 'severities') && !q.people?.length && !q.ids && !q.tags?.length && !q.verdicts?.length;
  return findingsFilter || findingsFacet ? `documents d INDEXED BY ${ROWID_COVER}` : 'documents d';
}

function ownFilterAbsent(q: SearchQuery, facet: FacetName): boolean {
  return !(q[OMIT_FIELD[facet]] as unknown[] | undefined)?.length;
}

/**
 * A query without text but with a checks or severities filter: the findings of the filter bound
 * its documents (every document has few findings), so every facet whose own filter is absent
 * (each counts the same documents) comes from one pass over them, reading the covering index,
 * instead of one query each (1M documents, a check and a date range: 4 queries of ~150 ms -> 1).
 */
function findingsFilteredFacets(r: CaseReader, q: SearchQuery): OnePass | undefined {
  if (q.text?.trim() || !(q.checks?.length || q.severities?.length)) return undefined;
  const f = buildFilter(q);
  return r.cached(`facets-findings\u0000${f.where}\u0000${JSON.stringify(f.params)}`, () =>
    onePass(r, f.where, f.params, documentsFor(r, q, 'all')),
  );
}

/** Per facet the day summary counts: its value in an edge query, and whether it reads findings. */
const DAY_FACETS: Partial<Record<FacetName, { value: string; findings: boolean }>> = {
  kinds: { value: 'd.kind', findings: false },
  people: { value: 'd.person', findings: false },
  checks: { value: 'f.check_id', findings: true },
  severities: { value: 'CAST(f.severity_rank AS TEXT)', findings: true },
};

/**
 * A facet when the other conditions are a date range and at most one check or severity: the
 * summary's whole days strictly inside the range, plus the two partial days at its ends counted
 * from the date index (1M documents: a check from 2020 on, ~1 s of five queries over 50,000-100,000
 * findings; half a year alone, 1.3-4 s walking 160,000 documents for kinds and people: a few ms
 * each). Exact: a document has one date, so it is in one day, and a day key after the first bound's
 * day sorts after the bound (and one before the last bound's day, before it).
 */
function dateRangeFacet(r: CaseReader, q: SearchQuery, facet: FacetName): Bucket[] | undefined {
  const shape = DAY_FACETS[facet];
  if (!shape || q.text?.trim() || !(q.dateFrom || q.dateTo)) return undefined;
  const sole = soleFacetFilter({ ...q, [OMIT_FIELD[facet]]: undefined, dateFrom: undefined, dateTo: undefined });
  const filter = sole === 'none' ? { facet: '', value: '' } : sole;
  if (
    !filter ||
    (filter.facet !== '' && filter.facet !== 'checks' && filter.facet !== 'severities') ||
    !validSummary(r, DAY_AND_TERM_FACETS_FORMAT)
  )
    return undefined;
  const from = q.dateFrom || undefined;
  const upper = q.dateTo ? dateUpperBound(q.dateTo) : undefined;
  const first = from?.slice(0, DAY_CHARS);
  const last = upper?.slice(0, DAY_CHARS);
  // (printable ASCII, so a key's last character can be incremented to the next day's bound)
  const dayKey = new RegExp(`^[ -~]{${DAY_CHARS}}`);
  if ((from && !dayKey.test(from)) || (upper && !dayKey.test(upper)) || (first && last && first > last)) return undefined;
  const cached = `facet-days\u0000${facet}\u0000${filter.facet}\u0000${filter.value}\u0000${from ?? ''}\u0000${upper ?? ''}`;
  return r.cached(cached, () => {
    const test = filter.facet === 'checks' ? 'g.check_id = ?' : 'g.severity_rank = ?';
    const edge = (op: '<' | '<=', lo: string, hi: string) => {
      const sql = `SELECT ${shape.value} AS value, count(DISTINCT d.rowid) AS count FROM documents d${shape.findings ? ' CROSS JOIN findings f ON f.doc_rowid = d.rowid' : ''}
        WHERE d.date >= ? AND d.date ${op} ?${facet === 'people' ? ' AND d.person IS NOT NULL' : ''}
        ${filter.facet ? `AND EXISTS (SELECT 1 FROM findings g WHERE g.doc_rowid = d.rowid AND ${test})` : ''} GROUP BY value`;
      const own = filter.facet === 'severities' ? Number(filter.value) : filter.value;
      return r.stmt(sql).all(lo, hi, ...(filter.facet ? [own] : [])) as Bucket[];
    };
    // Whole days, then each partial end: [from, the day after the first day) and [last day, upper].
    const parts: Bucket[][] = [];
    if (first !== undefined && first === last) parts.push(edge('<=', from!, upper!));
    else {
      parts.push(summaryDayBuckets(r, filter.facet, filter.value, facet, first, last));
      if (first !== undefined)
        parts.push(edge('<', from!, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + 1)));
      if (last !== undefined) parts.push(edge('<=', last, upper!));
    }
    const sums = new Map<string, number>();
    for (const b of parts.flat()) sums.set(String(b.value), (sums.get(String(b.value)) ?? 0) + b.count);
    const buckets = [...sums]
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ value, count }))
      .sort(SUMMARISED[facet]!);
    return facet === 'people' ? buckets.slice(0, PEOPLE_FACET_LIMIT) : buckets;
  });
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
    const term = bareTerm(q.text);
    const stored = term && validSummary(r, DAY_AND_TERM_FACETS_FORMAT) ? storedTermFacets(r, term) : undefined;
    if (stored) return stored;
    return sampleTextFacets(r, q.text!, term && validSummary(r) ? commonTerm(r, term)?.documents : undefined);
  });
}

/** The sample's facets scaled to the documents of the text (`documents` when known exactly). */
function sampleTextFacets(r: CaseReader, text: string, exact: number | undefined): OnePass {
  const sample = sampleMatches(r, text, FACET_SAMPLE);
  const counted = onePass(r, 'd.content_id IN (SELECT value FROM json_each(?))', [JSON.stringify(sample)]);
  const documents = exact ?? (sample.length ? Math.round((matchCount(r, text) * counted.documents) / sample.length) : 0);
  const scale = counted.documents ? documents / counted.documents : 0;
  const scaled = (bs: Bucket[]) => bs.map((b) => ({ value: b.value, count: Math.max(1, Math.round(b.count * scale)) }));
  return {
    kinds: scaled(counted.kinds),
    checks: scaled(counted.checks),
    severities: scaled(counted.severities),
    people: scaled(counted.people),
    documents,
    approximate: true,
  };
}

/**
 * The sampled facets of a very common word, computed when the summary is rebuilt (summary-build.ts
 * rebuildTerms) exactly as a query would sample them, so a query reads a few rows instead of
 * walking the word's doclist (1M documents: ~120-300 ms -> a few ms). Rows: facet, value, count;
 * facet '' holds the document total.
 */
export function termFacetRows(db: Db, term: string, documents: number): { facet: string; value: string; count: number }[] {
  const p = sampleTextFacets(new CaseReader(db), term, documents);
  const rows = [{ facet: '', value: '', count: p.documents }];
  for (const facet of ['kinds', 'checks', 'severities', 'people'] as const)
    for (const b of p[facet]) rows.push({ facet, value: String(b.value), count: b.count });
  return rows;
}

function storedTermFacets(r: CaseReader, term: string): OnePass | undefined {
  const rows = r.stmt('SELECT facet, value, count FROM summary_term_facets WHERE term = ?').all(term) as {
    facet: string;
    value: string;
    count: number;
  }[];
  if (rows.length === 0) return undefined;
  const of = (facet: keyof typeof SUMMARISED) =>
    rows
      .filter((x) => x.facet === facet)
      .map(({ value, count }) => ({ value, count }))
      .sort(SUMMARISED[facet]);
  return {
    kinds: of('kinds'),
    checks: of('checks'),
    severities: of('severities'),
    people: of('people'),
    documents: rows.find((x) => x.facet === '')?.count ?? 0,
    approximate: true,
  };
}

/**
 * The four document facets of the documents matching `where` (over `documents d`), in one
 * statement: the matching documents are materialized once, grouped by kind and person in SQL (a
 * few hundred rows), and joined to their findings (few documents have any), so JavaScript handles
 * thousands of rows instead of one per document (1M documents, a word in 27,000: ~2x faster).
 */
function onePass(r: CaseReader, where: string, params: unknown[], documents = 'documents d'): OnePass {
  const sql = `WITH m AS MATERIALIZED (SELECT d.rowid AS doc, d.kind AS kind, d.person AS person FROM ${documents} WHERE ${where})
    SELECT 0, kind, person, count(*) FROM m GROUP BY kind, person
    UNION ALL SELECT 1, fi.check_id, fi.severity_rank, m.doc FROM m CROSS JOIN findings fi ON fi.doc_rowid = m.doc`;
  const kinds = new Map<string, number>();
  const people = new Map<string, number>();
  const checks = new Map<string, Set<number>>();
  const sevs = new Map<string, Set<number>>();
  let total = 0;
  const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const addTo = (m: Map<string, Set<number>>, k: string, doc: number) => {
    const set = m.get(k);
    if (set) set.add(doc);
    else m.set(k, new Set([doc]));
  };
  for (const [part, a, b, n] of r
    .stmt(sql)
    .raw(true)
    .all(...params) as [0 | 1, string, string | number | null, number][]) {
    if (part === 0) {
      total += n;
      add(kinds, a, n);
      if (b !== null) add(people, String(b), n);
    } else {
      addTo(checks, a, n);
      addTo(sevs, String(b), n);
    }
  }
  const buckets = (m: Map<string, number>) => [...m].map(([value, count]) => ({ value, count }));
  const sized = (m: Map<string, Set<number>>) => [...m].map(([value, set]) => ({ value, count: set.size }));
  return {
    kinds: buckets(kinds).sort(byCount),
    checks: sized(checks).sort(byCount),
    severities: sized(sevs).sort(SUMMARISED.severities!),
    people: buckets(people).sort(byCount).slice(0, PEOPLE_FACET_LIMIT),
    documents: total,
  };
}

export function facetCounts(r: CaseReader, query: SearchQuery): FacetCounts {
  const started = performance.now();
  return r.snapshot(() =>
    withFtsFallback(query, (q) => {
      const kinds = grouped(r, q, 'kinds', (w, filtered, documents) =>
        filtered
          ? `SELECT d.kind AS value, count(*) AS count FROM ${documents} WHERE ${w} GROUP BY d.kind ORDER BY count DESC, value`
          : 'SELECT kind AS value, count(*) AS count FROM documents GROUP BY kind ORDER BY count DESC, value',
      );
      const checks = grouped(r, q, 'checks', (w, filtered, documents) =>
        filtered
          ? `SELECT f.check_id AS value, count(DISTINCT f.doc_rowid) AS count FROM findings f JOIN ${documents} ON d.rowid = f.doc_rowid WHERE ${w} GROUP BY f.check_id ORDER BY count DESC, value`
          : 'SELECT check_id AS value, count(DISTINCT doc_rowid) AS count FROM findings GROUP BY check_id ORDER BY count DESC, value',
      );
      const severityRanks = grouped(r, q, 'severities', (w, filtered, documents) =>
        filtered
          ? `SELECT f.severity_rank AS value, count(DISTINCT f.doc_rowid) AS count FROM findings f JOIN ${documents} ON d.rowid = f.doc_rowid WHERE ${w} GROUP BY f.severity_rank ORDER BY value`
          : 'SELECT severity_rank AS value, count(DISTINCT doc_rowid) AS count FROM findings GROUP BY severity_rank ORDER BY value',
      );
      const tags = grouped(
        r,
        q,
        'tags',
        (w) =>
          `SELECT t.tag AS value, count(*) AS count FROM tags t CROSS JOIN documents d ON d.id = t.doc_id WHERE ${w} GROUP BY t.tag ORDER BY count DESC, value`,
      );
      // Verdicts: documents without a row are 'unresolved', so count the decided ones (few) and
      // take the rest from the total instead of left-joining every document. Tags and verdicts are
      // the analyst's (thousands of rows at most): CROSS JOIN makes them the outer loop, which the
      // planner, without statistics, would otherwise put inside a walk of every matching document.
      const decided = grouped(
        r,
        q,
        'verdicts',
        (w) =>
          `SELECT v.verdict AS value, count(*) AS count FROM verdicts v CROSS JOIN documents d ON d.id = v.doc_id WHERE ${w} GROUP BY v.verdict`,
      );
      // A text-only query's one pass (textOnlyFacets) has counted (or estimated) its documents already.
      const onePassed = textOnlyFacets(r, q);
      // Likewise the findings pass (counted already for the kinds), unless the summary holds the total.
      const rest = { ...q, verdicts: undefined };
      // A date range and one check or severity: every document has one kind, so the kinds add up to the total.
      const kindsByDay = q.verdicts?.length || q.kinds?.length ? undefined : dateRangeFacet(r, q, 'kinds');
      const passed =
        onePassed ?? (q.verdicts?.length || kindsByDay || soleFacetFilter(rest) !== null ? undefined : findingsFilteredFacets(r, q));
      const totalForVerdicts = passed?.documents ?? kindsByDay?.reduce((a, b) => a + b.count, 0) ?? countMatching(r, rest);
      const explicit = new Map(decided.map((b) => [b.value, b.count]));
      const decidedOther = decided.filter((b) => b.value !== 'unresolved').reduce((a, b) => a + b.count, 0);
      const verdicts = VERDICTS.map((v) => ({
        value: v,
        count: v === 'unresolved' ? totalForVerdicts - decidedOther : (explicit.get(v) ?? 0),
      })).filter((b) => b.count > 0);
      const people = grouped(
        r,
        q,
        'people',
        (w, _filtered, documents) =>
          `SELECT d.person AS value, count(*) AS count FROM ${documents} WHERE d.person IS NOT NULL AND ${w} GROUP BY d.person ORDER BY count DESC, value LIMIT ?`,
        [PEOPLE_FACET_LIMIT],
      );
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
