// After extraction: corpus checks over the whole case, then every document's score.
// Skipped when nothing changed since the last analysis with the same set of checks, so a
// re-scan of an unchanged dump costs little more than its walk.

import type { Db } from '../store/db.js';
import { iterateCorpus, replaceCorpusFindings, updateScores } from '../store/corpus-view.js';
import { runCorpusChecks } from '../checks/run.js';
import { CHECKSET_VERSION } from '../checks/registry.js';
import { scoreFindings } from '../checks/score.js';
import type { CheckContext } from '../checks/types.js';

export function analyseCase(db: Db, ctx: CheckContext, opts: { force?: boolean; onProgress?: (analysed: number) => void } = {}): { ran: boolean; findings: number } {
  const last = db.prepare("SELECT value FROM case_meta WHERE key = 'analysed_checkset'").pluck().get() as string | undefined;
  const total = (db.prepare('SELECT count(*) FROM documents').pluck().get() as number) ?? 0;
  if (!opts.force && last === CHECKSET_VERSION) {
    opts.onProgress?.(total);
    return { ran: false, findings: 0 };
  }
  // Findings are computed first (reads only), then written in one transaction.
  const found = [...runCorpusChecks((want) => iterateCorpus(db, { kinds: want.kinds, parts: want.parts }), ctx)];
  let n = 0;
  db.transaction(() => {
    n = replaceCorpusFindings(db, found);
    updateScores(db, scoreFindings);
    db.prepare("INSERT INTO case_meta (key, value) VALUES ('analysed_checkset', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(CHECKSET_VERSION);
  })();
  opts.onProgress?.(total);
  return { ran: true, findings: n };
}
