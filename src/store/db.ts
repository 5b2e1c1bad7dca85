// Opening a case file: pragmas, the application id that marks a Verity case, migrations, and the
// native binding choice that keeps the Node build (CLI, tests) apart from the Electron build.

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/** 'VRTY' as a 32-bit integer: `PRAGMA application_id` marks the file as a Verity case. */
export const APPLICATION_ID = 0x56525459;

export class CaseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseFileError';
  }
}

export interface OpenOptions {
  readonly?: boolean;
  /** Path of a better-sqlite3 .node built for this runtime (Electron sets VERITY_SQLITE_BINDING). */
  nativeBinding?: string;
  /** SQLite page cache in MB (default 64). A connection that streams the case once, such as a
   *  corpus check's, gains nothing from a large cache and pays for it in resident memory. */
  cacheMb?: number;
}

export function openCase(file: string, opts: OpenOptions = {}): Db {
  const nativeBinding = opts.nativeBinding ?? process.env.VERITY_SQLITE_BINDING;
  if (opts.readonly && !existsSync(file)) throw new CaseFileError(`case file ${file} does not exist`);
  let db: Db;
  try {
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (e) {
    throw new CaseFileError(`cannot open case file ${file}: ${(e as Error).message}`);
  }
  try {
    prepare(db, file, !!opts.readonly);
  } catch (e) {
    db.close();
    if (e instanceof CaseFileError) throw e;
    throw new CaseFileError(`${file} cannot be used as a case file: ${(e as Error).message}`);
  }
  db.pragma(`cache_size = -${Math.max(1, Math.round((opts.cacheMb ?? 64) * 1024))}`);
  // Temporary storage (statement journals, sorts, temp tables) in files, not memory: in memory, one
  // UPDATE of the scores over a million documents kept every page it changed in the statement journal
  // (52 -> 631 MB resident; 160 MB with files, 15 s either way). Searches, facets and summaries
  // measured the same either way. Small temp files live in the OS cache; SQLite unlinks them at once.
  db.pragma('temp_store = FILE');
  // No mmap_size: mapped pages of the case file count in the process's resident memory (up to the
  // map size, 256 MB before), for no measurable gain over SQLite's own page cache here.
  return db;
}

function prepare(db: Db, file: string, readonly: boolean): void {
  db.pragma('busy_timeout = 10000');
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (!readonly) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get() as { n: number };
    if (appId !== APPLICATION_ID && tables.n > 0) throw new CaseFileError(`${file} is an SQLite file but not a Verity case`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db);
  } else if (appId !== APPLICATION_ID) {
    throw new CaseFileError(`${file} is not a Verity case`);
  }
}
