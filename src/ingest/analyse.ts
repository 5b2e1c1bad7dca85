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
import { documentsWithOcrText } from '../store/ocr.js';

/** False when the case was analysed with this set of checks and nothing changed since. */
export function analysisNeeded(db: Db, force: boolean): boolean {
  return force || analysedCheckset(db) !== CHECKSET_VERSION;
}

/** The findings of some corpus checks (reads only: any connection, any thread). */
export function corpusFindings(db: Db, ctx: CheckContext, checks: readonly CorpusCheck[] = CORPUS_CHECKS): CorpusFinding[] {
  return markOcrText(db, [...runCorpusChecks((want) => iterateCorpus(db, want), ctx, checks)], checks);
}

/**
 * A check that reads text reads OCR text too (it ends the document's text): its findings on a
 * document whose text includes OCR say so (`textSource: 'ocr'`), and `otherTextSource: 'ocr'` when
 * the other document of the evidence (`otherDocument`) was OCRed.
 */
function markOcrText(db: Db, found: CorpusFinding[], checks: readonly CorpusCheck[]): CorpusFinding[] {
  const readers = new Set(checks.filter((c) => c.reads?.includes('text')).map((c) => c.id));
  if (readers.size === 0 || !found.some((f) => readers.has(f.finding.check))) return found;
  const ocr = documentsWithOcrText(db);
  if (ocr.size === 0) return found;
  return found.map((f) => {
    if (!readers.has(f.finding.check)) return f;
    const other = f.finding.evidence?.otherDocument;
    const self = ocr.has(f.documentId);
    const otherOcr = typeof other === 'string' && ocr.has(other);
    if (!self && !otherOcr) return f;
    const evidence = { ...f.finding.evidence, ...(self ? { textSource: 'ocr' } : {}), ...(otherOcr ? { otherTextSource: 'ocr' } : {}) };
    return { ...f, finding: { ...f.finding, evidence } };
  });
}

/** Replace the corpus findings and recompute every score, in one transaction. */
export function writeAnalysis(db: Db, found: readonly CorpusFinding[]): number {
  return writeCorpusAnalysis(db, found, scoreFindings, CHECKSET_VERSION);
}
