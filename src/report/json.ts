// The JSON report of DESIGN.md, the external contract (schema: verity-report.schema.json), built from
// the gathered report data.

import type { JsonReport, ReportDocument } from '../model/report.js';
import type { GatheredReport } from './gather.js';

/** The contract's fields only, in the contract's order (the page-only fields stay behind). */
export function jsonReportFrom(data: GatheredReport, opts: { metadata?: boolean } = {}): JsonReport {
  const documents = data.documents.map((d): ReportDocument => {
    const out: ReportDocument = {
      id: d.id,
      path: d.path,
      sha256: d.sha256,
      kind: d.kind,
      score: d.score,
      flags: d.flags.map((f) => ({ check: f.check, severity: f.severity, message: f.message, evidence: f.evidence })),
      ...(d.dkim
        ? {
            dkim: d.dkim.map((s) => ({
              domain: s.domain,
              selector: s.selector,
              result: s.result,
              keySource: s.keySource,
              keyBits: s.keyBits,
              reason: s.reason,
            })),
          }
        : {}),
      tags: d.tags,
      verdict: d.verdict,
      note: d.note,
    };
    if (d.messageId !== undefined) out.messageId = d.messageId;
    if (d.parent !== undefined) out.parent = d.parent;
    if (opts.metadata) out.metadata = d.metadata.map((m) => ({ source: m.source, key: m.key, value: m.value }));
    return out;
  });
  return {
    tool: 'verity',
    version: data.version,
    generatedAt: data.generatedAt,
    dump: { root: data.dump.root, documents: data.dump.documents },
    documents,
  };
}
