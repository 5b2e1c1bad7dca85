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
