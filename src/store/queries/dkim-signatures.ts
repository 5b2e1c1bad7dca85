// The DKIM-Signature headers each email carries, as extracted (facts.email.dkim): what the report's
// per-signature DKIM results are listed from, whether or not the check judged each one.

import type { Db } from '../db.js';

export interface CarriedDkimSignature {
  /** Position among the message's DKIM-Signature headers, as the DKIM check numbers them. */
  index: number;
  domain: string | null;
  selector: string | null;
}

/** Document id -> its DKIM-Signature headers in order, for those of these documents that carry any. */
export function carriedDkimSignatures(db: Db, ids: readonly string[]): Map<string, CarriedDkimSignature[]> {
  const rows = db
    .prepare(
      `SELECT d.id, json_extract(j.value, '$.index') AS "index", json_extract(j.value, '$.domain') AS domain,
        json_extract(j.value, '$.selector') AS selector
      FROM documents d JOIN content c ON c.rowid = d.content_id, json_each(c.facts, '$.email.dkim') j
      WHERE d.id IN (SELECT value FROM json_each(?)) AND d.kind = 'email'
        AND json_extract(j.value, '$.header') = 'DKIM-Signature'
      ORDER BY d.id, j.key`,
    )
    .all(JSON.stringify(ids)) as ({ id: string } & CarriedDkimSignature)[];
  const out = new Map<string, CarriedDkimSignature[]>();
  for (const { id, ...sig } of rows) {
    if (typeof sig.index !== 'number') continue;
    const list = out.get(id);
    if (list) list.push(sig);
    else out.set(id, [sig]);
  }
  return out;
}
