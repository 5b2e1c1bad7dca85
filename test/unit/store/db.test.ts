import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, CaseFileError, openCase } from '../../../src/store/db.js';
import { SCHEMA_VERSION } from '../../../src/store/migrations.js';

describe('case file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verity-db-'));
  it('is created with WAL, the Verity application id and the current schema', () => {
    const db = openCase(join(dir, 'a.verity'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'documents',
        'content',
        'content_fts',
        'findings',
        'emails',
        'tags',
        'verdicts',
        'notes',
        'files',
        'failures',
        'scans',
      ]),
    );
    db.close();
  });
  it('refuses an SQLite file that is not a case, and one from a newer Verity', () => {
    const other = new Database(join(dir, 'other.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(() => openCase(join(dir, 'other.db'))).toThrow(CaseFileError);
    const newer = openCase(join(dir, 'newer.verity'));
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openCase(join(dir, 'newer.verity'))).toThrow(/newer Verity/);
    writeFileSync(join(dir, 'junk.verity'), 'not sqlite at all, just text that is long enough to be read as a header..........');
    expect(() => openCase(join(dir, 'junk.verity'))).toThrow(CaseFileError);
    rmSync(dir, { recursive: true, force: true });
  });
});
