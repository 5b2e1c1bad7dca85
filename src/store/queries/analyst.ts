// The analyst's own work: tags, verdicts and notes, keyed by document id so a re-scan never loses them.
// Bulk operations run in one transaction; ids that name no document are ignored and not counted.

import type { Db } from '../db.js';
import type { Verdict } from '../../model/document.js';
import type { CaseReader } from './reader.js';

const CHUNK = 5000;

function existingIds(db: Db, ids: readonly string[]): string[] {
  const out: string[] = [];
  const stmt = db.prepare('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))').pluck();
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(stmt.all(JSON.stringify(ids.slice(i, i + CHUNK))) as string[]));
  return out;
}

export function tagDocuments(db: Db, ids: readonly string[], add: readonly string[], remove: readonly string[], now = new Date()): number {
  const at = now.toISOString();
  const ins = db.prepare('INSERT OR IGNORE INTO tags (doc_id, tag, created_at) VALUES (?, ?, ?)');
  const del = db.prepare('DELETE FROM tags WHERE doc_id = ? AND tag = ?');
  return db.transaction(() => {
    const found = existingIds(db, [...new Set(ids)]);
    for (const id of found) {
      for (const t of remove) del.run(id, t);
      for (const t of add) ins.run(id, t, at);
    }
    return found.length;
  })();
}

export function setVerdict(db: Db, ids: readonly string[], verdict: Verdict, now = new Date()): number {
  const up = db.prepare(`INSERT INTO verdicts (doc_id, verdict, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(doc_id) DO UPDATE SET verdict = excluded.verdict, updated_at = excluded.updated_at`);
  return db.transaction(() => {
    const found = existingIds(db, [...new Set(ids)]);
    for (const id of found) up.run(id, verdict, now.toISOString());
    return found.length;
  })();
}

/** An empty note removes the note. */
export function setNote(db: Db, id: string, note: string, now = new Date()): number {
  return db.transaction(() => {
    if (existingIds(db, [id]).length === 0) return 0;
    if (note.trim() === '') db.prepare('DELETE FROM notes WHERE doc_id = ?').run(id);
    else
      db.prepare(
        `INSERT INTO notes (doc_id, note, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(doc_id) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`,
      ).run(id, note, now.toISOString());
    return 1;
  })();
}

/** Every tag in use with the number of (current) documents carrying it. */
export function tagCounts(r: CaseReader): { tag: string; count: number }[] {
  return r.cached(
    'tag-counts',
    () =>
      r
        .stmt('SELECT t.tag, count(*) AS count FROM tags t JOIN documents d ON d.id = t.doc_id GROUP BY t.tag ORDER BY count DESC, t.tag')
        .all() as { tag: string; count: number }[],
  );
}
