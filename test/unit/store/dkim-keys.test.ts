// DKIM keys in the case: migration 6 gives every key a source (keys of an older case say theirs was
// not recorded), a key imported again keeps the newest and says what it replaced, and a case opened
// read-only before the migration still answers where its keys came from.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, openCase } from '../../../src/store/db.js';
import { migrate, SCHEMA_VERSION, UNRECORDED_KEY_SOURCE } from '../../../src/store/migrations.js';
import { dkimKeySources, storedDkimKeys, storeDkimKeys } from '../../../src/store/dkim-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'verity-dkim-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns = (file: string) => {
  const db = openCase(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM pragma_table_info('dkim_keys')").pluck().all();
  } finally {
    db.close();
  }
};

/** A case as the Verity before migration 6 wrote it: migrations 1-5, a key without a source. */
function oldCase(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, 5);
  db.prepare('INSERT INTO dkim_keys (name, record, imported_at) VALUES (?, ?, ?)').run(
    'mail2017._domainkey.campagne-exemple.fr',
    'v=DKIM1; k=rsa; p=MIIBIjAN',
    '2024-05-01T10:00:00.000Z',
  );
  db.close();
}

describe('migration 6 on a case written before it', () => {
  const file = join(dir, 'old.verity');
  beforeAll(() => oldCase(file));

  it('starts from the old schema', () => {
    expect(columns(file)).toEqual(['name', 'record', 'imported_at']);
  });

  it('read-only (never migrated), still says where each key came from: not recorded', () => {
    const db = openCase(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(5);
      expect(dkimKeySources(db)('MAIL2017._domainkey.campagne-exemple.fr')).toBe(UNRECORDED_KEY_SOURCE);
      expect(dkimKeySources(db)('other._domainkey.example.org')).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('opened for writing, gains the column and keeps the old keys with an unrecorded source', () => {
    const db = openCase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(storedDkimKeys(db)).toEqual(
        new Map([['mail2017._domainkey.campagne-exemple.fr', { record: 'v=DKIM1; k=rsa; p=MIIBIjAN', source: UNRECORDED_KEY_SOURCE }]]),
      );
      expect(db.prepare('SELECT source, imported_at FROM dkim_keys').get()).toEqual({
        source: UNRECORDED_KEY_SOURCE,
        imported_at: '2024-05-01T10:00:00.000Z',
      });
      expect(dkimKeySources(db)('mail2017._domainkey.campagne-exemple.fr')).toBe(UNRECORDED_KEY_SOURCE);
    } finally {
      db.close();
    }
    expect(columns(file)).toEqual(['name', 'record', 'imported_at', 'source', 'first_seen_at', 'last_seen_at']);
  });
});

describe('storeDkimKeys', () => {
  it('keeps the newest import of a name and lists what it replaced', () => {
    const db = openCase(join(dir, 'keys.verity'));
    try {
      const name = 'sel._domainkey.example.org';
      const at = new Date('2025-01-01T00:00:00Z');
      expect(storeDkimKeys(db, [{ name: 'SEL._domainkey.example.org', record: 'p=A', source: 'a.txt' }], at)).toEqual([]);
      // The same key from the same file: nothing replaced.
      expect(storeDkimKeys(db, [{ name, record: 'p=A', source: 'a.txt' }], at)).toEqual([]);
      // The same key from another file: the newest source is kept, and said.
      expect(storeDkimKeys(db, [{ name, record: 'p=A', source: 'b.txt' }], at)).toEqual([
        { name, source: 'b.txt', previousSource: 'a.txt', recordChanged: false },
      ]);
      expect(storeDkimKeys(db, [{ name, record: 'p=B', source: 'archive.json, entry 3' }], new Date('2025-02-01T00:00:00Z'))).toEqual([
        { name, source: 'archive.json, entry 3', previousSource: 'b.txt', recordChanged: true },
      ]);
      expect(storedDkimKeys(db)).toEqual(new Map([[name, { record: 'p=B', source: 'archive.json, entry 3' }]]));
      expect(dkimKeySources(db)(name)).toBe('archive.json, entry 3');
      expect(db.prepare('SELECT imported_at FROM dkim_keys').pluck().get()).toBe('2025-02-01T00:00:00.000Z');
    } finally {
      db.close();
    }
  });
});
