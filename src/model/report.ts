// The JSON report: the external contract of DESIGN.md. Keep it stable; the schema is
// src/report/verity-report.schema.json.

import type { DocumentKind, Severity, Verdict } from './document.js';

export interface ReportFlag {
  check: string;
  severity: Severity;
  message: string;
  evidence: Record<string, unknown>;
}

export interface ReportMetadataEntry {
  source: string;
  key: string;
  value: string;
}

/** What one DKIM signature shows, offline (DESIGN.md, "DKIM offline"). */
export type DkimResult = 'pass' | 'fail' | 'no-key' | 'bad-key' | 'body-hash-mismatch';

/** One DKIM-Signature an email carries, as verified with the keys the analyst imported. */
export interface ReportDkimSignature {
  /** d= and s= as written ('' when the signature lacks the tag). */
  domain: string;
  selector: string;
  result: DkimResult;
  /** Where the key that judged the signature came from (the imported file, the command line, the
   *  archive entry); null when no key was used. */
  keySource: string | null;
  keyBits: number | null;
  /** Why, in words. */
  reason: string;
}

export interface ReportDocument {
  id: string;
  /** Relative path in the dump; members as archive.zip!inner/file.pdf. */
  path: string;
  sha256: string;
  kind: DocumentKind;
  messageId?: string;
  parent?: string;
  score: number;
  flags: ReportFlag[];
  /** Emails only: one entry per DKIM-Signature header ([] when unsigned). */
  dkim?: ReportDkimSignature[];
  tags: string[];
  verdict: Verdict;
  note: string;
  metadata?: ReportMetadataEntry[];
}

export interface JsonReport {
  tool: 'verity';
  version: string;
  generatedAt: string;
  dump: { root: string; documents: number };
  documents: ReportDocument[];
}
