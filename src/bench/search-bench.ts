// Search at scale: the app's queries timed one by one on a synthetic case of about a million documents,
// each on a fresh CaseReader so no cached result answers (docs/bench.md).

import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { openCase } from '../store/db.js';
import { documentCount, sampleDocumentIds } from '../store/queries/case-stats.js';
import { CaseReader } from '../store/queries/reader.js';
import { searchDocuments, searchDocumentsParallel } from '../store/queries/search.js';
import { CountThread } from '../api/count-thread.js';
import { facetCounts } from '../store/queries/facets.js';
import { documentDetail } from '../store/queries/document.js';
import type { SearchQuery } from '../model/api.js';
import { refreshSearchSummaries } from '../store/queries/summary-build.js';
import { buildSyntheticCase, prng, vocabWord } from './synthetic-case.js';

/** Bump when the synthetic case's shape changes (invalidates cached cases). */
const SYNTHETIC_VERSION = 1;

interface Timing {
  name: string;
  ms: number;
  rows?: number;
  total?: number;
}
interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface SearchBench {
  caseFile: string;
  documents: number;
  caseBytes: number;
  buildSeconds: number;
  reused: boolean;
  /** Time to bring the search summaries up to date, as a scan does at its end (0-ish when current). */
  summaryMs: number;
  summaryRebuilt: boolean;
  fts: Stats & { queries: Timing[] };
  /** Texts found in most of the case (two common words, a short prefix, an OR of common words):
   *  reported apart from the mix above, as the limit of ranking every match, not a typical search. */
  ftsBroad: Timing[];
  facets: Stats & { queries: Timing[] };
  detail: Stats;
  pages: Stats & { queries: Timing[] };
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  return { n: s.length, p50: round(q(0.5)), p95: round(q(0.95)), max: round(s[s.length - 1] ?? 0) };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

async function ensureCase(
  root: string,
  topLevel: number,
  log: (s: string) => void,
): Promise<{ file: string; reused: boolean; seconds: number }> {
  const file = `${root}/synthetic-${topLevel}-seed1-v${SYNTHETIC_VERSION}.verity`;
  if (existsSync(file)) return { file, reused: true, seconds: 0 };
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const t0 = performance.now();
  let last = 0;
  await buildSyntheticCase(tmp, {
    documents: topLevel,
    seed: 1,
    onProgress: (n) => {
      if (performance.now() - last > 10_000) {
        last = performance.now();
        log(`  building the synthetic case: ${n} documents (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    },
  });
  renameSync(tmp, file);
  return { file, reused: false, seconds: Math.round((performance.now() - t0) / 1000) };
}

/** Read a file from start to end (into the OS cache); returns the milliseconds it took. */
function readCaseThrough(file: string): number {
  const t0 = performance.now();
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 << 20);
    while (readSync(fd, buf, 0, buf.length, null) > 0) {
      /* reading is the point */
    }
  } finally {
    closeSync(fd);
  }
  return Math.round(performance.now() - t0);
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function runSearchBench(root: string, topLevel: number, log: (s: string) => void): Promise<SearchBench> {
  const built = await ensureCase(root, topLevel, log);
  // A scan ends by refreshing the search summaries; the synthetic case gets the same treatment.
  const w = openCase(built.file);
  let summary: { rebuilt: boolean; ms: number };
  try {
    summary = refreshSearchSummaries(w);
  } finally {
    w.close();
  }
  log(`  search summaries: ${summary.rebuilt ? `rebuilt in ${Math.round(summary.ms)} ms` : 'current'}`);
  const db = openCase(built.file, { readonly: true });
  const counter = new CountThread(built.file, { uncached: true });
  try {
    const documents = documentCount(db);
    const fresh = () => new CaseReader(db);
    // Warm-up, as in an app that has been open a while: the case file read through once (what ran
    // before, a scan or a copy, may have pushed it out of the OS cache: the first of three rounds
    // then ran 2-8x slower than the other two), then one query.
    const read = readCaseThrough(built.file);
    log(`  case file read through in ${read} ms`);
    searchDocuments(fresh(), { limit: 100 });
    await counter.count({ text: vocabWord(1) });

    // Realistic queries: a very common word, words of middling and low frequency, a word that
    // is not there, two words, a phrase, a prefix, and text combined with filters and sorts.
    const word = (i: number) => vocabWord(i);
    const ftsQueries: [string, SearchQuery][] = [
      ['common word', { text: word(0) }],
      ['frequent word', { text: word(5) }],
      ['mid word', { text: word(200) }],
      ['rare word', { text: word(2900) }],
      ['rare term', { text: 'rareterm3' }],
      ['absent word', { text: 'zzzabsent' }],
      ['two words', { text: `${word(10)} ${word(300)}` }],
      ['phrase', { text: `"${word(1)} ${word(2)}"` }],
      ['prefix', { text: `${word(150).slice(0, 4)}*` }],
      ['OR', { text: `${word(900)} OR ${word(1200)}` }],
      ['word + kind email', { text: word(40), kinds: ['email'] }],
      ['word + date range', { text: word(40), dateFrom: '2020-01-01', dateTo: '2020-06-30' }],
      ['word sorted by date', { text: word(20), sort: 'date', order: 'desc' }],
      ['word sorted by score', { text: word(20), sort: 'score' }],
      ['word, page 3', { text: word(30), offset: 200 }],
      ['word + severity high', { text: word(60), severities: ['high'] }],
    ];
    // A first page of 100 as the app asks for it: ranked here, counted on the count thread.
    const timeSearch = async (name: string, q: SearchQuery): Promise<Timing> => {
      const { ms, value } = await timedAsync(() => searchDocumentsParallel(fresh(), { limit: 100, ...q }, counter));
      return { name, ms: round(ms), rows: value.rows.length, total: value.total };
    };
    const fts: Timing[] = [];
    for (let rep = 0; rep < 3; rep++) {
      for (const [name, q] of ftsQueries) fts.push(await timeSearch(name, q));
    }

    const broadQueries: [string, SearchQuery][] = [
      ['two common words', { text: `${word(0)} ${word(5)}` }],
      ['OR of common words', { text: `${word(0)} OR ${word(5)}` }],
      ['two-letter prefix', { text: `${word(150).slice(0, 2)}*` }],
    ];
    const ftsBroad: Timing[] = [];
    for (const [name, q] of broadQueries) ftsBroad.push(await timeSearch(name, q));

    const facetQueries: [string, SearchQuery][] = [
      ['no filter', {}],
      ['kind pdf', { kinds: ['pdf'] }],
      ['common word', { text: word(0) }],
      ['mid word', { text: word(200) }],
      ['check + date', { checks: ['dates.order'], dateFrom: '2020-01-01' }],
      ['date range', { dateFrom: '2020-01-01', dateTo: '2020-06-30' }],
      ['severity high', { severities: ['high'] }],
      ['person', { people: ['person3@example.org'] }],
    ];
    const facets: Timing[] = [];
    for (let rep = 0; rep < 3; rep++) {
      for (const [name, q] of facetQueries) facets.push({ name, ms: round(timed(() => facetCounts(fresh(), q)).ms) });
    }

    const detail: number[] = [];
    for (const id of sampleDocumentIds(db, 50, prng(42))) {
      const { ms, value } = timed(() => documentDetail(fresh(), id));
      if (!value) throw new Error(`documentDetail found nothing for ${id}`);
      detail.push(ms);
    }

    const pageQueries: [string, SearchQuery][] = [
      ['score', { sort: 'score', order: 'desc' }],
      ['date desc', { sort: 'date', order: 'desc' }],
      ['date asc', { sort: 'date', order: 'asc' }],
      ['path', { sort: 'path', order: 'asc' }],
      ['kind email by score', { kinds: ['email'], sort: 'score' }],
      ['kind pdf by date', { kinds: ['pdf'], sort: 'date' }],
      ['min score 10 by score', { minScore: 10, sort: 'score' }],
    ];
    const pages: Timing[] = [];
    for (const [name, q] of pageQueries) {
      const total = searchDocuments(fresh(), { ...q, limit: 1 }).total;
      for (const [where, offset] of [
        ['first', 0],
        ['middle', Math.floor(total / 2)],
        ['last', Math.max(0, total - 100)],
      ] as const) {
        const { ms, value } = timed(() => searchDocuments(fresh(), { ...q, offset, limit: 100 }));
        pages.push({ name: `${name}, ${where} page`, ms: round(ms), rows: value.rows.length, total: value.total });
      }
    }

    return {
      caseFile: built.file,
      documents,
      caseBytes: statSync(built.file).size,
      buildSeconds: built.seconds,
      reused: built.reused,
      summaryMs: Math.round(summary.ms),
      summaryRebuilt: summary.rebuilt,
      fts: { ...stats(fts.map((t) => t.ms)), queries: fts },
      ftsBroad,
      facets: { ...stats(facets.map((t) => t.ms)), queries: facets },
      detail: stats(detail),
      pages: { ...stats(pages.map((t) => t.ms)), queries: pages },
    };
  } finally {
    await counter.close();
    db.close();
  }
}
