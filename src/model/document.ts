// Core shapes shared by every layer: documents, locators, metadata, findings.
// Types only: the renderer imports from here and nothing else of src/.

/** What a reader would call the document; drives facets and report grouping. */
export type DocumentKind = 'email' | 'pdf' | 'office' | 'image' | 'archive' | 'text' | 'other';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['email', 'pdf', 'office', 'image', 'archive', 'text', 'other'];

export type Severity = 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export type Verdict = 'authentic' | 'suspect' | 'fake' | 'unresolved';
export const VERDICTS: readonly Verdict[] = ['authentic', 'suspect', 'fake', 'unresolved'];

/**
 * One step of the path from a file on disk to a document's bytes.
 * The first segment of every chain is a `file`; later segments name a child of the
 * document the previous segments lead to. A chain is enough to re-open the bytes.
 */
export type LocatorSegment =
  /** A file in the dump, path relative to the dump root with '/' separators. */
  | { type: 'file'; path: string; /** Base64 of the raw name bytes when the path is not valid UTF-8. */ raw?: string }
  /** A member of an archive (zip), by its index in the central directory and its stored name. */
  | { type: 'member'; index: number; name: string }
  /** A message inside an mbox: byte range of the message (after the "From " line) in the mbox. */
  | { type: 'mbox'; index: number; offset: number; length: number }
  /** A MIME attachment (or .msg attachment) by position among the parent's attachments. */
  | { type: 'attachment'; index: number; name: string }
  /** An item of a mail store (.pst) by its node id and folder path. */
  | { type: 'item'; index: number; id: string; name: string };

export type Locator = LocatorSegment[];

/** A metadata field as found in the file: key and value verbatim, with where it came from. */
export interface MetadataEntry {
  /** e.g. 'pdf.info', 'pdf.xmp', 'ooxml.core', 'ooxml.app', 'ooxml.custom', 'odf.meta', 'ole.summary',
   *  'email.header', 'exif', 'iptc', 'xmp', 'gps', 'zip', 'fs', 'mbox'. */
  source: string;
  key: string;
  /** As found in the file (decoded to text); dates keep their original syntax. */
  value: string;
}

/** A finding as produced by a check and stored on a document. */
export interface Finding {
  /** Dotted lowercase id of the check, e.g. 'pdf.info-xmp-mismatch'. */
  check: string;
  severity: Severity;
  /** One sentence a non-specialist understands. */
  message: string;
  /** Data that supports the finding: the values compared, offsets, counts. JSON-serialisable. */
  evidence: Record<string, unknown>;
}

/** Error codes an extractor or the ingest may attach to a document. */
export type ExtractErrorCode =
  'encrypted' | 'truncated' | 'corrupt' | 'unsupported' | 'limit-exceeded' | 'timeout' | 'unreadable' | 'crashed' | 'not-followed';

/** A row of the failure ledger: a file or document that failed at some stage. */
export interface FailureEntry {
  documentId: string | null;
  path: string;
  stage: 'walk' | 'read' | 'extract' | 'check' | 'index' | 'ocr';
  code: ExtractErrorCode | string;
  message: string;
  at: string;
}
