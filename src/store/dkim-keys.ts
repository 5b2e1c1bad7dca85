// DKIM public keys imported by the analyst (archived DNS records), kept in the case.
import type { Db } from './db.js';

export function storedDkimKeys(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT name, record FROM dkim_keys').all() as { name: string; record: string }[];
  return new Map(rows.map((r) => [r.name, r.record]));
}

export function storeDkimKeys(db: Db, keys: ReadonlyMap<string, string>): number {
  const ins = db.prepare(`INSERT INTO dkim_keys (name, record, imported_at) VALUES (?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET record = excluded.record, imported_at = excluded.imported_at`);
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const [name, record] of keys) ins.run(name.toLowerCase(), record, at);
  })();
  return keys.size;
}
