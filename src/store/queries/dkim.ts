// The emails whose signatures a newly imported DKIM key may now let the DKIM check verify (the keys
// themselves are kept by src/store/dkim-keys.ts).

import type { Db } from '../db.js';
import type { Locator, MetadataEntry } from '../../model/document.js';
import type { Facts } from '../../model/facts.js';

export interface SignedEmail {
  contentId: number;
  sha256: string;
  kind: string;
  mime: string;
  size: number;
  name: string;
  locator: Locator;
  metadata: MetadataEntry[];
  facts: Facts;
}

/** Emails carrying at least one DKIM-Signature, each with one locator to re-read its raw bytes. */
export function* signedEmails(db: Db): Iterable<SignedEmail> {
  const ids = db
    .prepare(
      `SELECT c.rowid FROM emails e JOIN content c ON c.rowid = e.content_id
    WHERE json_array_length(c.facts, '$.email.dkim') > 0 ORDER BY c.rowid`,
    )
    .pluck()
    .all() as number[];
  const one = db.prepare(`SELECT c.sha256, c.kind, c.mime, c.size, c.facts, d.name, d.locator FROM content c
    JOIN documents d ON d.content_id = c.rowid WHERE c.rowid = ? ORDER BY d.rowid LIMIT 1`);
  const meta = db.prepare('SELECT source, key, value FROM content_metadata WHERE content_id = ? ORDER BY seq');
  for (const id of ids) {
    const row = one.get(id) as
      { sha256: string; kind: string; mime: string; size: number; facts: string; name: string; locator: string } | undefined;
    if (!row) continue;
    yield {
      contentId: id,
      sha256: row.sha256,
      kind: row.kind,
      mime: row.mime,
      size: row.size,
      name: row.name,
      locator: JSON.parse(row.locator) as Locator,
      metadata: meta.all(id) as MetadataEntry[],
      facts: JSON.parse(row.facts) as Facts,
    };
  }
}
