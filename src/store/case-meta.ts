// Facts about the case as a whole, kept in case_meta: the dump it was scanned from, the check set of
// its last analysis, the search summary's stamp.

import type { Db } from './db.js';

export function metaValue(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM case_meta WHERE key = ?').pluck().get(key) as string | undefined;
}

export function setMetaValue(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO case_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The dump folder of the last scan. */
export function dumpRoot(db: Db): string | undefined {
  return metaValue(db, 'dump_root');
}

export function recordDumpRoot(db: Db, root: string): void {
  setMetaValue(db, 'dump_root', root);
}

/** The check set (id@version,...) the case was last analysed with. */
export function analysedCheckset(db: Db): string | undefined {
  return metaValue(db, 'analysed_checkset');
}

export function recordAnalysedCheckset(db: Db, checkset: string): void {
  setMetaValue(db, 'analysed_checkset', checkset);
}
