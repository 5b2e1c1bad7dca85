import { openCase } from '/work/main/src/store/db.ts';
import { buildFilter } from '/work/main/src/store/queries/filter.ts';
const db = openCase(process.argv[2], { readonly: true });
const show = (label: string, sql: string, params: unknown[]) => console.log(label.padEnd(22), (db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...params) as any[]).map((x) => x.detail).join(' | '));
for (const [l, q] of [['kind', { kinds: ['pdf'] }], ['unresolved', { verdicts: ['unresolved'] }], ['person', { people: ['person0@example.org'] }]] as const) {
  const f = buildFilter(q as any);
  show(l, `SELECT d.rowid FROM documents d WHERE ${f.where} ORDER BY d.score DESC, d.path ASC, d.rowid ASC LIMIT 100`, f.params);
  show(l + ' count', `SELECT count(*) FROM documents d WHERE ${f.where}`, f.params);
  show(l + ' people', `SELECT d.person, count(*) FROM documents d WHERE d.person IS NOT NULL AND ${f.where} GROUP BY d.person`, f.params);
  show(l + ' checks', `SELECT f.check_id AS value, count(DISTINCT f.doc_rowid) AS count FROM findings f JOIN documents d ON d.rowid = f.doc_rowid WHERE ${f.where} GROUP BY f.check_id`, f.params);
}
show('timeline', `SELECT substr(date, 1, 10) AS day, count(*) AS n, sum(score > 0) AS flagged FROM documents WHERE date IS NOT NULL AND date >= '0001' GROUP BY day`, []);
show('relevance', `SELECT d.rowid, d.content_id FROM (SELECT rowid AS cid, rank AS r FROM content_fts WHERE content_fts MATCH ?) m CROSS JOIN documents d ON d.content_id = m.cid WHERE 1 ORDER BY m.r ASC, d.rowid ASC LIMIT 100`, ['kalo']);
