// The failure ledger ordered by path, stage and code (the CLI's listing); overview.ts pages it in
// the order failures were recorded.

import type { FailureEntry } from '../../model/document.js';
import type { CaseReader } from './reader.js';

export function failurePageByPath(r: CaseReader, offset: number, limit: number): { total: number; rows: FailureEntry[] } {
  return r.snapshot(() => {
    const total = r.stmt('SELECT count(*) FROM failures').pluck().get() as number;
    const rows = r
      .stmt('SELECT doc_id AS documentId, path, stage, code, message, at FROM failures ORDER BY path, stage, code, rowid LIMIT ? OFFSET ?')
      .all(limit, offset) as FailureEntry[];
    return { total, rows };
  });
}
