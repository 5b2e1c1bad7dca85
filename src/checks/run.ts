// Running checks: stamps each draft with its check id (a check cannot speak for another) and
// turns a crashing check into an info finding instead of losing the document.

import type { DocumentKind, Finding } from '../model/document.js';
import { CORPUS_CHECKS, DOCUMENT_CHECKS } from './registry.js';
import type { CheckContext, CorpusCheck, CorpusDocument, CorpusOnly, CorpusPart, DocumentFacts } from './types.js';

export async function runDocumentChecks(doc: DocumentFacts, ctx: CheckContext): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const check of DOCUMENT_CHECKS) {
    if (!check.kinds.includes(doc.kind)) continue;
    try {
      for (const d of await check.run(doc, ctx))
        out.push({ check: check.id, severity: d.severity, message: d.message, evidence: d.evidence });
    } catch (e) {
      out.push({
        check: 'check.crashed',
        severity: 'info',
        message: `The check ${check.id} could not run on this document.`,
        evidence: { check: check.id, error: String((e as Error)?.message ?? e).slice(0, 500) },
      });
    }
  }
  return out;
}

/** What a corpus check asks of the document source: its kinds, and the parts it reads. */
export interface CorpusSelection {
  kinds: readonly DocumentKind[];
  parts: readonly CorpusPart[];
  ids?: ReadonlySet<string>;
}

export function* runCorpusChecks(
  docs: (want: CorpusSelection) => Iterable<CorpusDocument>,
  ctx: CheckContext,
  checks: readonly CorpusCheck[] = CORPUS_CHECKS,
): Iterable<{ documentId: string; finding: Finding }> {
  for (const check of checks) {
    const want: CorpusSelection = { kinds: check.kinds, parts: check.reads ?? [] };
    const wanted = new Set(check.kinds);
    // The source should already select by kind; filtering again keeps the contract if it does not.
    const filtered = function* (only?: CorpusOnly) {
      for (const d of docs(only ? { ...want, ids: only.ids } : want)) if (wanted.has(d.kind) && (!only || only.ids.has(d.id))) yield d;
    };
    for (const r of check.run(filtered, ctx)) {
      yield {
        documentId: r.documentId,
        finding: { check: check.id, severity: r.finding.severity, message: r.finding.message, evidence: r.finding.evidence },
      };
    }
  }
}
