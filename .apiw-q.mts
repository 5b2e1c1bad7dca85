import { openCase } from '/work/main/src/store/db.ts';
import { CaseReader } from '/work/main/src/store/queries/reader.ts';
import { searchDocuments } from '/work/main/src/store/queries/search.ts';
import { facetCounts } from '/work/main/src/store/queries/facets.ts';
import { timeline, caseSummary } from '/work/main/src/store/queries/overview.ts';
import { senderProfiles } from '/work/main/src/store/queries/people.ts';
import { buildFilter } from '/work/main/src/store/queries/filter.ts';
const file = process.argv[2];
const db = openCase(file, { readonly: true });
const r = new CaseReader(db);
const total = db.prepare('select count(*) from documents').pluck().get() as number;
const time = (label: string, fn: () => unknown, reps = 5) => {
  const ts: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < reps; i++) { r.invalidate(); const c = process.cpuUsage(); const t = performance.now(); fn(); ts.push(performance.now() - t); const d = process.cpuUsage(c); cs.push((d.user + d.system) / 1000); }
  ts.sort((a, b) => a - b); cs.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'wall median', ts[Math.floor(ts.length / 2)].toFixed(1).padStart(7), 'max', ts[ts.length - 1].toFixed(1).padStart(7), ' cpu median', cs[Math.floor(cs.length / 2)].toFixed(1).padStart(7), 'max', cs[cs.length - 1].toFixed(1).padStart(7));
};
const qs: [string, any][] = [
  ['first page score', {}],
  ['last page score', { offset: total - 100 }],
  ['mid page date desc', { sort: 'date', offset: Math.floor(total / 2) }],
  ['path asc deep', { sort: 'path', offset: Math.floor(total * 0.9) }],
  ['kind=pdf score', { kinds: ['pdf'] }],
  ['kind=pdf deep', { kinds: ['pdf'], offset: Math.floor(total * 0.1) }],
  ['check dkim', { checks: ['email.dkim'] }],
  ['severity high', { severities: ['high'] }],
  ['person', { people: ['person0@example.org'] }],
  ['date range', { dateFrom: '2020-01-01', dateTo: '2020-03-31', sort: 'date' }],
  ['minScore 20', { minScore: 20 }],
  ['text common relevance', { text: 'kalo' }],
  ['text common word', { text: 'lalo' }],
  ['text rare relevance', { text: 'rareterm3' }],
  ['text 2 words', { text: 'kaka lolo' }],
  ['text common sort score', { text: 'lalo', sort: 'score' }],
  ['text + kind', { text: 'lalo', kinds: ['email'] }],
  ['verdict unresolved', { verdicts: ['unresolved'] }],
];
for (const [l, q] of qs) time('search ' + l, () => searchDocuments(r, q));
time('facets all', () => facetCounts(r, {}));
time('facets kind=pdf', () => facetCounts(r, { kinds: ['pdf'] }));
time('facets text', () => facetCounts(r, { text: 'lalo' }));
time('facets check', () => facetCounts(r, { checks: ['email.dkim'] }));
time('timeline', () => timeline(r), 3);
time('summary', () => caseSummary(r, file, null), 3);
time('people 50', () => senderProfiles(r, 50), 3);
if (process.argv[3] === 'plans') {
  for (const [l, q] of qs) {
    const f = buildFilter(q);
    console.log(l, db.prepare(`EXPLAIN QUERY PLAN SELECT d.rowid FROM documents d WHERE ${f.where} ORDER BY d.score DESC, d.path ASC, d.rowid ASC LIMIT 100`).all(...f.params).map((x: any) => x.detail).join(' | '));
  }
}
