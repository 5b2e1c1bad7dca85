// The query plans chosen for speed on a million documents (search.ts, facets.ts, summary-build.ts order
// marks) must return what a straightforward query returns: each answer here is compared with plain
// SQL written without any planner hints, or with the same query answered without the summary.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSyntheticCase, type SyntheticCase } from '../support/synthetic-case.js';
import { openCase, type Db } from '../../src/store/db.js';
import { CaseReader } from '../../src/store/queries/reader.js';
import { searchDocuments, searchDocumentsParallel, type TotalCounter } from '../../src/store/queries/search.js';
import { CountThread } from '../../src/api/count-thread.js';
import { facetCounts, PEOPLE_FACET_LIMIT } from '../../src/store/queries/facets.js';
import { buildFilter, type FacetName } from '../../src/store/queries/filter.js';
import { RANK_SEVERITY } from '../../src/store/severity.js';
import { invalidateSearchSummaries, refreshSearchSummaries } from '../../src/store/queries/summary-build.js';
import { DAY_AND_TERM_FACETS_FORMAT, MARK_BLOCK, validSummary } from '../../src/store/queries/summary-read.js';
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

/** Plain relevance order (rank, then content, then document): every match joined to its documents,
 *  no hints, no summary. */
function plainRelevance(text: string, extra = '1'): string[] {
  return w
    .prepare(
      `SELECT d.id FROM content_fts m JOIN documents d ON d.content_id = m.rowid WHERE content_fts MATCH ? AND ${extra}
    ORDER BY m.rank, m.rowid, d.rowid`,
    )
    .pluck()
    .all(text) as string[];
}

describe('order marks', () => {
  it('page one kind or person in every order at any offset exactly as without the summary', () => {
    invalidateSearchSummaries(w);
    const person = [
      ...synth.model.reduce((m, d) => (d.person ? m.set(d.person, (m.get(d.person) ?? 0) + 1) : m), new Map<string, number>()),
    ].sort((a, b) => b[1] - a[1])[0][0];
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
    expect(w.prepare("SELECT count(DISTINCT value) FROM summary_order_marks WHERE facet = 'kinds'").pluck().get()).toBeGreaterThanOrEqual(
      2,
    );
    expect(w.prepare("SELECT count(*) FROM summary_order_marks WHERE facet = 'people' AND value = ?").pluck().get(person)).toBeGreaterThan(
      0,
    );
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
          expect(
            page.rows.map((x) => x.id),
            `${text} ${cond}`,
          ).toEqual(want.slice(offset, offset + 30));
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
    const cids = w
      .prepare('SELECT content_id FROM documents WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(page.rows.map((x) => x.id)));
    // The lookup-per-id form (what a page of a plain word uses).
    const byLookup = new Map(
      w
        .prepare(
          `SELECT rowid, snippet(content_fts, -1, char(2), char(3), '…', 16) FROM content_fts
      WHERE content_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
        )
        .raw()
        .all(prefix, JSON.stringify(cids)) as [number, string][],
    );
    expect(byLookup.size).toBe(new Set(cids).size);
    const docCid = new Map(
      w
        .prepare('SELECT id, content_id FROM documents WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(page.rows.map((x) => x.id))) as [string, number][],
    );
    for (const row of page.rows) expect(row.snippet, row.id).toBe(byLookup.get(docCid.get(row.id)!));
    expect(page.rows.map((x) => x.id)).toEqual(plainRelevance(prefix).slice(0, 50));
  });
});

describe('a text alone, ranked here and counted on the count thread', () => {
  let counter: CountThread;
  beforeAll(() => {
    counter = new CountThread(r.db.name);
  });
  afterAll(async () => {
    await counter.close();
  });

  it('pages like plain SQL, ties in content order, with the exact total', async () => {
    invalidateSearchSummaries(w);
    const texts = [
      commonWord,
      midWord,
      `${midWord.slice(0, 3)}*`,
      `${commonWord} OR ${midWord}`,
      `"${commonWord} ${midWord}"`,
      'rareterm1',
    ];
    let ties = 0;
    for (const text of texts) {
      const want = plainRelevance(text);
      expect(want.length, text).toBeGreaterThan(0);
      const ranks = w.prepare('SELECT rank FROM content_fts WHERE content_fts MATCH ? ORDER BY rank').pluck().all(text) as number[];
      ties += ranks.filter((x, i) => i > 0 && x === ranks[i - 1]).length;
      for (const offset of [0, 1, 37, Math.floor(want.length / 2), want.length - 5, want.length + 3]) {
        const q = { text, offset: Math.max(0, offset), limit: 25 };
        const page = await searchDocumentsParallel(new CaseReader(r.db), q, counter);
        expect(
          page.rows.map((x) => x.id),
          JSON.stringify(q),
        ).toEqual(want.slice(q.offset, q.offset + 25));
        expect(page.total, JSON.stringify(q)).toBe(want.length);
        // The one-thread path gives the same page.
        expect(searchDocuments(new CaseReader(r.db), q).rows.map((x) => x.id)).toEqual(page.rows.map((x) => x.id));
      }
    }
    // Ties of rank are what the content order decides: the case must have them.
    expect(ties).toBeGreaterThan(100);
  });

  it('sends the count only when the page does not give it, and counts here if the thread fails', async () => {
    const sent: SearchQuery[] = [];
    const failing: TotalCounter = {
      count: async (q) => {
        sent.push(q);
        throw new Error('count thread gone');
      },
    };
    const text = `${midWord.slice(0, 3)}*`;
    const want = plainRelevance(text);
    const page = await searchDocumentsParallel(new CaseReader(r.db), { text, limit: 10 }, failing);
    expect(page.total).toBe(want.length);
    expect(sent).toHaveLength(1);
    // With a filter, or in another order, the total comes from the one-thread path.
    await searchDocumentsParallel(new CaseReader(r.db), { text, kinds: ['email'], limit: 10 }, failing);
    await searchDocumentsParallel(new CaseReader(r.db), { text, sort: 'date', limit: 10 }, failing);
    await searchDocumentsParallel(new CaseReader(r.db), { text, order: 'asc', limit: 10 }, failing);
    expect(sent).toHaveLength(1);
    // Counted here once, the reader's cached total serves the next page without the thread.
    const reader = new CaseReader(r.db);
    expect(searchDocuments(reader, { text, sort: 'date', limit: 1 }).total).toBe(want.length);
    expect((await searchDocumentsParallel(reader, { text, offset: 10, limit: 10 }, failing)).total).toBe(want.length);
    expect(sent).toHaveLength(1);
    // A text whose every match fits the fetch is counted by the page itself: the count thread's
    // answer is not waited for.
    const never: TotalCounter = { count: () => new Promise<number>(() => undefined) };
    expect((await searchDocumentsParallel(new CaseReader(r.db), { text: 'rareterm1', limit: 1000 }, never)).total).toBe(
      plainRelevance('rareterm1').length,
    );
  });

  it('fetches more ranked contents when the best ones have no document left', async () => {
    // Contents that rank best and have no document (as after a re-scan dropped their files).
    const ins = w.prepare("INSERT INTO content (sha256, kind, mime, size) VALUES (?, 'text', 'text/plain', 1)");
    const orphans = [1, 2, 3].map((i) => Number(ins.run(`orphan-${i}`).lastInsertRowid));
    for (const id of orphans)
      w.prepare('INSERT INTO content_fts (rowid, title, body) VALUES (?, ?, ?)').run(id, 'rareterm1', 'rareterm1 rareterm1 rareterm1');
    try {
      const text = `rareterm1 OR ${midWord}`;
      const best = w.prepare('SELECT rowid FROM content_fts WHERE content_fts MATCH ? ORDER BY rank LIMIT 3').pluck().all(text);
      expect(best.sort()).toEqual([...orphans].sort());
      const want = plainRelevance(text);
      const page = await searchDocumentsParallel(new CaseReader(r.db), { text, limit: 4 }, counter);
      expect(page.rows.map((x) => x.id)).toEqual(want.slice(0, 4));
      expect(page.total).toBe(want.length);
    } finally {
      for (const id of orphans) {
        w.prepare('DELETE FROM content_fts WHERE rowid = ?').run(id);
        w.prepare('DELETE FROM content WHERE rowid = ?').run(id);
      }
    }
  });

  it('falls back to quoted words there as here when FTS5 rejects the text', async () => {
    const text = `${midWord} AND`;
    const page = await searchDocumentsParallel(new CaseReader(r.db), { text, limit: 10 }, counter);
    expect(page.total).toBe(plainRelevance(`"${midWord}" "AND"`).length);
  });

  it('a count thread on a missing case fails with the file named, and a closed one refuses', async () => {
    const missing = join(dir, 'missing.verity');
    const bad = new CountThread(missing);
    await expect(bad.count({ text: midWord })).rejects.toThrow(missing);
    await bad.close();
    await expect(bad.count({ text: midWord })).rejects.toThrow(/closed/);
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

  it('are read from the summary as the query would sample them', () => {
    refreshSearchSummaries(w, OPTS);
    expect(w.prepare('SELECT count(*) FROM summary_term_facets WHERE term = ?').pluck().get(commonWord)).toBeGreaterThan(5);
    const { tookMs: _a, ...stored } = facetCounts(new CaseReader(r.db), { text: commonWord });
    // Falsified, the stored rows show (they are read)...
    w.prepare("UPDATE summary_term_facets SET count = count + 7 WHERE term = ? AND facet = 'kinds'").run(commonWord);
    const falsified = facetCounts(new CaseReader(r.db), { text: commonWord });
    expect(falsified.kinds.map((b) => b.count)).toEqual(stored.kinds.map((b) => b.count + 7));
    // ...and without them the query samples the same answer itself.
    w.prepare('DELETE FROM summary_term_facets WHERE term = ?').run(commonWord);
    const { tookMs: _b, ...live } = facetCounts(new CaseReader(r.db), { text: commonWord });
    expect(live).toEqual(stored);
    expect(live.approximate).toBe(true);
    refreshSearchSummaries(w, { ...OPTS, force: true });
  });
});

/** Each facet counted by plain SQL (no hints, no summary), under every filter but its own. */
function plainFacets(q: SearchQuery) {
  const where = (omit: FacetName) => buildFilter(q, { omit });
  const all = (sql: string, f: { params: unknown[] }, ...extra: unknown[]) =>
    w.prepare(sql).all(...f.params, ...extra) as { value: string | number; count: number }[];
  const k = where('kinds');
  const c = where('checks');
  const s = where('severities');
  const p = where('people');
  const total = buildFilter(q);
  return {
    kinds: all(`SELECT kind AS value, count(*) AS count FROM documents d WHERE ${k.where} GROUP BY kind ORDER BY count DESC, value`, k),
    checks: all(
      `SELECT f.check_id AS value, count(DISTINCT d.rowid) AS count FROM documents d JOIN findings f ON f.doc_rowid = d.rowid WHERE ${c.where}
      GROUP BY f.check_id ORDER BY count DESC, value`,
      c,
    ),
    severities: all(
      `SELECT f.severity_rank AS value, count(DISTINCT d.rowid) AS count FROM documents d JOIN findings f ON f.doc_rowid = d.rowid WHERE ${s.where}
      GROUP BY f.severity_rank ORDER BY value`,
      s,
    ).map((b) => ({ value: RANK_SEVERITY[Number(b.value)], count: b.count })),
    people: all(
      `SELECT person AS value, count(*) AS count FROM documents d WHERE person IS NOT NULL AND ${p.where} GROUP BY person ORDER BY count DESC, value LIMIT ?`,
      p,
      PEOPLE_FACET_LIMIT,
    ),
    unresolved: w
      .prepare(`SELECT count(*) FROM documents d WHERE ${total.where}`)
      .pluck()
      .get(...total.params) as number,
  };
}

describe('facets under findings filters and date ranges', () => {
  it('count a date range, alone or with a check or severity (day summary, covering indexes), exactly as plain SQL', () => {
    // Dates the day keys must get right: bare days, a month, a year, an empty string, a day with
    // its time cut at the key's end, on documents with findings.
    const withFindings = w.prepare('SELECT DISTINCT doc_rowid FROM findings ORDER BY doc_rowid LIMIT 12').pluck().all() as number[];
    const odd = [
      '2020-03-05',
      '2020-03',
      '2020',
      '',
      '2020-03-05T',
      '2020-03-04T23:59:59.999Z',
      '2020-03-06',
      '2019-12-31T23:59:59.999Z',
      '2020-01-01',
      '2020-03-05T00:00:00.000Z',
      '2021',
      '2020-06-30T23:59:59.999Z',
    ];
    const set = w.prepare('UPDATE documents SET date = ? WHERE rowid = ?');
    withFindings.forEach((rowid, i) => set.run(odd[i], rowid));
    // Dates are not in the summary's fingerprint: force the rebuild.
    refreshSearchSummaries(w, { ...OPTS, force: true });
    expect(validSummary(r, DAY_AND_TERM_FACETS_FORMAT)).toBe(true);
    expect(w.prepare('SELECT count(*) FROM summary_day_facets').pluck().get()).toBeGreaterThan(100);
    const docDate = synth.model.find((d) => d.date)!.date!;
    const ranges: Pick<SearchQuery, 'dateFrom' | 'dateTo'>[] = [
      {},
      { dateFrom: '2020-01-01' },
      { dateTo: '2020-03-05' },
      { dateFrom: '2020-01-01', dateTo: '2020-06-30' },
      { dateFrom: '2020-03-05', dateTo: '2020-03-05' },
      { dateFrom: '2020-03-04T12:00:00.000Z', dateTo: '2020-03-06' },
      { dateFrom: '2020', dateTo: '2020-03' },
      { dateFrom: docDate },
      { dateTo: docDate },
      { dateFrom: docDate, dateTo: docDate },
      { dateFrom: '2020-06-30', dateTo: '2020-01-01' },
      { dateFrom: '2019-12-31T23:59:59.999Z', dateTo: '2021' },
    ];
    const person = synth.model.find((d) => d.person)!.person!;
    const filters: SearchQuery[] = [
      { checks: ['dates.order'] },
      { checks: ['email.dkim'] },
      { severities: ['low'] },
      { severities: ['high'] },
      {},
      { checks: ['dates.order'], kinds: ['pdf'] },
      { severities: ['medium'], people: [person] },
      { checks: ['dates.order', 'email.dkim'] },
    ];
    let nonEmpty = 0;
    for (const f of [...filters, ...filters.map((x) => ({ ...x, minScore: 1 }))]) {
      for (const range of ranges) {
        const q = { ...f, ...range };
        for (const reader of [r, new CaseReader(r.db)]) {
          const got = facetCounts(reader, q);
          const want = plainFacets(q);
          const label = JSON.stringify(q);
          expect(got.kinds, label).toEqual(want.kinds);
          expect(got.checks, label).toEqual(want.checks);
          expect(got.severities, label).toEqual(want.severities);
          expect(got.people, label).toEqual(want.people);
          expect(got.verdicts.find((b) => b.value === 'unresolved')?.count ?? 0, label).toBe(want.unresolved);
          expect(got.approximate, label).toBeUndefined();
          if (want.kinds.length && want.checks.length) nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(100);
    // The day summary is read (not only the plain path): falsified, it shows.
    const one = "filter_facet = 'checks' AND filter_value = 'dates.order' AND facet = 'kinds'";
    expect(
      w
        .prepare(
          `UPDATE summary_day_facets SET count = count + 1000 WHERE ${one}
      AND (day, value) = (SELECT day, value FROM summary_day_facets WHERE ${one} ORDER BY day DESC LIMIT 1)`,
        )
        .run().changes,
    ).toBe(1);
    expect(
      facetCounts(new CaseReader(r.db), { checks: ['dates.order'], dateFrom: '2019-01-01' }).kinds.reduce((a, b) => a + b.count, 0),
    ).toBe(plainFacets({ checks: ['dates.order'], dateFrom: '2019-01-01' }).unresolved + 1000);
    // (and so are its unfiltered rows, for a date range alone)
    expect(
      w
        .prepare(
          `UPDATE summary_day_facets SET count = count + 1000 WHERE filter_facet = '' AND facet = 'kinds'
      AND (day, value) = (SELECT day, value FROM summary_day_facets WHERE filter_facet = '' AND facet = 'kinds' ORDER BY day DESC LIMIT 1)`,
        )
        .run().changes,
    ).toBe(1);
    expect(facetCounts(new CaseReader(r.db), { dateFrom: '2019-01-01' }).kinds.reduce((a, b) => a + b.count, 0)).toBe(
      plainFacets({ dateFrom: '2019-01-01' }).unresolved + 1000,
    );
    // A summary of an older format (a case just migrated: these tables empty until its next
    // refresh) is not read for them.
    const stamp = JSON.parse(w.prepare("SELECT value FROM case_meta WHERE key = 'search_summary'").pluck().get() as string);
    w.prepare("UPDATE case_meta SET value = ? WHERE key = 'search_summary'").run(JSON.stringify({ ...stamp, format: 2 }));
    expect(validSummary(r)).toBe(true);
    expect(validSummary(r, DAY_AND_TERM_FACETS_FORMAT)).toBe(false);
    expect(facetCounts(new CaseReader(r.db), { dateFrom: '2019-01-01' }).kinds).toEqual(plainFacets({ dateFrom: '2019-01-01' }).kinds);
    expect(facetCounts(new CaseReader(r.db), { checks: ['dates.order'], dateFrom: '2019-01-01' }).kinds).toEqual(
      plainFacets({ checks: ['dates.order'], dateFrom: '2019-01-01' }).kinds,
    );
    expect(refreshSearchSummaries(w, OPTS).rebuilt).toBe(true);
    refreshSearchSummaries(w, { ...OPTS, force: true });
  });
});
