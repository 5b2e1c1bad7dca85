// Housekeeping after bulk writes: folding the write-ahead log into the case file, refreshing the
// planner's statistics.

import type { Db } from './db.js';

/** Fold the WAL into the case file and truncate it. */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** After a scan (or any bulk write): fold the WAL in, then let SQLite refresh what its planner needs. */
export function checkpointAndOptimize(db: Db): void {
  checkpointWal(db);
  db.pragma('optimize');
}
