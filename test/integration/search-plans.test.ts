// The query plans chosen for speed on a million documents (search.ts, facets.ts, summary.ts order
// marks) must return what a straightforward query returns: each answer here is compared with plain
// SQL written without any planner hints, or with the same query answered without the summary.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSyntheticCase, type SyntheticCase } from '../support/synthetic-case.js';
import { openCase, type Db } from '../../src/store/db.js';
import { CaseReader } from '../../src/store/queries/reader.js';
import { searchDocuments } from '../../src/store/queries/search.js';
import { facetCounts } from '../../src/store/queries/facets.js';
import { invalidateSearchSummaries, MARK_BLOCK, refreshSearchSummaries, validSummary } from '../../src/store/queries/summary.js';
import type { SearchQuery } from '../../src/model/api.js';

let dir: string;
let synth: SyntheticCase;
let w: Db;
let r: CaseReader;
let commonWord: string;
let midWord: string;

/** Small thresholds so a 6k-document case has common words and marked kinds and people. */
const OPTS = { minTermMatches: 400, termTopKept: 120, markMinDocuments: 300 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-search-plans-'));
  const file = join(dir, 'case.verity');
  synth = await buildSyntheticCase(file, { documents: 6_000, seed: 5, keepModel: true });
  w = openCase(file);
  r = new CaseReader(openCase(file, { readonly: true }));
  const counts = new Map<string, number>();
  for (const d of synth.model) for (const word of d.words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const byCount = [...counts.entries()].filter(([word]) => !word.startsWith('rareterm')).sort((a, b) => b[1] - a[1]);
  commonWord = byCount[0][0];
  midWord = byCount.find(([, n]) => n < 300 && n > 100)![0];
}, 300_000);

afterAll(() => {
  w?.close();
  r?.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ids = (q: SearchQuery) => searchDocuments(r, q).rows.map((x) => x.id);

/** Plain relevance order: every match joined to its documents, no hints, no summary. */
function plainRelevance(text: string, extra = '1'): string[] {
  return (w.prepare(`SELECT d.id FROM content_fts m JOIN documents d ON d.content_id = m.rowid WHERE content_fts MATCH ? AND ${extra}
    ORDER BY m.rank, d.rowid`).pluck().all(text) as string[]);
}

describe('order marks', () => {
  it('page one kind or person in every order at any offset exactly as without the summary', () => {
    invalidateSearchSummaries(w);
    const person = [...synth.model.reduce((m, d) => (d.person ? m.set(d.person, (m.get(d.person) ?? 0) + 1) : m), new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])[0][0];
    const queries: SearchQuery[] = [];
    for (const filter of [{ kinds: ['email'] }, { kinds: ['pdf'] }, { people: [person] }] as SearchQuery[]) {
      const total = searchDocuments(r, { ...filter, limit: 1 }).total;
      for (const sort of ['score', 'date', 'path'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          for (const offset of [0, 1, 57, Math.floor(total / 2), MARK_BLOCK - 3, total - 30, total - 1, total, total + 3]) {
            queries.push({ ...filter, sort, order, offset: Math.max(0, offset), limit: 40 });
          }
        }
      }
    }
    const plain = queries.map((q) => ({ total: searchDocuments(r, q).total, ids: ids(q) }));
    refreshSearchSummaries(w, OPTS);
    expect(validSummary(r)).toBe(true);
    expect(w.prepare("SELECT count(DISTINCT value) FROM summary_order_marks WHERE facet = 'kinds'").pluck().get()).toBeGreaterThanOrEqual(2);
    expect(w.prepare("SELECT count(*) FROM summary_order_marks WHERE facet = 'people' AND value = ?").pluck().get(person)).toBeGreaterThan(0);
    const marked = queries.map((q) => ({ total: searchDocuments(r, q).total, ids: ids(q) }));
    for (let i = 0; i < queries.length; i++) expect(marked[i], JSON.stringify(queries[i])).toEqual(plain[i]);
    // Sanity: the plain answers are not all empty.
    expect(plain.filter((p) => p.ids.length === 40).length).toBeGreaterThan(queries.length / 2);
  });
});

describe('text with filters', () => {
  it('ranks a word with a severity or check filter like plain SQL, and counts it', () => {
    refreshSearchSummaries(w, OPTS);
    for (const text of [commonWord, midWord]) {
      for (const [q, cond] of [
        [{ severities: ['low'] }, 'EXISTS (SELECT 1 FROM findings f WHERE f.doc_rowid = d.rowid AND f.severity_rank = 2)'],
        [{ checks: ['dates.order'] }, "EXISTS (SELECT 1 FROM findings f WHERE f.doc_rowid = d.rowid AND f.check_id = 'dates.order')"],
        [{ dateFrom: '2020-01-01', dateTo: '2020-06-30' }, "d.date >= '2020-01-01' AND d.date <= '2020-06-30T23:59:59.999Z'"],
      ] as [SearchQuery, string][]) {
        const want = plainRelevance(text, cond);
        expect(want.length, `${text} ${cond}`).toBeGreaterThan(0);
        for (const offset of [0, 20]) {
          const page = searchDocuments(r, { ...q, text, offset, limit: 30 });
          expect(page.rows.map((x) => x.id), `${text} ${cond}`).toEqual(want.slice(offset, offset + 30));
          expect(page.total).toBe(want.length);
        }
        // A fresh reader (no cached count) and a page past the end still give the exact total.
        expect(searchDocuments(new CaseReader(r.db), { ...q, text, offset: want.length + 10 }).total).toBe(want.length);
      }
    }
  });

  it('snippets a prefix query in one pass exactly as one lookup per content', () => {
    const prefix = `${midWord.slice(0, 3)}*`;
    const page = searchDocuments(r, { text: prefix, limit: 50 });
    expect(page.rows.length).toBe(50);
    const cids = w.prepare('SELECT content_id FROM documents WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(page.rows.map((x) => x.id)));
    // The lookup-per-id form (what a page of a plain word uses).
    const byLookup = new Map(w.prepare(`SELECT rowid, snippet(content_fts, -1, char(2), char(3), '…', 16) FROM content_fts
      WHERE content_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`).raw().all(prefix, JSON.stringify(cids)) as [number, string][]);
    expect(byLookup.size).toBe(new Set(cids).size);
    const docCid = new Map(w.prepare('SELECT id, content_id FROM documents WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(page.rows.map((x) => x.id))) as [string, number][]);
    for (const row of page.rows) expect(row.snippet, row.id).toBe(byLookup.get(docCid.get(row.id)!));
    expect(page.rows.map((x) => x.id)).toEqual(plainRelevance(prefix).slice(0, 50));
  });
});

describe('facets of a common word', () => {
  it('are marked approximate, and on a case small enough for the sample to hold every match, equal the exact counts', () => {
    const { tookMs: _a, approximate, ...sampled } = facetCounts(r, { text: commonWord });
    expect(approximate).toBe(true);
    // An id list of every document takes the exact per-facet SQL.
    const { tookMs: _b, ...exact } = facetCounts(r, { text: commonWord, ids: synth.model.map((d) => d.id) });
    expect(exact.approximate).toBeUndefined();
    expect(sampled).toEqual(exact);
    // A word in few documents is counted exactly.
    expect(facetCounts(r, { text: midWord }).approximate).toBeUndefined();
  });
});
