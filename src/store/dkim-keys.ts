// DKIM public keys imported by the analyst (archived DNS records), kept in the case with where each
// came from: a key re-imported from elsewhere replaces the older one, and the caller is told. Also the
// public halves of private keys known to be published, by SPKI fingerprint.
import type { Db } from './db.js';
import { UNRECORDED_KEY_SOURCE } from './migrations.js';

export interface DkimKeyRecord {
  /** 'selector._domainkey.domain', lower-case. */
  name: string;
  /** The TXT record text. */
  record: string;
  /** The file (name or path as given), command line or archive entry the key came from. */
  source: string;
  /** From a key archive: when the key was first and last seen in DNS. */
  firstSeenAt?: string;
  lastSeenAt?: string;
}

/** A key that replaced one the case held from another source or with another record. */
export interface ReplacedDkimKey {
  name: string;
  source: string;
  previousSource: string;
  recordChanged: boolean;
}

/** The case's keys, by name. */
export function storedDkimKeys(db: Db): Map<string, Omit<DkimKeyRecord, 'name'>> {
  const rows = db.prepare('SELECT name, record, source, first_seen_at, last_seen_at FROM dkim_keys').all() as {
    name: string;
    record: string;
    source: string;
    first_seen_at: string | null;
    last_seen_at: string | null;
  }[];
  return new Map(
    rows.map((r) => [
      r.name,
      {
        record: r.record,
        source: r.source,
        ...(r.first_seen_at ? { firstSeenAt: r.first_seen_at } : {}),
        ...(r.last_seen_at ? { lastSeenAt: r.last_seen_at } : {}),
      },
    ]),
  );
}

/** Stores the keys (the newest import wins a name); returns the keys that replaced another. */
export function storeDkimKeys(db: Db, keys: readonly DkimKeyRecord[], at = new Date()): ReplacedDkimKey[] {
  const previous = db.prepare('SELECT record, source FROM dkim_keys WHERE name = ?');
  const ins = db.prepare(`INSERT INTO dkim_keys (name, record, imported_at, source, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET record = excluded.record, imported_at = excluded.imported_at, source = excluded.source,
      first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at`);
  const when = at.toISOString();
  const replaced: ReplacedDkimKey[] = [];
  db.transaction(() => {
    for (const k of keys) {
      const name = k.name.toLowerCase();
      const old = previous.get(name) as { record: string; source: string } | undefined;
      if (old && (old.source !== k.source || old.record !== k.record))
        replaced.push({ name, source: k.source, previousSource: old.source, recordChanged: old.record !== k.record });
      ins.run(name, k.record, when, k.source, k.firstSeenAt ?? null, k.lastSeenAt ?? null);
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

/** Records public keys whose private halves are published (SHA-256 of the SPKI DER, hex -> the PEM file). */
export function storePublishedDkimKeys(db: Db, keys: ReadonlyMap<string, string>, at = new Date()): void {
  const ins = db.prepare(`INSERT INTO dkim_published_keys (spki_sha256, source, imported_at) VALUES (?, ?, ?)
    ON CONFLICT(spki_sha256) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at`);
  const when = at.toISOString();
  db.transaction(() => {
    for (const [fingerprint, source] of keys) ins.run(fingerprint, source, when);
  })();
}

/** The published keys the case knows: SPKI SHA-256 -> the PEM file it came from. */
export function publishedDkimKeys(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT spki_sha256, source FROM dkim_published_keys').all() as { spki_sha256: string; source: string }[];
  return new Map(rows.map((r) => [r.spki_sha256, r.source]));
}
