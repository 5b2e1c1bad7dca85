// Query timings on a synthetic case (run once; not a test).
import { openCase } from '/work/main/src/store/db.ts';
import { CaseReader } from '/work/main/src/store/queries/reader.ts';
import { searchDocuments } from '/work/main/src/store/queries/search.ts';
import { facetCounts } from '/work/main/src/store/queries/facets.ts';
import { documentDetail } from '/work/main/src/store/queries/document.ts';
import { timeline } from '/work/main/src/store/queries/overview.ts';
import { senderProfiles } from '/work/main/src/store/queries/people.ts';
import { vocabWord } from '/work/main/test/support/synthetic-case.ts';
const db = openCase(process.argv[2], { readonly: true });
const r = new CaseReader(db);
const total = db.prepare('select count(*) from documents').pluck().get() as number;
console.log('documents', total);
const stats = (label: string, runs: (() => unknown)[], cold = true) => {
  const wall: number[] = []; const cpu: number[] = [];
  for (const fn of runs) { if (cold) r.invalidate(); const c = process.cpuUsage(); const t = performance.now(); fn(); wall.push(performance.now() - t); const d = process.cpuUsage(c); cpu.push((d.user + d.system) / 1000); }
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(1);
  console.log(label.padEnd(34), `n=${runs.length}`.padEnd(6), 'wall p50', q(wall, 0.5).padStart(8), 'p95', q(wall, 0.95).padStart(8), '| cpu p50', q(cpu, 0.5).padStart(8), 'p95', q(cpu, 0.95).padStart(8));
};
const words = [5, 20, 60, 150, 400, 800, 1500, 2500, 2900].map(vocabWord).concat(['rareterm1', 'rareterm5', 'nosuchword']);
stats('full-text relevance, 12 words', words.map((w) => () => searchDocuments(r, { text: w })));
stats('full-text by score, 12 words', words.map((w) => () => searchDocuments(r, { text: w, sort: 'score' })));
stats('full-text + kind email', words.map((w) => () => searchDocuments(r, { text: w, kinds: ['email'], sort: 'date' })));
const offsets = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999].map((f) => Math.floor(total * f));
stats('table page, score sort', offsets.map((o) => () => searchDocuments(r, { offset: o, limit: 100 })), false);
stats('table page, date sort', offsets.map((o) => () => searchDocuments(r, { offset: o, limit: 100, sort: 'date' })), false);
stats('table page, path sort', offsets.map((o) => () => searchDocuments(r, { offset: o, limit: 100, sort: 'path' })), false);
stats('table page, kind=pdf', offsets.map((o) => () => searchDocuments(r, { kinds: ['pdf'], offset: Math.floor(o * 0.15), limit: 100 })), false);
stats('table page, check filter', [0, 100, 1000].map((o) => () => searchDocuments(r, { checks: ['email.dkim'], offset: o })), false);
stats('table first page (cold count)', [{}, { kinds: ['pdf'] }, { severities: ['high'] }, { minScore: 20 }, { people: ['person0@example.org'] }, { dateFrom: '2020-01-01', dateTo: '2020-06-30' }, { verdicts: ['unresolved'] }].map((q) => () => searchDocuments(r, q)));
stats('facets', [{}, { kinds: ['pdf'] }, { checks: ['email.dkim'] }, { text: 'rareterm2' }, { text: vocabWord(400) }, { severities: ['high'] }].map((q) => () => facetCounts(r, q)));
const ids = db.prepare('SELECT id FROM documents WHERE rowid % ? = 0 LIMIT 20').pluck().all(Math.max(1, Math.floor(total / 20))) as string[];
stats('document.get', ids.map((id) => () => documentDetail(r, id)));
stats('timeline (cold)', [() => timeline(r)]);
stats('people 50 (cold)', [() => senderProfiles(r, 50)]);
