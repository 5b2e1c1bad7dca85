// The read side of a case: one read-only connection, its prepared statements and a result cache that
// empties itself whenever any connection commits (docs/store.md, "Writer and readers").

import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.js';

const MAX_STATEMENTS = 256;
const MAX_CACHED = 512;

export class CaseReader {
  private readonly statements = new Map<string, Statement>();
  private readonly cache = new Map<string, unknown>();
  private cacheVersion = -1;
  private readonly dataVersion: Statement;

  constructor(readonly db: Db) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /** A prepared statement for this SQL text, reused across calls. */
  stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.delete(this.statements.keys().next().value as string);
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Memoise a result until the case file changes. */
  cached<T>(key: string, compute: () => T): T {
    if (this.has(key)) return this.cache.get(key) as T;
    const value = compute();
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, value);
    return value;
  }

  /** Is a result for this key memoised for the case file as it is now? */
  has(key: string): boolean {
    const v = this.dataVersion.get() as number;
    if (v !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = v;
    }
    return this.cache.has(key);
  }

  /** Run several reads against one consistent snapshot (a scan may commit between them otherwise). */
  snapshot<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn)();
  }

  /** Forget cached results (after a write on another connection in this process that data_version may not yet show). */
  invalidate(): void {
    this.cache.clear();
    this.cacheVersion = -1;
  }
}
