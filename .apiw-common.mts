import { openCase } from '/work/main/src/store/db.ts';
import { CaseReader } from '/work/main/src/store/queries/reader.ts';
import { searchDocuments, isCommonText } from '/work/main/src/store/queries/search.ts';
import { buildFilter } from '/work/main/src/store/queries/filter.ts';
const db = openCase(process.argv[2], { readonly: true });
const r = new CaseReader(db);
for (const w of ['kalo', 'kaka', 'lolo', 'mika', 'rareterm3']) {
  const q = { text: w, sort: 'score' as const };
  const c = process.cpuUsage(); const t = performance.now();
  const p = searchDocuments(r, q);
  const d = process.cpuUsage(c);
  const f = buildFilter(q, { textAsProbe: isCommonText(r, q) });
  console.log(w, 'total', p.total, 'common', isCommonText(r, q), 'wall', (performance.now() - t).toFixed(1), 'cpu', ((d.user + d.system) / 1000).toFixed(1),
    (db.prepare(`EXPLAIN QUERY PLAN SELECT d.rowid FROM documents d WHERE ${f.where} ORDER BY d.score DESC, d.path ASC, d.rowid ASC LIMIT 100`).all(...f.params) as any[]).map((x) => x.detail).join(' | '));
}
