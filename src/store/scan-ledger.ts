// The scans table: one row per scan, started, finished (done, failed or cancelled) with its progress
// and stage times, read back by the overview, the report and the benchmark.

import type { Db } from './db.js';
import { recordDumpRoot } from './case-meta.js';

/** Record a scan starting now on this dump; returns its id. */
export function beginScan(db: Db, root: string, startedAt: string): number {
  const id = Number(
    db.prepare('INSERT INTO scans (dump_root, started_at, state) VALUES (?, ?, ?)').run(root, startedAt, 'running').lastInsertRowid,
  );
  recordDumpRoot(db, root);
  return id;
}

/** Record how a scan ended, with its final progress and stage times (stored as JSON). */
export function finishScan(db: Db, scanId: number, state: string, stats: unknown): void {
  db.prepare('UPDATE scans SET finished_at = ?, state = ?, stats = ? WHERE id = ?').run(
    new Date().toISOString(),
    state,
    JSON.stringify(stats),
    scanId,
  );
}

/** A finished scan row for a case written without a scan (the synthetic case); returns its id. */
export function recordFinishedScan(db: Db, root: string, startedAt: string): number {
  return Number(db.prepare("INSERT INTO scans (dump_root, started_at, state) VALUES (?, ?, 'done')").run(root, startedAt).lastInsertRowid);
}

export interface ScanRecord {
  startedAt: string;
  finishedAt: string | null;
  state: string;
}

export function lastScan(db: Db): ScanRecord | null {
  return (
    (db.prepare('SELECT started_at AS startedAt, finished_at AS finishedAt, state FROM scans ORDER BY id DESC LIMIT 1').get() as
      ScanRecord | undefined) ?? null
  );
}

/** The stats finishScan stored for the last scan (null before any scan finished). */
export function lastScanStats(db: Db): unknown {
  const row = db.prepare('SELECT stats FROM scans ORDER BY id DESC LIMIT 1').pluck().get() as string | null | undefined;
  return row ? (JSON.parse(row) as unknown) : null;
}
