// After extraction: corpus checks over the whole case, then every document's score; skipped when
// nothing changed since the last analysis with the same set of checks (docs/ingest.md).

import type { Db } from '../store/db.js';
import { iterateCorpus } from '../store/corpus-view.js';
import { writeCorpusAnalysis, type CorpusFinding } from '../store/corpus-analysis.js';
import { analysedCheckset } from '../store/case-meta.js';
import { runCorpusChecks } from '../checks/run.js';
import { CHECKSET_VERSION, CORPUS_CHECKS } from '../checks/registry.js';
import { scoreFindings } from '../checks/score.js';
import type { CheckContext, CorpusCheck } from '../checks/types.js';

/** False when the case was analysed with this set of checks and nothing changed since. */
export function analysisNeeded(db: Db, force: boolean): boolean {
  return force || analysedCheckset(db) !== CHECKSET_VERSION;
}

/** The findings of some corpus checks (reads only: any connection, any thread). */
export function corpusFindings(db: Db, ctx: CheckContext, checks: readonly CorpusCheck[] = CORPUS_CHECKS): CorpusFinding[] {
  return [...runCorpusChecks((want) => iterateCorpus(db, want), ctx, checks)];
}

/** Replace the corpus findings and recompute every score, in one transaction. */
export function writeAnalysis(db: Db, found: readonly CorpusFinding[]): number {
  return writeCorpusAnalysis(db, found, scoreFindings, CHECKSET_VERSION);
}
