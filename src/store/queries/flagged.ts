// How many documents carry at least one flag (a finding that is evidence: not an error, not info).

import type { CaseReader } from './reader.js';

export function flaggedDocumentCount(r: CaseReader): number {
  return r.cached('flagged', () => r.stmt('SELECT count(*) FROM documents WHERE flags > 0').pluck().get() as number);
}
