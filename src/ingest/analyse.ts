// After extraction: corpus checks over the whole case, then every document's score.
// Skipped when nothing changed since the last analysis with the same set of checks, so a
// re-scan of an unchanged dump costs little more than its walk.

import type { Db } from '../store/db.js';
import { iterateCorpus, replaceCorpusFindings, updateScores } from '../store/corpus-view.js';
import { runCorpusChecks } from '../checks/run.js';
import { CHECKSET_VERSION, CORPUS_CHECKS } from '../checks/registry.js';
import { scoreFindings } from '../checks/score.js';
import type { CheckContext, CorpusCheck } from '../checks/types.js';
import type { Finding } from '../model/document.js';

export type CorpusFinding = { documentId: string; finding: Finding };

/** False when the case was analysed with this set of checks and nothing changed since. */
export function analysisNeeded(db: Db, force: boolean): boolean {
  const last = db.prepare("SELECT value FROM case_meta WHERE key = 'analysed_checkset'").pluck().get() as string | undefined;
  return force || last !== CHECKSET_VERSION;
}

/** The findings of some corpus checks (reads only: any connection, any thread). */
export function corpusFindings(db: Db, ctx: CheckContext, checks: readonly CorpusCheck[] = CORPUS_CHECKS): CorpusFinding[] {
  return [...runCorpusChecks((want) => iterateCorpus(db, want), ctx, checks)];
}

/** Replace the corpus findings and recompute every score, in one transaction. */
export function writeAnalysis(db: Db, found: readonly CorpusFinding[]): number {
  let n = 0;
  db.transaction(() => {
    n = replaceCorpusFindings(db, found);
    updateScores(db, scoreFindings);
    db.prepare(
      "INSERT INTO case_meta (key, value) VALUES ('analysed_checkset', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(CHECKSET_VERSION);
  })();
  return n;
}

export function documentCount(db: Db): number {
  return (db.prepare('SELECT count(*) FROM documents').pluck().get() as number) ?? 0;
}

/** The whole analysis on one thread. */
export function analyseCase(
  db: Db,
  ctx: CheckContext,
  opts: { force?: boolean; onProgress?: (analysed: number) => void } = {},
): { ran: boolean; findings: number } {
  const total = documentCount(db);
  if (!analysisNeeded(db, opts.force ?? false)) {
    opts.onProgress?.(total);
    return { ran: false, findings: 0 };
  }
  // Findings are computed first (reads only), then written in one transaction.
  const n = writeAnalysis(db, corpusFindings(db, ctx));
  opts.onProgress?.(total);
  return { ran: true, findings: n };
}
