// A document's score (0-100) from its findings.
//
// Independent evidence accumulates as 1 - Π(1 - w): one low finding gives 8, one medium 25, one
// high 55; two independent mediums 44, a high and a medium 66, two highs 80. So no single weak
// signal makes a document look fake, and "fake" territory needs independent findings.
// Findings are not all independent, though:
// - one check counts once (its strongest finding);
// - checks that read the same underlying fact are grouped and the group counts once: a PDF re-saved
//   in Preview shows an appended revision, a rewritten Producer (Info vs XMP), a Quartz AppendMode
//   footprint and a renewed /ID — one event, not four; zip member times (dates.order,
//   office.edit-burst) and a text's other copies (text.near-duplicate, email.threads) likewise;
// - attribution clues (a foreign or unknown name) weigh less than inconsistencies, because names
//   can be planted (Guccifer 2.0, MacronLeaks);
// - advisories (active content, JBIG2) and extraction errors are not evidence of forgery.

import type { Finding, Severity } from '../model/document.js';

/** Probability-like weight of one finding of each severity. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { high: 0.55, medium: 0.25, low: 0.08, info: 0 };

/** Checks that observe the same fact: only the strongest finding of the group counts. */
const EVIDENCE_GROUPS: Record<string, string> = {
  'pdf.revisions': 'handled-after-creation',
  'pdf.info-xmp': 'handled-after-creation',
  'pdf.post-processing': 'handled-after-creation',
  'pdf.trailer-id': 'handled-after-creation',
  'pdf.xmp-history': 'handled-after-creation',
  'people.outsider': 'attribution',
  'people.script': 'attribution',
  // Both read an OOXML package's zip member times: one re-zipping shows in both.
  'dates.order': 'package-times',
  'office.edit-burst': 'package-times',
  // Both compare a text with another copy of it in the dump: a reply chain or a redraft shows in both.
  'text.near-duplicate': 'shared-text',
  'email.threads': 'shared-text',
};

/** Multiplier of a group's (or check's) weight. */
const GROUP_FACTOR: Record<string, number> = {
  attribution: 0.6,
  'pdf.active-content': 0,
  'pdf.jbig2': 0,
  'check.crashed': 0,
};

function groupOf(check: string): string {
  return EVIDENCE_GROUPS[check] ?? check;
}

export function scoreFindings(findings: readonly Finding[]): number {
  const strongest = new Map<string, number>();
  for (const f of findings) {
    if (f.check.startsWith('extract.') || f.check.startsWith('ingest.')) continue; // errors are not evidence of forgery
    const g = groupOf(f.check);
    const w = SEVERITY_WEIGHT[f.severity] * (GROUP_FACTOR[g] ?? GROUP_FACTOR[f.check] ?? 1);
    strongest.set(g, Math.max(strongest.get(g) ?? 0, w));
  }
  let clean = 1;
  for (const w of strongest.values()) clean *= 1 - w;
  return Math.round((1 - clean) * 100);
}
