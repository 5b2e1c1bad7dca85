// The files table: how far the scan got with each top-level file of the dump, so a scan killed at any
// point resumes where it stopped and a re-scan skips what did not change (docs/ingest.md).

import type { Db } from './db.js';

interface FileState {
  path: string;
  size: number;
  mtimeMs: number;
  state: 'partial' | 'done';
  checkpoint: number;
  sha256: string | null;
}

/** What a scan does with a file the walk found. */
export type FileDecision =
  /** Finished by an earlier scan and unchanged since: keep its rows. */
  | { action: 'keep' }
  /** Unchanged but unfinished: resume after the top-level children already committed. */
  | { action: 'resume'; skip: number }
  /** New or changed: start from scratch. */
  | { action: 'start' };

export class FileLedger {
  private readonly s;

  constructor(private readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      fileState: p('SELECT path, size, mtime_ms AS mtimeMs, state, checkpoint, sha256 FROM files WHERE path = ?'),
      upsertFile: p(`INSERT INTO files (path, size, mtime_ms, state, checkpoint, sha256, scan_id) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(path) DO UPDATE SET size=excluded.size, mtime_ms=excluded.mtime_ms, state=excluded.state, checkpoint=excluded.checkpoint,
          sha256=coalesce(excluded.sha256, files.sha256), scan_id=excluded.scan_id`),
      setCheckpoint: p('UPDATE files SET checkpoint = ?, state = ? WHERE path = ?'),
      touchFile: p('UPDATE files SET scan_id = ? WHERE path = ?'),
      touchDocs: p('UPDATE documents SET scan_id = ? WHERE root_path = ?'),
      delRootDocs: p('DELETE FROM documents WHERE root_path = ?'),
      delRootFailures: p("DELETE FROM failures WHERE path = ? OR path LIKE ? ESCAPE '\\'"),
    };
  }

  private fileState(path: string): FileState | undefined {
    return this.s.fileState.get(path) as FileState | undefined;
  }

  /** Keep, resume or start this file, from what the ledger says of it and its size and mtime now. */
  decide(f: { rel: string; size: number; mtimeMs: number }): FileDecision {
    const state = this.fileState(f.rel);
    if (!state || state.size !== f.size || state.mtimeMs !== f.mtimeMs) return { action: 'start' };
    if (state.state === 'done') return { action: 'keep' };
    return state.state === 'partial' ? { action: 'resume', skip: state.checkpoint } : { action: 'start' };
  }

  /** Start (or restart from scratch) a top-level file: forget what an older version of it produced. */
  begin(path: string, size: number, mtimeMs: number, scanId: number, fresh: boolean): void {
    if (fresh) {
      this.s.delRootDocs.run(path);
      this.s.delRootFailures.run(path, `${escapeLike(path)}!%`);
    }
    this.s.upsertFile.run(path, size, mtimeMs, 'partial', fresh ? 0 : (this.fileState(path)?.checkpoint ?? 0), null, scanId);
  }

  /** The file did not change since it was finished: keep its rows, mark them seen by this scan. */
  keep(path: string, scanId: number): void {
    this.s.touchFile.run(scanId, path);
    this.s.touchDocs.run(scanId, path);
  }

  /** This many top-level children of the file are committed. */
  checkpoint(path: string, topChildrenDone: number): void {
    this.s.setCheckpoint.run(topChildrenDone, 'partial', path);
  }

  finish(path: string, size: number, mtimeMs: number, sha256: string | null, scanId: number): void {
    this.s.upsertFile.run(path, size, mtimeMs, 'done', 0, sha256, scanId);
  }

  /** Documents of files that were not seen by this scan (deleted from the dump) are removed;
   *  the analyst's tags, verdicts and notes stay, keyed by id, should the file come back. */
  removeUnseen(scanId: number): number {
    const gone = this.db.prepare('SELECT path FROM files WHERE scan_id != ?').pluck().all(scanId) as string[];
    const tx = this.db.transaction(() => {
      for (const p of gone) {
        this.s.delRootDocs.run(p);
        this.db.prepare('DELETE FROM files WHERE path = ?').run(p);
      }
    });
    tx();
    return gone.length;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
