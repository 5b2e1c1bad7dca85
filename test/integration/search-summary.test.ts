// The search summary (src/store/queries/summary-build.ts) must change speed, never results: every page,
// total and facet answered from it equals the answer of the plain queries (which
// api-queries.test.ts checks against an independent model), and a stale summary is ignored.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSyntheticCase, type SyntheticCase } from '../support/synthetic-case.js';
import { openCase, type Db } from '../../src/store/db.js';
import { CaseReader } from '../../src/store/queries/reader.js';
import { searchDocuments } from '../../src/store/queries/search.js';
import { estimateSettings } from '../../src/store/queries/count.js';
import { facetCounts } from '../../src/store/queries/facets.js';
import { completeGroups, invalidateSearchSummaries, refreshSearchSummaries } from '../../src/store/queries/summary-build.js';
import { validSummary } from '../../src/store/queries/summary-read.js';
import type { SearchQuery } from '../../src/model/api.js';

let dir: string;
let file: string;
let synth: SyntheticCase;
let w: Db;
let r: CaseReader;
let commonWords: string[];

/** Small thresholds so a 6k-document case has common words, and pages that cross the kept list. */
const OPTS = { minTermMatches: 400, termTopKept: 120 };

const pageQueries = (): SearchQuery[] => {
  const total = synth.model.length;
  const qs: SearchQuery[] = [];
  for (const sort of ['score', 'date', 'path'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      for (const offset of [0, 1, 99, Math.floor(total / 2), total - 7, total, total + 5]) qs.push({ sort, order, offset, limit: 50 });
    }
  }
  for (const text of commonWords) {
    for (const offset of [0, 30, 60, 100, 119, 150]) {
      qs.push({ text, offset, limit: 30 });
      qs.push({ text, offset, limit: 30, kinds: ['email'] });
    }
    qs.push({ text, sort: 'score', limit: 20 });
    qs.push({ text: text.toUpperCase(), limit: 40 });
  }
  const person = synth.model.find((d) => d.person)!.person!;
  for (const f of [
    {},
    { kinds: ['pdf'] },
    { checks: ['email.dkim'] },
    { severities: ['high'] },
    { severities: ['low'] },
    { people: [person] },
    { kinds: ['pdf'], checks: ['dates.order'] },
    { kinds: ['pdf', 'email'] },
    { minScore: 1 },
    { kinds: ['email'], severities: ['low'] },
  ] as SearchQuery[]) {
    qs.push({ ...f, limit: 25 }, { ...f, offset: 40, limit: 25, sort: 'date' });
  }
  return qs;
};

const facetQueries = (): SearchQuery[] => {
  const person = synth.model.find((d) => d.person)!.person!;
  return [
    {},
    { kinds: ['pdf'] },
    { kinds: ['email'] },
    { checks: ['dates.order'] },
    { checks: ['email.dkim'] },
    { severities: ['high'] },
    { severities: ['low'] },
    { people: [person] },
    { kinds: ['pdf'], severities: ['medium'] },
    { kinds: ['email'], people: [person] },
    { text: commonWords[0] },
    { minScore: 1 },
  ];
};

const answers = () => ({
  pages: pageQueries().map((q) => {
    const p = searchDocuments(r, q);
    return { total: p.total, ids: p.rows.map((x) => x.id), snippets: p.rows.map((x) => x.snippet) };
  }),
  facets: facetQueries().map((q) => {
    const { tookMs: _t, ...f } = facetCounts(r, q);
    return f;
  }),
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-search-summary-'));
  file = join(dir, 'case.verity');
  synth = await buildSyntheticCase(file, { documents: 6_000, seed: 11, keepModel: true });
  w = openCase(file);
  r = new CaseReader(openCase(file, { readonly: true }));
  const counts = new Map<string, number>();
  for (const d of synth.model) for (const word of d.words) counts.set(word, (counts.get(word) ?? 0) + 1);
  commonWords = [...counts.entries()]
    .filter(([, n]) => n > 700)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([word]) => word);
}, 300_000);

afterAll(() => {
  w?.close();
  r?.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('completeGroups', () => {
  it('cuts the best ranks where a tie ends, never inside one', () => {
    expect(completeGroups([1, 2, 2, 2, 3, 4], 2, false)).toBe(4);
    expect(completeGroups([1, 2, 3, 3, 3, 3], 4, false)).toBe(2);
    expect(completeGroups([2, 2, 2, 2], 2, false)).toBe(0);
    expect(completeGroups([2, 2, 2], 2, true)).toBe(3);
    expect(completeGroups([1, 2, 3], 5, false)).toBe(2);
  });
});

describe('search summary', () => {
  it('answers every page, total and facet exactly as the plain queries do', () => {
    expect(commonWords.length).toBe(3);
    expect(validSummary(r)).toBe(false);
    const plain = answers();
    expect(refreshSearchSummaries(w, OPTS).rebuilt).toBe(true);
    expect(validSummary(r)).toBe(true);
    expect(w.prepare('SELECT count(*) FROM summary_terms').pluck().get()).toBeGreaterThanOrEqual(3);
    expect(w.prepare('SELECT count(*) FROM summary_order_score').pluck().get()).toBe(synth.model.length);
    const summarised = answers();
    for (let i = 0; i < plain.pages.length; i++) expect(summarised.pages[i], JSON.stringify(pageQueries()[i])).toEqual(plain.pages[i]);
    for (let i = 0; i < plain.facets.length; i++) expect(summarised.facets[i], JSON.stringify(facetQueries()[i])).toEqual(plain.facets[i]);
  });

  it('counts the facets of a text-only query in one pass exactly as facet by facet', () => {
    const allIds = synth.model.map((d) => d.id);
    const words = [commonWords[2], [...synth.rareWords.keys()][0], [...synth.model[3].words][0]];
    for (const text of words) {
      const { tookMs: _a, approximate: _s, ...onePass } = facetCounts(r, { text });
      // An id list of every document matches the same set but takes the per-facet SQL path.
      const { tookMs: _b, ...perFacet } = facetCounts(r, { text, ids: allIds });
      expect(onePass.kinds.length, text).toBeGreaterThan(0);
      expect(onePass, text).toEqual(perFacet);
    }
  });

  it('estimates the total of a common word with a large filter, and says so', () => {
    refreshSearchSummaries(w, OPTS);
    const q: SearchQuery = { text: commonWords[0], kinds: ['email'], limit: 20 };
    const exact = searchDocuments(r, q);
    expect(exact.totalIsEstimate).toBeUndefined();
    estimateSettings.minFilteredDocuments = 100;
    try {
      const est = searchDocuments(r, q);
      expect(est.totalIsEstimate).toBe(true);
      expect(est.rows).toEqual(exact.rows);
      expect(Math.abs(est.total - exact.total)).toBeLessThan(exact.total * 0.1);
      // A person's documents are few: still counted exactly.
      expect(
        searchDocuments(r, { ...q, kinds: undefined, people: [synth.model.find((d) => d.person)!.person!] }).totalIsEstimate,
      ).toBeUndefined();
    } finally {
      estimateSettings.minFilteredDocuments = 50_000;
    }
  });

  it('is read when current, and ignored once stale or invalidated', () => {
    refreshSearchSummaries(w, OPTS);
    const plainKinds = facetCounts(r, {}).kinds;
    // Falsify one summarised count: a current summary is believed...
    w.prepare("UPDATE summary_facets SET count = count + 1000 WHERE filter_facet = '' AND facet = 'kinds' AND value = 'pdf'").run();
    expect(facetCounts(r, {}).kinds.find((b) => b.value === 'pdf')!.count).toBe(plainKinds.find((b) => b.value === 'pdf')!.count + 1000);
    // (the table order and the best matches of a common word are read from it too)
    const firstByScore = searchDocuments(r, { limit: 3 }).rows.map((x) => x.id);
    w.prepare('UPDATE summary_order_score SET doc_rowid = (SELECT doc_rowid FROM summary_order_score WHERE pos = 3) WHERE pos = 1').run();
    expect(searchDocuments(r, { limit: 3 }).rows.map((x) => x.id)).toEqual([firstByScore[2], firstByScore[1], firstByScore[2]]);
    const bestMatch = searchDocuments(r, { text: commonWords[0], limit: 2 }).rows.map((x) => x.id);
    w.prepare('DELETE FROM summary_term_top WHERE term = ? AND pos = 0').run(commonWords[0]);
    expect(searchDocuments(r, { text: commonWords[0], limit: 1 }).rows.map((x) => x.id)).toEqual([bestMatch[1]]);
    // ...a new scan makes it stale...
    w.prepare("INSERT INTO scans (dump_root, started_at, state) VALUES ('/x', '2020-01-01', 'running')").run();
    expect(validSummary(r)).toBe(false);
    expect(facetCounts(r, {}).kinds).toEqual(plainKinds);
    // ...and a refresh with unchanged data only restamps it (the falsified row stays: no rebuild).
    expect(refreshSearchSummaries(w, OPTS).rebuilt).toBe(false);
    expect(validSummary(r)).toBe(true);
    invalidateSearchSummaries(w);
    expect(validSummary(r)).toBe(false);
    expect(facetCounts(r, {}).kinds).toEqual(plainKinds);
    expect(refreshSearchSummaries(w, OPTS).rebuilt).toBe(true);
    expect(facetCounts(r, {}).kinds).toEqual(plainKinds);
  });
});
