// A document's score (0-100) from its findings. Independent evidence accumulates; one check
// counts once (its strongest finding), so a single weak signal stays low and no single medium
// signal makes a document look fake.

import type { Finding, Severity } from '../model/document.js';

/** Probability-like weight of one finding of each severity. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { high: 0.55, medium: 0.25, low: 0.08, info: 0 };

export function scoreFindings(findings: readonly Finding[]): number {
  const strongest = new Map<string, number>();
  for (const f of findings) {
    if (f.check.startsWith('extract.') || f.check.startsWith('ingest.')) continue; // errors are not evidence of forgery
    const w = SEVERITY_WEIGHT[f.severity];
    strongest.set(f.check, Math.max(strongest.get(f.check) ?? 0, w));
  }
  let clean = 1;
  for (const w of strongest.values()) clean *= 1 - w;
  return Math.round((1 - clean) * 100);
}
