// Plain figures of a case: its documents, by kind, and the size of its file.

import type { Db } from '../db.js';

export function documentCount(db: Db): number {
  return (db.prepare('SELECT count(*) FROM documents').pluck().get() as number) ?? 0;
}

export function documentsByKind(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT kind, count(*) AS n FROM documents GROUP BY kind').all() as { kind: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** Bytes of the case's main file (its pages; the WAL apart). */
export function caseFileBytes(db: Db): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}

/** Ids of `count` documents picked at random positions in rowid order (`random` in [0, 1)). */
export function sampleDocumentIds(db: Db, count: number, random: () => number): string[] {
  const maxRowid = db.prepare('SELECT max(rowid) FROM documents').pluck().get() as number;
  const idAt = db.prepare('SELECT id FROM documents WHERE rowid >= ? ORDER BY rowid LIMIT 1').pluck();
  return Array.from({ length: count }, () => idAt.get(1 + Math.floor(random() * maxRowid)) as string);
}
