// DKIM public keys imported by the analyst (archived DNS records), kept in the case with where each
// came from: a key re-imported from elsewhere replaces the older one, and the caller is told.
import type { Db } from './db.js';
import { UNRECORDED_KEY_SOURCE } from './migrations.js';

export interface DkimKeyRecord {
  /** 'selector._domainkey.domain', lower-case. */
  name: string;
  /** The TXT record text. */
  record: string;
  /** The file (name or path as given), command line or archive entry the key came from. */
  source: string;
}

/** A key that replaced one the case held from another source or with another record. */
export interface ReplacedDkimKey {
  name: string;
  source: string;
  previousSource: string;
  recordChanged: boolean;
}

export function storedDkimKeys(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT name, record FROM dkim_keys').all() as { name: string; record: string }[];
  return new Map(rows.map((r) => [r.name, r.record]));
}

/** Stores the keys (the newest import wins a name); returns the keys that replaced another. */
export function storeDkimKeys(db: Db, keys: readonly DkimKeyRecord[], at = new Date()): ReplacedDkimKey[] {
  const previous = db.prepare('SELECT record, source FROM dkim_keys WHERE name = ?');
  const ins = db.prepare(`INSERT INTO dkim_keys (name, record, imported_at, source) VALUES (?, ?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET record = excluded.record, imported_at = excluded.imported_at, source = excluded.source`);
  const when = at.toISOString();
  const replaced: ReplacedDkimKey[] = [];
  db.transaction(() => {
    for (const k of keys) {
      const name = k.name.toLowerCase();
      const old = previous.get(name) as { record: string; source: string } | undefined;
      if (old && (old.source !== k.source || old.record !== k.record))
        replaced.push({ name, source: k.source, previousSource: old.source, recordChanged: old.record !== k.record });
      ins.run(name, k.record, when, k.source);
    }
  })();
  return replaced;
}

/** The source of each stored key, by name. A case opened read-only before migration 6 has none recorded. */
export function dkimKeySources(db: Db): (name: string) => string | undefined {
  const columns = db.prepare("SELECT name FROM pragma_table_info('dkim_keys')").pluck().all() as string[];
  const stmt = db.prepare(`SELECT ${columns.includes('source') ? 'source' : '?'} FROM dkim_keys WHERE name = ?`).pluck();
  const params = (name: string) => (columns.includes('source') ? [name.toLowerCase()] : [UNRECORDED_KEY_SOURCE, name.toLowerCase()]);
  return (name) => stmt.get(...params(name)) as string | undefined;
}
