// What the ingest hands the store for one document: the worker's output after extraction and
// document checks. Crosses the ingest → store boundary, so it lives in model.

import type { DocumentKind, Finding, Locator, MetadataEntry } from './document.js';
import type { Facts } from './facts.js';

export interface ExtractedContent {
  sha256: string;
  kind: DocumentKind;
  mime: string;
  size: number;
  extractor: string | null;
  extractorVersion: number;
  title: string | null;
  /** Best date (UTC ISO) and person (sender/author) for lists and sorting. */
  date: string | null;
  person: string | null;
  metadata: MetadataEntry[];
  text: string;
  facts: Facts;
  /** Extraction errors and document-check findings of this content. */
  findings: Finding[];
}

export interface DocumentRecord {
  id: string;
  parentId: string | null;
  /** Top-level file (relative path) this document comes from. */
  rootPath: string;
  /** Display path: 'mail/box.mbox!12' or 'a.zip!dir/file.pdf'. */
  path: string;
  name: string;
  locator: Locator;
  depth: number;
  sha256: string;
  size: number;
  /** Index of the top-level child this document belongs to (-1 = the file itself). */
  topIndex: number;
  /** Metadata about this occurrence (fs mtime, zip member time, mbox envelope). */
  occurrence: MetadataEntry[];
  /** Findings about this occurrence rather than the content (not followed, skipped by a limit). */
  occurrenceFindings: Finding[];
  /** Present when this content was extracted now; absent when the store already has it. */
  content?: ExtractedContent;
}
