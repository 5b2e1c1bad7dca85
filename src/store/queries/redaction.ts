// Values a report of a selection would disclose about people and devices (author names, addresses,
// camera serials, GPS, printers), so the analyst can decide what to redact before publishing.
// Grouped by (field, source, value) with the number of selected documents carrying each.

import type { RedactionCandidate, ReportSelection } from '../../model/api.js';
import { buildFilter, selectionQuery } from './filter.js';
import type { CaseReader } from './reader.js';

export const MAX_CANDIDATES = 500;

const PERSON_KEYS = ['Author', 'LastAuthor', 'Creator', 'dc:creator', 'cp:lastModifiedBy', 'meta:initial-creator', 'xmp:Author', 'Artist',
  'By-line', 'Writer-Editor', 'OwnerName', 'CameraOwnerName', 'Manager', 'Company', 'From', 'To', 'Cc', 'Bcc', 'Reply-To', 'Sender',
  'Return-Path', 'Delivered-To', 'senderName', 'senderEmail', 'creatorName', 'lastModifierName'];
const DEVICE_KEYS = ['SerialNumber', 'BodySerialNumber', 'LensSerialNumber', 'InternalSerialNumber', 'CameraSerialNumber', 'Make', 'Model', 'HostComputer', 'ImageUniqueID'];
const EMAIL_RE = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

function categorise(source: string, key: string, value: string): RedactionCandidate['category'] | null {
  if (source === 'gps' || /^GPS/i.test(key)) return 'gps';
  if (/printer/i.test(key)) return 'printer';
  if (DEVICE_KEYS.includes(key)) return 'device';
  if (EMAIL_RE.test(value)) return 'email';
  if (PERSON_KEYS.includes(key)) return 'person';
  return null;
}

export function redactionCandidates(r: CaseReader, sel: ReportSelection): RedactionCandidate[] {
  const f = buildFilter(selectionQuery(sel));
  const sql = `SELECT m.source, m.key, m.value, count(DISTINCT d.rowid) AS documents
    FROM documents d JOIN content_metadata m ON m.content_id = d.content_id
    WHERE ${f.where} AND (m.source = 'gps' OR m.key IN (SELECT value FROM json_each(?)) OR m.key LIKE 'GPS%' OR m.key LIKE '%rinter%' OR m.value LIKE '%@%')
    GROUP BY m.source, m.key, m.value ORDER BY documents DESC LIMIT ?`;
  const keys = JSON.stringify([...PERSON_KEYS, ...DEVICE_KEYS]);
  return r.cached(`redaction\u0000${sql}\u0000${JSON.stringify(f.params)}`, () => {
    const rows = r.stmt(sql).all(...f.params, keys, MAX_CANDIDATES * 4) as { source: string; key: string; value: string; documents: number }[];
    const out: RedactionCandidate[] = [];
    for (const row of rows) {
      const category = categorise(row.source, row.key, row.value);
      if (!category || row.value.trim() === '') continue;
      out.push({ field: row.key, source: row.source, value: row.value, documents: row.documents, category });
      if (out.length >= MAX_CANDIDATES) break;
    }
    return out;
  });
}
