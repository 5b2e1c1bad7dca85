// The DKIM keys the case still lacks: per signing domain and selector, how many emails a key would
// let the DKIM check verify and the time span of their signatures (docs/api.md, "DKIM keys").

import type { Db } from '../db.js';

interface MissingDkimKey {
  /** Lower-case, as DNS compares names. */
  domain: string;
  selector: string;
  /** Distinct messages (copies of one message count once) with a signature under this key. */
  emails: number;
  /** Earliest and latest signing time (t=, else the message's Date), ISO-8601; null when neither is known. */
  firstDate: string | null;
  lastDate: string | null;
}

export interface DkimKeyNeeds {
  missing: MissingDkimKey[];
  /** Signatures whose key the case now holds but that were not re-verified since (the dump was not at hand). */
  awaitingReverification: number;
}

/** Signatures the DKIM check judged without a key, grouped by the key they need. */
export function dkimKeyNeeds(db: Db): DkimKeyNeeds {
  const rows = db
    .prepare(
      `WITH sigs AS (
        SELECT DISTINCT d.content_id AS content_id,
          json_extract(f.evidence, '$.signature') AS sig,
          lower(json_extract(f.evidence, '$.d')) AS domain,
          lower(json_extract(f.evidence, '$.s')) AS selector,
          json_extract(f.evidence, '$.t') AS signed_at
        FROM findings f JOIN documents d ON d.rowid = f.doc_rowid
        WHERE f.check_id = 'email.dkim' AND f.origin = 'content' AND json_extract(f.evidence, '$.verdict') = 'nokey'
      )
      SELECT s.domain, s.selector, count(DISTINCT s.content_id) AS emails,
        min(coalesce(s.signed_at, e.date_utc)) AS firstDate, max(coalesce(s.signed_at, e.date_utc)) AS lastDate,
        count(*) AS signatures,
        EXISTS (SELECT 1 FROM dkim_keys k WHERE k.name = s.selector || '._domainkey.' || s.domain) AS imported
      FROM sigs s LEFT JOIN emails e ON e.content_id = s.content_id
      WHERE s.domain IS NOT NULL AND s.domain != '' AND s.selector IS NOT NULL AND s.selector != ''
      GROUP BY s.domain, s.selector
      ORDER BY emails DESC, s.domain, s.selector`,
    )
    .all() as (MissingDkimKey & { signatures: number; imported: 0 | 1 })[];
  let awaitingReverification = 0;
  const missing: MissingDkimKey[] = [];
  for (const { signatures, imported, ...key } of rows) {
    if (imported) awaitingReverification += signatures;
    else missing.push(key);
  }
  return { missing, awaitingReverification };
}
